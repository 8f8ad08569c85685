// The WebSocket hub over loopback: subscriptions, channel checks, events reaching only their
// subscribers, and a client that stops reading being disconnected instead of buffered.
#include "api/live_hub.h"

#include <sys/socket.h>

#include <cstdio>
#include <thread>

#include <gtest/gtest.h>
#include <boost/beast/websocket.hpp>

#include "http/http_server.h"

namespace viddhana::api {
namespace {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
using nlohmann::json;

class LiveHubTest : public ::testing::Test {
  protected:
    void start(LiveHubOptions options) {
        hub_ = std::make_unique<LiveHub>(
            options,
            [](const std::string& c, const std::string& token) {
                if (c == "blocks" || c == "pool") return ChannelDecision::grant(c);
                // A stand-in for the access token check: "token-<id>-<expiry ms>".
                if (c == "account") {
                    int64_t id = 0, until = 0;
                    if (std::sscanf(token.c_str(), "token-%ld-%ld", &id, &until) != 2)
                        return ChannelDecision::refuse("unauthorized", "no valid token");
                    return ChannelDecision::grant("account:" + std::to_string(id), "account",
                                                  until);
                }
                return ChannelDecision::refuse("bad_channel", "unknown channel '" + c + "'");
            },
            clock_);
        hub_->set_subscribed_listener([this](const std::string& name) {
            std::lock_guard lock(mutex_);
            subscribed_.push_back(name);
        });
        http::HttpServerOptions o;
        o.host = "127.0.0.1";
        o.pipeline.access_log = false;
        server_ = std::make_unique<http::HttpServer>(io_.get_executor(), o, router_);
        server_->on_upgrade(
            "/ws", [this](beast::tcp_stream s, beast::http::request<beast::http::string_body> r,
                          const http::Request&) { hub_->accept(std::move(s), std::move(r)); });
        server_->start();
        thread_ = std::thread([this] { io_.run(); });
    }
    void TearDown() override {
        hub_->close_all();
        server_->stop();
        io_.stop();
        thread_.join();
    }

