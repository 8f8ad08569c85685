// The transport around one Connection, on its shard's thread (no locks). Session holds what
// every transport shares: feeding received bytes to the Connection, writing its outbox (straight
// to the kernel when it takes it, queueing only the rest), closing when the Connection says so,
// and the Connection's host (the shard). A transport implements the four primitives below:
// TcpSession is plain TCP; a TLS stream slots in as another subclass.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/asio.h"
#include "stratum/connection.h"

namespace viddhana::stratum {

class Shard;

class Session : public ConnectionHost, public std::enable_shared_from_this<Session> {
  public:
    Session(Shard& shard, std::string address, Extranonce1 extranonce1);
    ~Session() override;

    virtual void start() = 0;
    Connection& connection() { return connection_; }
    bool closed() const { return transport_closed_; }

    // From the shard.
    void send_job(const JobPtr& job);
    void tick(int64_t now_ms);
    void pow_done(const chain::Uint256& pow_hash);
    void reconnect_and_close(const std::string& host, int port, int wait_seconds);
    // The node's extranonce space moved: the connection follows (mining.set_extranonce) or is
    // asked to reconnect.
    void move_extranonce(const std::string& host, int port, int wait_seconds);
    void close(std::string_view reason);

    // ConnectionHost: the shard's jobs and tools, and its sinks.
    ConnectionTools& tools() override;
    const JobPtr& current_job() const override;
    JobPtr find_job(uint64_t id) const override;
    JobPtr job_for(const JobPtr& job, const Bytes& payout_script) override;
    void block_found(std::string block_hex, bus::FoundBlock block) override;
    void share_judged(bus::ShareEvent&& event) override;
    void hash_later() override;

  protected:
    // Bytes read from the transport.
    void received(const char* data, size_t n);
    // Writes what the connection has to say; closes when it is done.
    void flush();
    // The transport's end of an asynchronous write started by write_async().
    void on_written(bool ok);
    void ended(std::string_view reason);  // the transport's read side ended

    // Transport primitives. write_now writes what the transport takes without blocking and
    // returns false on a broken connection.
    virtual bool write_now(std::string_view data, size_t& written) = 0;
    // Writes all of `buffer` (owned by the session until on_written()).
    virtual void write_async(const std::string& buffer) = 0;
    virtual void close_transport() = 0;

    Shard& shard_;
    Connection connection_;

  private:
    std::string writing_;  // bytes of the asynchronous write in flight
    bool write_in_flight_ = false;
    bool transport_closed_ = false;
};

// Plain TCP. It reads without holding a buffer while idle (wait for readable, then read into
// the shard's buffer), which keeps an idle connection small.
class TcpSession final : public Session {
  public:
    TcpSession(Shard& shard, tcp::socket socket, std::string address, Extranonce1 extranonce1);
    void start() override;

  private:
    awaitable<void> read_loop();
    bool write_now(std::string_view data, size_t& written) override;
    void write_async(const std::string& buffer) override;
    void close_transport() override;

    tcp::socket socket_;
};

}  // namespace viddhana::stratum
