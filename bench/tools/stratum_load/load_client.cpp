#include "load_client.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <charconv>
#include <cstring>
#include <ctime>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace stratum_load {

namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_hex_u32(std::string& out, uint32_t v) {
    char b[8];
    for (int i = 7; i >= 0; --i, v >>= 4)
        b[i] = kHex[v & 0xf];
    out.append(b, 8);
}

void append_u32(std::string& out, uint32_t v) {
    char b[12];
    auto [p, ec] = std::to_chars(b, b + sizeof b, v);
    out.append(b, static_cast<size_t>(p - b));
}

}  // namespace

uint64_t monotonic_ns() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<uint64_t>(ts.tv_sec) * 1'000'000'000ull + static_cast<uint64_t>(ts.tv_nsec);
}

LoadClient::LoadClient(Options options) : options_(std::move(options)) {
    epoll_ = epoll_create1(EPOLL_CLOEXEC);
    if (epoll_ < 0) throw std::runtime_error("epoll_create1 failed");
    hello_ = fmt::format(
        "{{\"id\":1,\"method\":\"mining.subscribe\",\"params\":[\"stratum_load/1\"]}}\n"
        "{{\"id\":2,\"method\":\"mining.authorize\",\"params\":[\"{}\",\"x\"]}}\n",
        options_.login);
}

LoadClient::~LoadClient() {
    for (auto& c : conns_) {
        if (c.fd >= 0) close(c.fd);
    }
    close(epoll_);
}

void LoadClient::open_one(size_t index) {
    Connection& c = conns_[index];
    c.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c.fd < 0) {
        ++failed_;
        return;
    }
    int one = 1;
    setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    // Port chosen at connect time: each source address has its own port space per destination.
    setsockopt(c.fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
    if (options_.kernel_timestamps) setsockopt(c.fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one);
    sockaddr_in src{};
    src.sin_family = AF_INET;
    src.sin_addr.s_addr = htonl(0x7f000001u + static_cast<uint32_t>(index % options_.sources));
    if (bind(c.fd, reinterpret_cast<sockaddr*>(&src), sizeof src) != 0) {
        fail(c);
        return;
    }
    sockaddr_in dst{};
    dst.sin_family = AF_INET;
    dst.sin_port = htons(options_.port);
    inet_pton(AF_INET, options_.host.c_str(), &dst.sin_addr);
    int rc = connect(c.fd, reinterpret_cast<sockaddr*>(&dst), sizeof dst);
    if (rc != 0 && errno != EINPROGRESS) {
        fail(c);
        return;
    }
    c.out = hello_;
    c.want_write = true;
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT;
    ev.data.u64 = index;
    epoll_ctl(epoll_, EPOLL_CTL_ADD, c.fd, &ev);
    ++pending_connects_;
}

void LoadClient::fail(Connection& c) {
    if (c.fd >= 0) {
        epoll_ctl(epoll_, EPOLL_CTL_DEL, c.fd, nullptr);
        close(c.fd);
        c.fd = -1;
        ++failed_;
        if (!c.connected && pending_connects_ > 0) --pending_connects_;
        if (c.ready && ready_ > 0) --ready_;
        c.ready = false;
    }
}

size_t LoadClient::connect_all(size_t n, int timeout_ms) {
    target_ = n;
    conns_.resize(n);
    for (auto& c : conns_)
        c.sent_ns.assign(std::max<uint32_t>(options_.in_flight * 2, 64), 0);
    uint64_t deadline = monotonic_ns() + static_cast<uint64_t>(timeout_ms) * 1'000'000;
    while (ready_ + failed_ < n && monotonic_ns() < deadline) {
        while (opened_ < n &&
               pending_connects_ < static_cast<size_t>(options_.max_pending_connects)) {
            open_one(opened_++);
        }
        run_for(10);
    }
    return ready_;
}

void LoadClient::update_interest(Connection& c) {
    epoll_event ev{};
    ev.events = EPOLLIN | (c.want_write ? static_cast<uint32_t>(EPOLLOUT) : 0u);
    ev.data.u64 = static_cast<uint64_t>(&c - conns_.data());
    epoll_ctl(epoll_, EPOLL_CTL_MOD, c.fd, &ev);
}

