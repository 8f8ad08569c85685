#include "redis_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

#include "ports.h"
#include "process.h"
#include "temp_dir.h"
#include "wait.h"

namespace viddhana::test {
namespace {

// PING in RESP over a plain socket, so the check needs no client library.
bool answers_ping(uint16_t port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    timeval timeout{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port);
    bool ok = false;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
        const char ping[] = "*1\r\n$4\r\nPING\r\n";
        if (::send(fd, ping, sizeof ping - 1, MSG_NOSIGNAL) ==
            static_cast<ssize_t>(sizeof ping - 1)) {
            char reply[16] = {};
            ssize_t n = ::recv(fd, reply, sizeof reply - 1, 0);
            ok = n >= 7 && std::string(reply, 7) == "+PONG\r\n";
        }
    }
    ::close(fd);
    return ok;
}

}  // namespace

RedisServer::RedisServer() : dir_(std::make_unique<TempDir>("redis")) {
    start(false);
}

RedisServer::~RedisServer() {
    if (process_) process_->stop(std::chrono::seconds(10));
}

void RedisServer::start(bool keep_port) {
    std::string last_error;
    for (int attempt = 0; attempt < 5; ++attempt) {
        uint16_t port = keep_port && attempt == 0 ? port_ : free_tcp_port();
        std::string out = dir_->path() + "/redis.log";
        process_ = std::make_unique<Process>(
            ProcessOptions{"redis-server",
                           {"--port", std::to_string(port), "--bind", "127.0.0.1", "--save", "",
                            "--appendonly", "no", "--daemonize", "no", "--dir", dir_->path()},
                           {},
                           dir_->path(),
                           out,
                           out});
        try {
            wait_until([&] { return !process_->is_running() || answers_ping(port); },
                       std::chrono::seconds(20), "redis-server to answer PING");
        } catch (const std::exception& e) {
            last_error = e.what();
            process_->stop(std::chrono::seconds(5));
            continue;
        }
        if (process_->is_running()) {
            port_ = port;
            return;
        }
        last_error = "redis-server exited: " + read_file(out);
    }
    process_.reset();
    throw std::runtime_error("RedisServer: cannot start: " + last_error);
}

bool RedisServer::is_running() const {
    return process_ && process_->is_running();
}

bool RedisServer::ping() const {
    return answers_ping(port_);
}

void RedisServer::stop() {
    if (!process_) return;
    process_->stop(std::chrono::seconds(10));
    process_.reset();
}

void RedisServer::kill() {
    if (!process_) return;
    process_->signal(SIGKILL);
    process_->wait_for(std::chrono::seconds(10));
    process_.reset();
}

void RedisServer::restart() {
    if (process_) return;
    start(true);
}

}  // namespace viddhana::test
