// A deliberately plain Stratum client for tests: blocking socket, explicit deadlines, every
// message kept, so tests can send exactly what they mean (garbage included) and check exactly
// what came back.
#pragma once
#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace viddhana::test {

class StratumTestClient {
  public:
    // Connects to 127.0.0.1:port from `source_ip` (any 127.x.y.z address works on Linux).
    explicit StratumTestClient(uint16_t port, const std::string& source_ip = "127.0.0.1");
    ~StratumTestClient();
    StratumTestClient(const StratumTestClient&) = delete;
    StratumTestClient& operator=(const StratumTestClient&) = delete;

    void send_raw(const std::string& bytes);
    void send(const nlohmann::json& message) { send_raw(message.dump() + "\n"); }
    // Sends a request and returns the response with that id; notifications that arrive first are
    // kept for next_notification().
    nlohmann::json request(int id, const std::string& method, nlohmann::json params,
                           std::chrono::milliseconds deadline = std::chrono::seconds(30));
    // The next message from the server (queued or read); throws on timeout or closed connection.
    nlohmann::json next_message(std::chrono::milliseconds deadline = std::chrono::seconds(30));
    // The next notification with this method, skipping others; throws on timeout.
    nlohmann::json next_notification(const std::string& method,
                                     std::chrono::milliseconds deadline = std::chrono::seconds(60));
    // True when the server closed the connection before the deadline.
    bool wait_closed(std::chrono::milliseconds deadline = std::chrono::seconds(30));
    bool is_open() const { return fd_ >= 0 && !eof_; }

    // subscribe + authorize; returns extranonce1 and fills the session's difficulty and job from
    // the set_difficulty and notify that follow.
    struct Session {
        std::string extranonce1;
        int extranonce2_size = 0;
        double difficulty = 0;
        nlohmann::json notify;  // the notify params
    };
    Session login(const std::string& user, const std::string& password = "x");
    // The miner's view of its work now: after a ping's round trip (so everything the server sent
    // before is read), the newest notify params and set_difficulty queued, which `s` is updated
    // with; older notifications of both are dropped.
    void catch_up(Session& s);

  private:
    bool read_line(std::string& line, std::chrono::steady_clock::time_point until);

    int fd_ = -1;
    bool eof_ = false;
    std::string buffer_;
    std::deque<nlohmann::json> pending_;
};

}  // namespace viddhana::test
