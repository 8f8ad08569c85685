// WebSocket clients of GET /ws and their channels: "pool", "blocks" and "miner:<address>".
// A client subscribes with {"op":"subscribe","channel":"blocks"} (or {"type":"subscribe",
// "channels":[...]}) and receives {"type":"block.found","channel":"blocks","data":{...}}.
// Each client has a bounded send queue: a client that does not read fast enough is
// disconnected, not buffered for without limit. Messages are serialized once per event.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "base/expected.h"

namespace viddhana::api {

struct LiveHubOptions {
    size_t max_queue = 256;         // messages waiting for one client
    size_t max_subscriptions = 32;  // channels per client
    size_t max_clients = 10'000;
    size_t max_message_bytes = 4096;  // what a client may send
};

class LiveHub {
  public:
    // Checks a channel name: Error with the reason for an unknown channel or a bad address.
    using ChannelCheck = std::function<Expected<bool>(const std::string& channel)>;

    LiveHub(LiveHubOptions options, ChannelCheck check);
    ~LiveHub();

    // Takes over an upgraded connection (from HttpServer::on_upgrade).
    void accept(boost::beast::tcp_stream stream,
                boost::beast::http::request<boost::beast::http::string_body> req);
    // Queues the event for every client subscribed to `channel`.
    void publish(const std::string& channel, const std::string& type, const nlohmann::json& data);
    // Channels with at least one subscriber.
    std::vector<std::string> active_channels() const;
    size_t clients() const;
    uint64_t slow_disconnects() const { return slow_disconnects_.load(); }
    // Closes every connection (at shutdown).
    void close_all();

    // One connection (defined in the .cpp).
    struct Session;

  private:
    void subscribe(const std::shared_ptr<Session>& s, const std::string& channel);
    void unsubscribe(const std::shared_ptr<Session>& s, const std::string& channel);
    void remove(const std::shared_ptr<Session>& s);
    void handle_text(const std::shared_ptr<Session>& s, const std::string& text);

    const LiveHubOptions options_;
    const ChannelCheck check_;
    mutable std::mutex mutex_;
    std::set<std::shared_ptr<Session>> sessions_;
    std::map<std::string, std::set<std::shared_ptr<Session>>> channels_;
    std::atomic<uint64_t> slow_disconnects_{0};
};

}  // namespace viddhana::api
