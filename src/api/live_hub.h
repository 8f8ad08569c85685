// WebSocket clients of GET /ws and their channels: public ones ("pool", "blocks",
// "miner:<address>") and private ones a client reaches only with a valid access token
// ({"op":"subscribe","channel":"account","token":"<access JWT>"}). A private channel is shown
// to its client under its label ("account") but kept under an internal name ("account:42") the
// client cannot choose, so no token ever opens another account's events. When the token that
// opened it expires, the subscription ends with a "token_expired" error; subscribing again with
// a fresh token continues it.
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

#include "base/clock.h"

namespace viddhana::api {

struct LiveHubOptions {
    size_t max_queue = 256;         // messages waiting for one client
    size_t max_subscriptions = 32;  // channels per client
    size_t max_clients = 10'000;
    size_t max_message_bytes = 4096;  // what a client may send
};

// What a subscription request resolves to: a grant, or a refusal with its code
// ("bad_channel", "unauthorized") and reason.
struct ChannelDecision {
    std::string name;        // internal channel name, what publish() addresses
    std::string label;       // what the client sees in "channel"; empty: the name
    int64_t expires_ms = 0;  // end of the grant (the token's expiry); 0: never
    std::string refusal_code;
    std::string refusal;
    bool granted() const { return refusal_code.empty(); }

    static ChannelDecision grant(std::string name, std::string label = {}, int64_t expires_ms = 0) {
        return {std::move(name), std::move(label), expires_ms, {}, {}};
    }
    static ChannelDecision refuse(std::string code, std::string reason) {
        return {{}, {}, 0, std::move(code), std::move(reason)};
    }
};

class LiveHub {
  public:
    // Resolves a requested channel, with the token the request carried (empty if none).
    using ChannelResolver =
        std::function<ChannelDecision(const std::string& channel, const std::string& token)>;

    LiveHub(LiveHubOptions options, ChannelResolver resolve, const Clock& clock);
    ~LiveHub();

    // Called (on the connection's thread) after a subscription to the internal channel `name`
    // is in place; set before the first connection.
    void set_subscribed_listener(std::function<void(const std::string& name)> listener) {
        subscribed_ = std::move(listener);
    }
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
    void subscribe(const std::shared_ptr<Session>& s, const std::string& channel,
                   const std::string& token);
    void unsubscribe(const std::shared_ptr<Session>& s, const std::string& label);
    // Removes a subscription; under mutex_. `name` by value: callers pass keys of the map it
    // erases from.
    void drop_locked(const std::shared_ptr<Session>& s, std::string name);
    void remove(const std::shared_ptr<Session>& s);
    void handle_text(const std::shared_ptr<Session>& s, const std::string& text);

    const LiveHubOptions options_;
    const ChannelResolver resolve_;
    const Clock& clock_;
    std::function<void(const std::string&)> subscribed_;
    mutable std::mutex mutex_;
    std::set<std::shared_ptr<Session>> sessions_;
    struct Channel {
        std::string label;
        std::set<std::shared_ptr<Session>> subscribers;
    };
    std::map<std::string, Channel> channels_;  // by internal name
    std::atomic<uint64_t> slow_disconnects_{0};
};

}  // namespace viddhana::api
