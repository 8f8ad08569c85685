#include "ports.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace viddhana::test {

namespace {

// Binds a loopback socket to a kernel-chosen port; returns the fd and sets `port`.
int bind_loopback(uint16_t& port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        int err = errno;
        ::close(fd);
        throw std::runtime_error(std::string("bind 127.0.0.1:0: ") + std::strerror(err));
    }
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    port = ntohs(addr.sin_port);
    return fd;
}

}  // namespace

uint16_t free_tcp_port() {
    uint16_t port = 0;
    ::close(bind_loopback(port));
    return port;
}

SilentTcpListener::SilentTcpListener() {
    fd_ = bind_loopback(port_);
    if (::listen(fd_, 64) != 0) {
        int err = errno;
        ::close(fd_);
        throw std::runtime_error(std::string("listen: ") + std::strerror(err));
    }
}

SilentTcpListener::~SilentTcpListener() {
    if (fd_ >= 0) ::close(fd_);
}

}  // namespace viddhana::test
