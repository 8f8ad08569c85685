#include "api/live_hub.h"

#include <deque>

#include <spdlog/spdlog.h>
#include <boost/beast/websocket.hpp>

#include "base/asio.h"

namespace viddhana::api {

namespace beast = boost::beast;
namespace websocket = beast::websocket;

struct LiveHub::Session : std::enable_shared_from_this<LiveHub::Session> {
    explicit Session(beast::tcp_stream&& stream) : ws(std::move(stream)) {}

    websocket::stream<beast::tcp_stream> ws;
    // Touched only on the connection's strand.
    std::deque<std::shared_ptr<const std::string>> queue;
    bool writing = false;
    bool closed = false;
    // Guarded by the hub's mutex: internal channel name -> (label, end of the grant or 0).
    std::map<std::string, std::pair<std::string, int64_t>> channels;

    void close_now() {
        if (closed) return;
        closed = true;
        beast::error_code ec;
        beast::get_lowest_layer(ws).socket().shutdown(tcp::socket::shutdown_both, ec);
        beast::get_lowest_layer(ws).socket().close(ec);
    }
};

namespace {

std::string message(const std::string& type, const std::string& channel,
                    const nlohmann::json& data) {
    nlohmann::json j{{"type", type}};
    if (!channel.empty()) j["channel"] = channel;
    if (!data.is_null()) j["data"] = data;
    return j.dump();
}

std::string error_message(const std::string& code, const std::string& text) {
    return nlohmann::json{{"type", "error"}, {"error", {{"code", code}, {"message", text}}}}.dump();
}

}  // namespace

LiveHub::LiveHub(LiveHubOptions options, ChannelResolver resolve, const Clock& clock)
    : options_(options), resolve_(std::move(resolve)), clock_(clock) {}

LiveHub::~LiveHub() {
    close_all();
}

size_t LiveHub::clients() const {
    std::lock_guard lock(mutex_);
    return sessions_.size();
}

std::vector<std::string> LiveHub::active_channels() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& [name, channel] : channels_) {
        if (!channel.subscribers.empty()) out.push_back(name);
    }
    return out;
}

void LiveHub::close_all() {
    std::vector<std::shared_ptr<Session>> all;
    {
        std::lock_guard lock(mutex_);
        all.assign(sessions_.begin(), sessions_.end());
    }
    for (auto& s : all) {
        asio::post(s->ws.get_executor(), [s] { s->close_now(); });
    }
}

// Runs on the connection's strand: queue, and start the writer when idle.
static void enqueue(const std::shared_ptr<LiveHub::Session>& s,
                    std::shared_ptr<const std::string> text, size_t max_queue,
                    std::atomic<uint64_t>& slow);

void LiveHub::publish(const std::string& channel, const std::string& type,
                      const nlohmann::json& data) {
    std::vector<std::shared_ptr<Session>> targets, expired;
    std::string label;
    {
        std::lock_guard lock(mutex_);
        auto it = channels_.find(channel);
        if (it == channels_.end() || it->second.subscribers.empty()) return;
        label = it->second.label;
        const int64_t now = clock_.now_ms();
        for (const auto& s : it->second.subscribers) {
            auto grant = s->channels.find(channel);
            int64_t until = grant == s->channels.end() ? 0 : grant->second.second;
            (until != 0 && now >= until ? expired : targets).push_back(s);
        }
        for (const auto& s : expired)
            drop_locked(s, channel);
    }
    if (!expired.empty()) {
        auto text = std::make_shared<const std::string>(
            error_message("token_expired", "the access token for channel '" + label +
                                               "' expired: subscribe again with a fresh token"));
        for (auto& s : expired) {
            asio::post(s->ws.get_executor(), [s, text, max = options_.max_queue, this] {
                enqueue(s, text, max, slow_disconnects_);
            });
        }
    }
    if (targets.empty()) return;
    auto text = std::make_shared<const std::string>(message(type, label, data));
    for (auto& s : targets) {
        asio::post(s->ws.get_executor(), [s, text, max = options_.max_queue, this] {
            enqueue(s, text, max, slow_disconnects_);
        });
    }
}

static awaitable<void> write_loop(std::shared_ptr<LiveHub::Session> s) {
    while (!s->queue.empty() && !s->closed) {
        auto text = s->queue.front();
        beast::error_code ec;
        s->ws.text(true);
        co_await s->ws.async_write(asio::buffer(*text),
                                   asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            s->close_now();
            break;
        }
        s->queue.pop_front();
    }
    s->writing = false;
}

static void enqueue(const std::shared_ptr<LiveHub::Session>& s,
                    std::shared_ptr<const std::string> text, size_t max_queue,
                    std::atomic<uint64_t>& slow) {
    if (s->closed) return;
    if (s->queue.size() >= max_queue) {
        // Too slow to keep up: disconnect rather than hold an ever-growing backlog.
        slow.fetch_add(1);
        spdlog::info("ws: disconnecting a client {} messages behind", s->queue.size());
        s->queue.clear();
        s->close_now();
        return;
    }
    s->queue.push_back(std::move(text));
    if (!s->writing) {
        s->writing = true;
        asio::co_spawn(s->ws.get_executor(), write_loop(s), asio::detached);
    }
}

