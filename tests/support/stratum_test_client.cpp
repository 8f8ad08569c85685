#include "stratum_test_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace viddhana::test {

StratumTestClient::StratumTestClient(uint16_t port, const std::string& source_ip) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    sockaddr_in src{};
    src.sin_family = AF_INET;
    inet_pton(AF_INET, source_ip.c_str(), &src.sin_addr);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&src), sizeof src) != 0) {
        throw std::runtime_error("bind " + source_ip + ": " + std::strerror(errno));
    }
    sockaddr_in dst{};
    dst.sin_family = AF_INET;
    dst.sin_port = htons(port);
    inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&dst), sizeof dst) != 0) {
        int e = errno;
        ::close(fd_);
        fd_ = -1;
        throw std::runtime_error("connect to stratum port " + std::to_string(port) + ": " +
                                 std::strerror(e));
    }
    int one = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

StratumTestClient::~StratumTestClient() {
    if (fd_ >= 0) ::close(fd_);
}

void StratumTestClient::send_raw(const std::string& bytes) {
    size_t sent = 0;
    while (sent < bytes.size()) {
        ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw std::runtime_error(std::string("send: ") + std::strerror(errno));
        }
        sent += static_cast<size_t>(n);
    }
}

bool StratumTestClient::read_line(std::string& line, std::chrono::steady_clock::time_point until) {
    for (;;) {
        size_t nl = buffer_.find('\n');
        if (nl != std::string::npos) {
            line = buffer_.substr(0, nl);
            buffer_.erase(0, nl + 1);
            return true;
        }
        if (eof_) return false;
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            until - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        pollfd p{fd_, POLLIN, 0};
        int r = ::poll(&p, 1, static_cast<int>(left.count()));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return false;
        char buf[65536];
        ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
        if (n <= 0) {
            eof_ = true;
            continue;
        }
        buffer_.append(buf, static_cast<size_t>(n));
    }
}

nlohmann::json StratumTestClient::next_message(std::chrono::milliseconds deadline) {
    if (!pending_.empty()) {
        auto m = std::move(pending_.front());
        pending_.pop_front();
        return m;
    }
    std::string line;
    if (!read_line(line, std::chrono::steady_clock::now() + deadline)) {
        throw std::runtime_error(eof_ ? "the pool closed the connection"
                                      : "no message from the pool before the deadline");
    }
    return nlohmann::json::parse(line);
}

nlohmann::json StratumTestClient::request(int id, const std::string& method, nlohmann::json params,
                                          std::chrono::milliseconds deadline) {
    send({{"id", id}, {"method", method}, {"params", std::move(params)}});
    auto until = std::chrono::steady_clock::now() + deadline;
    for (;;) {
        std::string line;
        if (!read_line(line, until)) {
            throw std::runtime_error("no answer to " + method +
                                     (eof_ ? ": connection closed" : " before the deadline"));
        }
        auto m = nlohmann::json::parse(line);
        if (m.contains("id") && m["id"] == id && !m.contains("method")) return m;
        pending_.push_back(std::move(m));
    }
}

nlohmann::json StratumTestClient::next_notification(const std::string& method,
                                                    std::chrono::milliseconds deadline) {
    for (auto it = pending_.begin(); it != pending_.end(); ++it) {
        if (it->value("method", "") == method) {
            auto m = std::move(*it);
            pending_.erase(it);
            return m;
        }
    }
    auto until = std::chrono::steady_clock::now() + deadline;
    for (;;) {
        std::string line;
        if (!read_line(line, until))
            throw std::runtime_error("no " + method + " before the deadline");
        auto m = nlohmann::json::parse(line);
        if (m.value("method", "") == method) return m;
        pending_.push_back(std::move(m));
    }
}

void StratumTestClient::catch_up(Session& s) {
    request(999'999, "mining.ping", nlohmann::json::array());
    std::deque<nlohmann::json> rest;
    for (auto& m : pending_) {
        const std::string method = m.value("method", "");
        if (method == "mining.notify") {
            s.notify = m["params"];
        } else if (method == "mining.set_difficulty") {
            s.difficulty = m["params"][0];
        } else {
            rest.push_back(std::move(m));
        }
    }
    pending_.swap(rest);
}

bool StratumTestClient::wait_closed(std::chrono::milliseconds deadline) {
    auto until = std::chrono::steady_clock::now() + deadline;
    std::string line;
    while (!eof_) {
        if (read_line(line, until)) continue;  // skip whatever was still sent
        if (std::chrono::steady_clock::now() >= until) return eof_;
    }
    return true;
}

StratumTestClient::Session StratumTestClient::login(const std::string& user,
                                                    const std::string& password) {
    Session s;
    auto sub = request(1, "mining.subscribe", {"viddhana-test/1.0"});
    if (!sub["error"].is_null()) throw std::runtime_error("subscribe failed: " + sub.dump());
    s.extranonce1 = sub["result"][1];
    s.extranonce2_size = sub["result"][2];
    auto auth = request(2, "mining.authorize", {user, password});
    if (auth["result"] != true) throw std::runtime_error("authorize failed: " + auth.dump());
    s.difficulty = next_notification("mining.set_difficulty")["params"][0];
    s.notify = next_notification("mining.notify")["params"];
    return s;
}

}  // namespace viddhana::test