    std::unique_ptr<websocket::stream<tcp::socket>> connect() {
        auto ws = std::make_unique<websocket::stream<tcp::socket>>(client_io_);
        ws->next_layer().connect({asio::ip::make_address("127.0.0.1"), server_->port()});
        timeval tv{20, 0};  // a read that never completes fails the test instead of hanging it
        setsockopt(ws->next_layer().native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        ws->handshake("localhost", "/ws");
        return ws;
    }
    static json read(websocket::stream<tcp::socket>& ws) {
        beast::flat_buffer buf;
        ws.read(buf);
        return json::parse(beast::buffers_to_string(buf.data()));
    }
    static void send(websocket::stream<tcp::socket>& ws, const json& j) {
        ws.write(asio::buffer(j.dump()));
    }
    void wait_for(const std::function<bool()>& condition) {
        auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (!condition()) {
            ASSERT_LT(std::chrono::steady_clock::now(), until) << "condition not met in time";
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }

    ManualClock clock_{1'000'000};
    std::mutex mutex_;
    std::vector<std::string> subscribed_;
    asio::io_context io_, client_io_;
    http::Router router_;
    std::unique_ptr<LiveHub> hub_;
    std::unique_ptr<http::HttpServer> server_;
    std::thread thread_;
};

TEST_F(LiveHubTest, SubscribersReceiveTheirChannelsEvents) {
    start({});
    auto a = connect();
    auto b = connect();
    send(*a, {{"op", "subscribe"}, {"channel", "blocks"}});
    EXPECT_EQ(read(*a), (json{{"type", "subscribed"}, {"channel", "blocks"}}));
    send(*b, {{"type", "subscribe"}, {"channels", {"pool"}}});
    EXPECT_EQ(read(*b)["channel"], "pool");
    send(*b, {{"op", "subscribe"}, {"channel", "nope"}});
    auto refused = read(*b);
    EXPECT_EQ(refused["type"], "error");
    EXPECT_EQ(refused["error"]["code"], "bad_channel");
    wait_for([&] { return hub_->active_channels().size() == 2; });

    hub_->publish("blocks", "block.found", {{"hash", "00ab"}});
    hub_->publish("pool", "pool.stats", {{"hashrate", 5}});
    auto block = read(*a);
    EXPECT_EQ(block["type"], "block.found");
    EXPECT_EQ(block["channel"], "blocks");
    EXPECT_EQ(block["data"]["hash"], "00ab");
    EXPECT_EQ(read(*b)["type"], "pool.stats");  // b never saw the block

    send(*a, {{"op", "unsubscribe"}, {"channel", "blocks"}});
    EXPECT_EQ(read(*a)["type"], "unsubscribed");
    send(*a, {{"op", "ping"}});
    EXPECT_EQ(read(*a)["type"], "pong");
    EXPECT_EQ(hub_->clients(), 2u);
}

// A client that leaves takes its subscriptions with it; the others keep receiving.
TEST_F(LiveHubTest, AClientThatLeavesIsForgotten) {
    start({});
    auto a = connect();
    auto b = connect();
    send(*a, {{"op", "subscribe"}, {"channels", {"blocks", "pool"}}});
    EXPECT_EQ(read(*a)["channel"], "blocks");
    EXPECT_EQ(read(*a)["channel"], "pool");
    send(*b, {{"op", "subscribe"}, {"channel", "blocks"}});
    EXPECT_EQ(read(*b)["type"], "subscribed");
    a->next_layer().close();
    wait_for([&] { return hub_->clients() == 1; });
    EXPECT_EQ(hub_->active_channels(), std::vector<std::string>{"blocks"});
    hub_->publish("blocks", "block.found", {{"hash", "00ef"}});
    EXPECT_EQ(read(*b)["data"]["hash"], "00ef");
}

TEST_F(LiveHubTest, AClientThatStopsReadingIsDisconnected) {
    start({.max_queue = 4});
    auto slow = connect();
    send(*slow, {{"op", "subscribe"}, {"channel", "blocks"}});
    EXPECT_EQ(read(*slow)["type"], "subscribed");
    // Large events until the socket buffers are full and the queue overflows.
    std::string big(256 * 1024, 'x');
    for (int i = 0; i < 200 && hub_->slow_disconnects() == 0; ++i) {
        hub_->publish("blocks", "block.found", {{"pad", big}});
    }
    wait_for([&] { return hub_->slow_disconnects() == 1; });
    wait_for([&] { return hub_->clients() == 0; });
}

// A private channel: refused without a valid token, shown under its label, kept per account, and
// ended when the token that opened it expires.
TEST_F(LiveHubTest, PrivateChannelsNeedAValidTokenAndEndWithIt) {
    start({});
    auto a = connect();
    auto b = connect();
    send(*a, {{"op", "subscribe"}, {"channel", "account"}});
    auto refused = read(*a);
    EXPECT_EQ(refused["type"], "error");
    EXPECT_EQ(refused["error"]["code"], "unauthorized");
    send(*a, {{"op", "subscribe"}, {"channel", "account"}, {"token", "forged"}});
    EXPECT_EQ(read(*a)["error"]["code"], "unauthorized");
    EXPECT_TRUE(hub_->active_channels().empty());

    send(*a, {{"op", "subscribe"}, {"channel", "account"}, {"token", "token-7-1060000"}});
    EXPECT_EQ(read(*a), (json{{"type", "subscribed"}, {"channel", "account"}}));
    send(*b, {{"op", "subscribe"}, {"channel", "account"}, {"token", "token-8-1060000"}});
    EXPECT_EQ(read(*b)["type"], "subscribed");
    wait_for([&] { return hub_->active_channels().size() == 2; });
    {
        std::lock_guard lock(mutex_);
        EXPECT_EQ(subscribed_, (std::vector<std::string>{"account:7", "account:8"}));
    }

    hub_->publish("account:7", "account.summary", {{"who", 7}});
    hub_->publish("account:8", "account.summary", {{"who", 8}});
    auto mine = read(*a);
    EXPECT_EQ(mine["channel"], "account");  // the internal name stays inside
    EXPECT_EQ(mine["data"]["who"], 7);
    EXPECT_EQ(read(*b)["data"]["who"], 8);  // b never saw account 7's event

    // a's token expires: the next event ends its subscription instead of reaching it.
    clock_.set_ms(1'060'000);
    hub_->publish("account:7", "account.summary", {{"who", 7}});
    auto expired = read(*a);
    EXPECT_EQ(expired["type"], "error");
    EXPECT_EQ(expired["error"]["code"], "token_expired");
    wait_for([&] { return hub_->active_channels() == std::vector<std::string>{"account:8"}; });
    // A fresh token opens it again.
    send(*a, {{"op", "subscribe"}, {"channel", "account"}, {"token", "token-7-2000000"}});
    EXPECT_EQ(read(*a)["type"], "subscribed");
    hub_->publish("account:7", "account.summary", {{"who", 7}, {"again", true}});
    EXPECT_EQ(read(*a)["data"]["again"], true);
    send(*a, {{"op", "unsubscribe"}, {"channel", "account"}});
    EXPECT_EQ(read(*a)["type"], "unsubscribed");
    wait_for([&] { return hub_->active_channels() == std::vector<std::string>{"account:8"}; });
}

}  // namespace
}  // namespace viddhana::api