void LoadClient::flush(Connection& c) {
    while (!c.out.empty()) {
        ssize_t n = send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) break;
            fail(c);
            return;
        }
        c.out.erase(0, static_cast<size_t>(n));
    }
    bool want = !c.out.empty();
    if (want != c.want_write) {
        c.want_write = want;
        update_interest(c);
    }
}

void LoadClient::on_writable(Connection& c) {
    if (!c.connected) {
        int err = 0;
        socklen_t len = sizeof err;
        getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err != 0) {
            fail(c);
            return;
        }
        c.connected = true;
        --pending_connects_;
    }
    flush(c);
}

void LoadClient::on_readable(Connection& c) {
    static char buf[256 * 1024];
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(timespec))];
    for (;;) {
        iovec iov{buf, sizeof buf};
        msghdr msg{};
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        if (options_.kernel_timestamps) {
            msg.msg_control = control;
            msg.msg_controllen = sizeof control;
        }
        ssize_t n = recvmsg(c.fd, &msg, 0);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
        if (n <= 0) {
            fail(c);
            return;
        }
        const uint64_t now = monotonic_ns();
        int64_t kernel_ns = 0;
        if (options_.kernel_timestamps) {
            for (cmsghdr* cm = CMSG_FIRSTHDR(&msg); cm; cm = CMSG_NXTHDR(&msg, cm)) {
                if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_TIMESTAMPNS) {
                    timespec ts;
                    std::memcpy(&ts, CMSG_DATA(cm), sizeof ts);
                    kernel_ns = static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
                }
            }
        }
        std::string_view data(buf, static_cast<size_t>(n));
        while (!data.empty()) {
            size_t nl = data.find('\n');
            if (nl == std::string_view::npos) {
                c.partial.append(data);
                break;
            }
            if (!c.partial.empty()) {
                c.partial.append(data.substr(0, nl));
                std::string line;
                line.swap(c.partial);
                handle_line(c, line, now, kernel_ns);
            } else {
                handle_line(c, data.substr(0, nl), now, kernel_ns);
            }
            if (c.fd < 0) return;
            data.remove_prefix(nl + 1);
        }
        if (static_cast<size_t>(n) < sizeof buf) break;
    }
    if (!c.out.empty()) flush(c);
}

void LoadClient::handle_line(Connection& c, std::string_view line, uint64_t now,
                             int64_t kernel_ns) {
    constexpr std::string_view kIdPrefix = "{\"id\":";
    if (line.starts_with(kIdPrefix) && line.size() > kIdPrefix.size() &&
        line[kIdPrefix.size()] >= '0' && line[kIdPrefix.size()] <= '9') {
        uint32_t id = 0;
        std::from_chars(line.data() + kIdPrefix.size(), line.data() + line.size(), id);
        if (id >= 10) {
            bool ok = line.find("\"result\":true") != std::string_view::npos;
            ++stats_.answered;
            if (ok) {
                ++stats_.accepted;
            } else {
                ++stats_.rejected;
                unsigned code = 0;
                auto e = line.find("\"error\":[");
                if (e != std::string_view::npos) {
                    std::from_chars(line.data() + e + 9, line.data() + line.size(), code);
                }
                ++stats_.by_code[code < 32 ? code : 0];
            }
            if (c.in_flight > 0) --c.in_flight;
            if (stats_.recording) {
                uint64_t sent = c.sent_ns[id % c.sent_ns.size()];
                stats_.latency_us.push_back(static_cast<uint32_t>((now - sent) / 1000));
            }
            if (c.in_flight < options_.in_flight) queue_submit(c);
            return;
        }
        auto msg = nlohmann::json::parse(line, nullptr, false);
        if (id == 1 && msg.is_object() && msg["result"].is_array() && msg["result"].size() >= 3) {
            c.extranonce2_size = msg["result"][2].get<int>();
        } else if (id == 2) {
            c.authorized = msg.is_object() && msg["result"] == true;
        } else {
            ++stats_.other_answers;
        }
        return;
    }
    if (line.find("\"mining.notify\"") == std::string_view::npos) return;
    // ...,"<version>","<nbits>","<ntime>",true]} : read the fields from both ends, no JSON parse.
    const bool clean = line.ends_with("\",true]}");
    const size_t tail = clean ? 8 : 9;
    if (line.size() < 64 + tail) return;
    auto id_start = line.find("\"params\":[\"");
    if (id_start == std::string_view::npos) return;
    id_start += 11;
    auto id_end = line.find('"', id_start);
    c.job_id.assign(line.substr(id_start, id_end - id_start));
    c.ntime.assign(line.substr(line.size() - tail - 8, 8));
    if (clean && c.job_id != c.clean_job) {
        c.clean_job = c.job_id;
        c.clean_user_ns = now;
        c.clean_kernel_ns = kernel_ns;
    }
    if (!c.ready && c.authorized) {
        c.ready = true;
        ++ready_;
        while (c.in_flight < options_.in_flight)
            queue_submit(c);
    }
}

