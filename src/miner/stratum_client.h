// The miner's connection to a pool (Asio, on the caller's io_context thread): connects, sends the
// opening requests, reads the pool's lines into ClientProtocol and hands the events on. When the
// pool goes away it reconnects with a growing delay (reset once a session is subscribed); it
// follows client.reconnect to the host and port the pool names.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "base/asio.h"
#include "miner/client_protocol.h"

namespace viddhana::miner {

struct ReconnectPolicy {
    std::chrono::milliseconds first_delay{1000};
    std::chrono::milliseconds max_delay{30000};
    std::chrono::milliseconds connect_timeout{10000};
};

class StratumClient {
  public:
    // Called on the io_context's thread.
    using EventHandler = std::function<void(const ClientEvent&)>;
    // connected = false when a connection ended (or could not be made), with the reason.
    using ConnectionHandler = std::function<void(bool connected, const std::string& reason)>;

    StratumClient(asio::io_context& io, ClientSettings settings, std::string host, uint16_t port,
                  ReconnectPolicy policy, EventHandler on_event, ConnectionHandler on_connection);
    ~StratumClient();
    StratumClient(const StratumClient&) = delete;
    StratumClient& operator=(const StratumClient&) = delete;

    // From any thread.
    void start();
    void stop();
    void submit(ShareSubmission share);

    // Shares that could not be sent because no connection was up.
    uint64_t dropped_submits() const { return dropped_submits_.load(std::memory_order_relaxed); }
    // True once the connection loop has ended after stop().
    bool finished() const { return finished_.load(std::memory_order_acquire); }

  private:
    awaitable<void> run();
    awaitable<bool> connect_once(std::string& reason);
    awaitable<void> read_session(std::string& reason);
    awaitable<void> wait(std::chrono::milliseconds delay);
    void send(std::string line);
    void write_next();
    void close_socket();

    asio::io_context& io_;
    ClientProtocol protocol_;
    std::string host_;
    uint16_t port_;
    ReconnectPolicy policy_;
    EventHandler on_event_;
    ConnectionHandler on_connection_;

    tcp::socket socket_;
    tcp::resolver resolver_;
    asio::steady_timer timer_;
    asio::steady_timer connect_timer_;
    bool stopping_ = false;
    bool connected_ = false;
    bool subscribed_ = false;
    std::chrono::milliseconds backoff_;
    std::chrono::milliseconds next_wait_{0};  // set by client.reconnect
    std::string read_buffer_;
    std::string out_;
    bool write_in_flight_ = false;
    uint64_t session_ = 0;  // connection number: completions of older connections are ignored
    bool reconnect_requested_ = false;
    std::atomic<uint64_t> dropped_submits_{0};
    std::atomic<bool> finished_{false};
};

}  // namespace viddhana::miner
