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
    // Guarded by the hub's mutex.
    std::set<std::string> channels;

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

LiveHub::LiveHub(LiveHubOptions options, ChannelCheck check)
    : options_(options), check_(std::move(check)) {}

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
    for (const auto& [name, subs] : channels_) {
        if (!subs.empty()) out.push_back(name);
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
    std::vector<std::shared_ptr<Session>> targets;
    {
        std::lock_guard lock(mutex_);
        auto it = channels_.find(channel);
        if (it == channels_.end() || it->second.empty()) return;
        targets.assign(it->second.begin(), it->second.end());
    }
    auto text = std::make_shared<const std::string>(message(type, channel, data));
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

void LiveHub::subscribe(const std::shared_ptr<Session>& s, const std::string& channel) {
    auto ok = check_(channel);
    std::string reply;
    if (!ok) {
        reply = error_message("bad_channel", ok.error().message);
    } else {
        std::lock_guard lock(mutex_);
        if (s->channels.size() >= options_.max_subscriptions && !s->channels.count(channel)) {
            reply = error_message("too_many_subscriptions",
                                  "at most " + std::to_string(options_.max_subscriptions) +
                                      " channels per connection");
        } else {
            s->channels.insert(channel);
            channels_[channel].insert(s);
            reply = message("subscribed", channel, nullptr);
        }
    }
    enqueue(s, std::make_shared<const std::string>(std::move(reply)), options_.max_queue,
            slow_disconnects_);
}

void LiveHub::unsubscribe(const std::shared_ptr<Session>& s, const std::string& channel) {
    {
        std::lock_guard lock(mutex_);
        s->channels.erase(channel);
        auto it = channels_.find(channel);
        if (it != channels_.end()) {
            it->second.erase(s);
            if (it->second.empty()) channels_.erase(it);
        }
    }
    enqueue(s, std::make_shared<const std::string>(message("unsubscribed", channel, nullptr)),
            options_.max_queue, slow_disconnects_);
}

void LiveHub::remove(const std::shared_ptr<Session>& s) {
    std::lock_guard lock(mutex_);
    for (const auto& c : s->channels) {
        auto it = channels_.find(c);
        if (it != channels_.end()) {
            it->second.erase(s);
            if (it->second.empty()) channels_.erase(it);
        }
    }
    s->channels.clear();
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
                subscribe(s, n);
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