void LoadClient::queue_submit(Connection& c) {
    if (!c.ready) return;
    uint32_t id = c.next_id++;
    std::string& o = c.out;
    o.append("{\"id\":");
    append_u32(o, id);
    o.append(",\"method\":\"mining.submit\",\"params\":[\"");
    o.append(options_.login);
    o.append("\",\"");
    o.append(c.job_id);
    o.append("\",\"");
    // xorshift64: random extranonce2 and nonce, so every header is new.
    rng_ ^= rng_ << 13;
    rng_ ^= rng_ >> 7;
    rng_ ^= rng_ << 17;
    for (int i = 0; i < c.extranonce2_size; ++i) {
        uint8_t b = static_cast<uint8_t>(rng_ >> (8 * (i % 8)));
        o.push_back(kHex[b >> 4]);
        o.push_back(kHex[b & 0xf]);
    }
    o.append("\",\"");
    o.append(c.ntime);
    o.append("\",\"");
    append_hex_u32(o, static_cast<uint32_t>(rng_ >> 32) ^ static_cast<uint32_t>(rng_));
    o.append("\"]}\n");
    c.sent_ns[id % c.sent_ns.size()] = monotonic_ns();
    ++c.in_flight;
    ++stats_.sent;
}

void LoadClient::set_in_flight(uint32_t in_flight) {
    options_.in_flight = in_flight;
    for (auto& c : conns_) {
        if (c.sent_ns.size() < in_flight * 2) c.sent_ns.assign(in_flight * 2, 0);
        if (c.fd < 0 || !c.ready) continue;
        while (c.in_flight < in_flight)
            queue_submit(c);
        flush(c);
    }
}

void LoadClient::submit_spread(uint64_t count) {
    if (ready_ == 0) return;
    for (uint64_t i = 0; i < count; ++i) {
        for (size_t tries = 0; tries < conns_.size(); ++tries) {
            Connection& c = conns_[spread_cursor_++ % conns_.size()];
            if (c.fd >= 0 && c.ready && c.in_flight * 2 < c.sent_ns.size()) {
                queue_submit(c);
                break;
            }
        }
    }
    for (auto& c : conns_) {
        if (c.fd >= 0 && !c.out.empty() && !c.want_write) flush(c);
    }
}

void LoadClient::run_for(int ms, const std::function<bool()>& until) {
    const uint64_t end = monotonic_ns() + static_cast<uint64_t>(ms) * 1'000'000;
    epoll_event events[512];
    for (;;) {
        if (until && until()) return;
        uint64_t now = monotonic_ns();
        if (now >= end) return;
        int wait_ms = static_cast<int>(std::min<uint64_t>((end - now) / 1'000'000 + 1, 50));
        int n = epoll_wait(epoll_, events, 512, wait_ms);
        for (int i = 0; i < n; ++i) {
            Connection& c = conns_[events[i].data.u64];
            if (c.fd < 0) continue;
            if (events[i].events & (EPOLLERR | EPOLLHUP)) {
                if (!c.connected || !(events[i].events & EPOLLIN)) {
                    fail(c);
                    continue;
                }
            }
            if (events[i].events & EPOLLOUT) on_writable(c);
            if (c.fd >= 0 && (events[i].events & EPOLLIN)) on_readable(c);
        }
    }
}

}  // namespace stratum_load
