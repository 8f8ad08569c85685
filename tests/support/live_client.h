// A WebSocket client of the API's live feed (GET /ws) for tests: subscribes and reads JSON
// messages. A read that gets nothing within a minute throws instead of hanging the test.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace viddhana::test {

class LiveClient {
  public:
    explicit LiveClient(uint16_t port);
    ~LiveClient();
    LiveClient(const LiveClient&) = delete;
    LiveClient& operator=(const LiveClient&) = delete;

    void send(const nlohmann::json& message);
    // {"op":"subscribe","channel":channel} plus "token" when given.
    void subscribe(const std::string& channel, const std::string& token = "");
    nlohmann::json read();
    // Reads (and skips) messages until one matches.
    nlohmann::json read_until(const std::function<bool(const nlohmann::json&)>& match);
    // Reads until a message of this type on this channel.
    nlohmann::json read_event(const std::string& type, const std::string& channel);

  private:
    struct Connection;
    std::unique_ptr<Connection> c_;
};

}  // namespace viddhana::test
