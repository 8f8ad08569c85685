// A real redis-server for tests, on a free loopback port with persistence off, in a temporary
// directory. Ready once it answers PING. Stopped when destroyed.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

namespace viddhana::test {

class Process;
class TempDir;

class RedisServer {
  public:
    // Throws std::runtime_error (with the server's output) when it does not come up.
    RedisServer();
    ~RedisServer();
    RedisServer(const RedisServer&) = delete;
    RedisServer& operator=(const RedisServer&) = delete;

    uint16_t port() const { return port_; }
    std::string host() const { return "127.0.0.1"; }
    std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }
    bool is_running() const;
    // True when the server answers PING now.
    bool ping() const;

    // SIGTERM and wait (a clean shutdown).
    void stop();
    // SIGKILL: the server vanishes mid-whatever.
    void kill();
    // Starts again on the same port; waits for PING.
    void restart();

  private:
    void start(bool keep_port);

    std::unique_ptr<TempDir> dir_;
    std::unique_ptr<Process> process_;
    uint16_t port_ = 0;
};

}  // namespace viddhana::test