void LiveHub::subscribe(const std::shared_ptr<Session>& s, const std::string& channel,
                        const std::string& token) {
    auto decision = resolve_(channel, token);
    std::string reply;
    bool subscribed = false;
    if (!decision.granted()) {
        reply = error_message(decision.refusal_code, decision.refusal);
    } else {
        std::string label = decision.label.empty() ? decision.name : decision.label;
        std::lock_guard lock(mutex_);
        if (s->channels.size() >= options_.max_subscriptions && !s->channels.count(decision.name)) {
            reply = error_message("too_many_subscriptions",
                                  "at most " + std::to_string(options_.max_subscriptions) +
                                      " channels per connection");
        } else {
            // A label stands for one channel per connection: a new grant replaces the old one.
            for (auto it = s->channels.begin(); it != s->channels.end(); ++it) {
                if (it->second.first == label && it->first != decision.name) {
                    drop_locked(s, it->first);
                    break;
                }
            }
            s->channels[decision.name] = {label, decision.expires_ms};
            auto& c = channels_[decision.name];
            c.label = label;
            c.subscribers.insert(s);
            reply = message("subscribed", label, nullptr);
            subscribed = true;
        }
    }
    enqueue(s, std::make_shared<const std::string>(std::move(reply)), options_.max_queue,
            slow_disconnects_);
    if (subscribed && subscribed_) subscribed_(decision.name);
}

void LiveHub::drop_locked(const std::shared_ptr<Session>& s, std::string name) {
    s->channels.erase(name);
    auto it = channels_.find(name);
    if (it != channels_.end()) {
        it->second.subscribers.erase(s);
        if (it->second.subscribers.empty()) channels_.erase(it);
    }
}

void LiveHub::unsubscribe(const std::shared_ptr<Session>& s, const std::string& label) {
    {
        std::lock_guard lock(mutex_);
        for (auto it = s->channels.begin(); it != s->channels.end(); ++it) {
            if (it->second.first == label) {
                drop_locked(s, it->first);
                break;
            }
        }
    }
    enqueue(s, std::make_shared<const std::string>(message("unsubscribed", label, nullptr)),
            options_.max_queue, slow_disconnects_);
}

void LiveHub::remove(const std::shared_ptr<Session>& s) {
    std::lock_guard lock(mutex_);
    while (!s->channels.empty())
        drop_locked(s, s->channels.begin()->first);
    sessions_.erase(s);
}

void LiveHub::handle_text(const std::shared_ptr<Session>& s, const std::string& text) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    auto reply_error = [&](const std::string& code, const std::string& what) {
        enqueue(s, std::make_shared<const std::string>(error_message(code, what)),
                options_.max_queue, slow_disconnects_);
    };
    if (!j.is_object()) return reply_error("bad_message", "messages are JSON objects");
    std::string op = j.value("op", j.value("type", std::string()));
    std::string token;
    if (j.contains("token") && j["token"].is_string()) token = j["token"];
    std::vector<std::string> names;
    if (j.contains("channel") && j["channel"].is_string()) names.push_back(j["channel"]);
    if (j.contains("channels") && j["channels"].is_array()) {
        for (const auto& c : j["channels"]) {
            if (c.is_string()) names.push_back(c);
        }
    }
    if (op == "ping") {
        enqueue(s, std::make_shared<const std::string>(message("pong", "", nullptr)),
                options_.max_queue, slow_disconnects_);
    } else if (op == "subscribe" || op == "unsubscribe") {
        if (names.empty()) return reply_error("bad_message", op + " needs a \"channel\"");
        for (const auto& n : names) {
            if (op == "subscribe") {
                subscribe(s, n, token);
            } else {
                unsubscribe(s, n);
            }
        }
    } else {
        reply_error("bad_message", "unknown op '" + op + "' (subscribe, unsubscribe, ping)");
    }
}

void LiveHub::accept(beast::tcp_stream stream, beast::http::request<beast::http::string_body> req) {
    auto s = std::make_shared<Session>(std::move(stream));
    {
        std::lock_guard lock(mutex_);
        if (sessions_.size() >= options_.max_clients) {
            beast::error_code ec;
            beast::get_lowest_layer(s->ws).socket().close(ec);
            return;
        }
        sessions_.insert(s);
    }
    auto run = [this, s, req = std::move(req)]() mutable -> awaitable<void> {
        beast::error_code ec;
        s->ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
        s->ws.read_message_max(options_.max_message_bytes);
        co_await s->ws.async_accept(req, asio::redirect_error(asio::use_awaitable, ec));
        while (!ec) {
            beast::flat_buffer buffer;
            co_await s->ws.async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
            if (ec) break;
            handle_text(s, beast::buffers_to_string(buffer.data()));
        }
        remove(s);
        s->close_now();
    };
    asio::co_spawn(s->ws.get_executor(), std::move(run), asio::detached);
}

}  // namespace viddhana::api
