#include "live_client.h"

#include <sys/socket.h>

#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "base/asio.h"

namespace viddhana::test {

namespace beast = boost::beast;
namespace websocket = beast::websocket;

struct LiveClient::Connection {
    asio::io_context io;
    websocket::stream<tcp::socket> ws{io};
};

LiveClient::LiveClient(uint16_t port) : c_(std::make_unique<Connection>()) {
    c_->ws.next_layer().connect({asio::ip::make_address("127.0.0.1"), port});
    timeval tv{60, 0};  // a missing message fails the read instead of hanging the test
    setsockopt(c_->ws.next_layer().native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    c_->ws.handshake("localhost", "/ws");
}

LiveClient::~LiveClient() {
    beast::error_code ec;
    c_->ws.next_layer().close(ec);
}

void LiveClient::send(const nlohmann::json& message) {
    c_->ws.write(asio::buffer(message.dump()));
}

void LiveClient::subscribe(const std::string& channel, const std::string& token) {
    nlohmann::json m{{"op", "subscribe"}, {"channel", channel}};
    if (!token.empty()) m["token"] = token;
    send(m);
}

nlohmann::json LiveClient::read() {
    beast::flat_buffer buf;
    c_->ws.read(buf);
    return nlohmann::json::parse(beast::buffers_to_string(buf.data()));
}

nlohmann::json LiveClient::read_until(const std::function<bool(const nlohmann::json&)>& match) {
    for (;;) {
        auto m = read();
        if (match(m)) return m;
    }
}

nlohmann::json LiveClient::read_event(const std::string& type, const std::string& channel) {
    return read_until([&](const nlohmann::json& m) {
        return m.value("type", "") == type && m.value("channel", "") == channel;
    });
}

}  // namespace viddhana::test
