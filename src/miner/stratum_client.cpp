#include "miner/stratum_client.h"

#include <algorithm>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace viddhana::miner {

namespace {
constexpr size_t kMaxLineBytes = 1 << 20;
}

StratumClient::StratumClient(asio::io_context& io, ClientSettings settings, std::string host,
                             uint16_t port, ReconnectPolicy policy, EventHandler on_event,
                             ConnectionHandler on_connection)
    : io_(io),
      protocol_(std::move(settings)),
      host_(std::move(host)),
      port_(port),
      policy_(policy),
      on_event_(std::move(on_event)),
      on_connection_(std::move(on_connection)),
      socket_(io),
      resolver_(io),
      timer_(io),
      connect_timer_(io),
      backoff_(policy.first_delay) {}

StratumClient::~StratumClient() = default;

void StratumClient::start() {
    asio::co_spawn(io_, run(), [this](std::exception_ptr e) {
        if (e) {
            try {
                std::rethrow_exception(e);
            } catch (const std::exception& ex) {
                spdlog::error("stratum client stopped: {}", ex.what());
            }
        }
        finished_.store(true, std::memory_order_release);
    });
}

void StratumClient::stop() {
    asio::post(io_, [this] {
        stopping_ = true;
        resolver_.cancel();
        timer_.cancel();
        connect_timer_.cancel();
        close_socket();
    });
}

void StratumClient::submit(ShareSubmission share) {
    asio::post(io_, [this, share = std::move(share)] {
        if (!connected_ || !subscribed_) {
            dropped_submits_.fetch_add(1, std::memory_order_relaxed);
            return;
        }
        send(protocol_.submit(share));
    });
}

awaitable<void> StratumClient::run() {
    while (!stopping_) {
        if (next_wait_.count() > 0) {
            co_await wait(next_wait_);
            next_wait_ = std::chrono::milliseconds(0);
            if (stopping_) break;
        }
        reconnect_requested_ = false;
        std::string reason;
        if (co_await connect_once(reason)) {
            connected_ = true;
            on_connection_(true, fmt::format("connected to {}:{}", host_, port_));
            co_await read_session(reason);
            connected_ = false;
            subscribed_ = false;
            close_socket();
            out_.clear();
        }
        if (stopping_) break;
        on_connection_(false, reason);
        if (!reconnect_requested_) {
            spdlog::info("reconnecting to {}:{} in {} ms", host_, port_, backoff_.count());
            co_await wait(backoff_);
            backoff_ = std::min(backoff_ * 2, policy_.max_delay);
        }
    }
}

awaitable<void> StratumClient::wait(std::chrono::milliseconds delay) {
    boost::system::error_code ec;
    timer_.expires_after(delay);
    co_await timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
}

awaitable<bool> StratumClient::connect_once(std::string& reason) {
    boost::system::error_code ec;
    auto endpoints = co_await resolver_.async_resolve(
        host_, std::to_string(port_), asio::redirect_error(asio::use_awaitable, ec));
    if (ec || stopping_) {
        reason = fmt::format("cannot resolve {}: {}", host_, ec.message());
        co_return false;
    }
    socket_ = tcp::socket(io_);
    ++session_;
    write_in_flight_ = false;
    out_.clear();
    bool timed_out = false;
    connect_timer_.expires_after(policy_.connect_timeout);
    connect_timer_.async_wait([this, &timed_out](const boost::system::error_code& e) {
        if (e) return;
        timed_out = true;
        close_socket();
    });
    co_await asio::async_connect(socket_, endpoints, asio::redirect_error(asio::use_awaitable, ec));
    connect_timer_.cancel();
    if (ec || stopping_) {
        reason = fmt::format("cannot connect to {}:{}: {}", host_, port_,
                             timed_out ? "timed out" : ec.message());
        co_return false;
    }
    socket_.set_option(tcp::no_delay(true), ec);
    co_return true;
}

awaitable<void> StratumClient::read_session(std::string& reason) {
    read_buffer_.clear();
    send(protocol_.hello());
    std::vector<ClientEvent> events;
    boost::system::error_code ec;
    for (;;) {
        size_t n = co_await asio::async_read_until(
            socket_, asio::dynamic_buffer(read_buffer_, kMaxLineBytes), '\n',
            asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            reason = ec == asio::error::eof         ? "the pool closed the connection"
                     : ec == asio::error::not_found ? "line from the pool too long"
                                                    : ec.message();
            co_return;
        }
        events.clear();
        protocol_.on_line(std::string_view(read_buffer_.data(), n - 1), events);
        read_buffer_.erase(0, n);
        for (auto& e : events) {
            if (std::holds_alternative<event::Subscribed>(e)) {
                subscribed_ = true;
                backoff_ = policy_.first_delay;
            } else if (auto* reply = std::get_if<event::Reply>(&e)) {
                send(std::move(reply->line));
                continue;
            } else if (auto* r = std::get_if<event::Reconnect>(&e)) {
                if (!r->host.empty()) host_ = r->host;
                if (r->port != 0) port_ = r->port;
                next_wait_ = std::chrono::seconds(r->wait_seconds);
                reconnect_requested_ = true;
                reason = fmt::format("the pool asked to reconnect to {}:{} in {} s", host_, port_,
                                     r->wait_seconds);
                on_event_(e);
                co_return;
            }
            on_event_(e);
        }
    }
}

void StratumClient::send(std::string line) {
    out_.append(line);
    if (!write_in_flight_) write_next();
}

void StratumClient::write_next() {
    if (out_.empty() || !socket_.is_open()) return;
    // The buffer travels with the write, so a write still in flight on a dropped connection never
    // shares it with the next connection's.
    auto buffer = std::make_shared<std::string>(std::move(out_));
    out_.clear();
    write_in_flight_ = true;
    asio::async_write(
        socket_, asio::buffer(*buffer),
        [this, buffer, session = session_](const boost::system::error_code& ec, size_t) {
            if (session != session_) return;
            write_in_flight_ = false;
            if (ec) {
                close_socket();
                return;
            }
            write_next();
        });
}

void StratumClient::close_socket() {
    boost::system::error_code ec;
    if (socket_.is_open()) {
        socket_.shutdown(tcp::socket::shutdown_both, ec);
        socket_.close(ec);
    }
}

}  // namespace viddhana::miner
