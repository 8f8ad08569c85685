// Loopback TCP ports for servers that tests start. Ports are chosen by the kernel, so tests run
// in parallel (ctest -j) do not collide; a server that still loses the race to bind is restarted
// on a new port by its starter.
#pragma once
#include <cstdint>

namespace viddhana::test {

// A TCP port on 127.0.0.1 that was free a moment ago.
uint16_t free_tcp_port();

// A socket listening on 127.0.0.1 that never accepts nor answers: connections complete (the
// kernel handshakes them into the backlog) and then hang, which is what timeout tests need.
class SilentTcpListener {
  public:
    SilentTcpListener();
    ~SilentTcpListener();
    SilentTcpListener(const SilentTcpListener&) = delete;
    SilentTcpListener& operator=(const SilentTcpListener&) = delete;
    uint16_t port() const { return port_; }

  private:
    int fd_ = -1;
    uint16_t port_ = 0;
};

}  // namespace viddhana::test
