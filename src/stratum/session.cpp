#include "stratum/session.h"

#include <spdlog/spdlog.h>

#include "stratum/shard.h"

namespace viddhana::stratum {

namespace {
// An idle connection keeps no write buffer worth mentioning (its first notify alone is over a
// kilobyte); a busy one reallocates at most once per read.
constexpr size_t kKeptWriteBufferBytes = 1024;
}  // namespace

Session::Session(Shard& shard, std::string address, Extranonce1 extranonce1)
    : shard_(shard), connection_(*this, std::move(address), extranonce1, shard.now_ms()) {}

Session::~Session() {
    auto& ctx = shard_.context();
    if (connection_.subscribed()) {
        // Resumable: a client that reconnects with this session id gets it back, with what it
        // was credited for in this block.
        ctx.extranonces.release(connection_.extranonce1(), std::move(connection_.credited()),
                                connection_.block_key(), shard_.now_ms());
    } else {
        ctx.extranonces.release(connection_.extranonce1());
    }
    ctx.admission.release(connection_.address());
}

ConnectionTools& Session::tools() {
    return shard_.tools();
}

const JobPtr& Session::current_job() const {
    return shard_.current_job();
}

JobPtr Session::find_job(uint64_t id) const {
    return shard_.find_job(id);
}

JobPtr Session::job_for(const JobPtr& job, const Bytes& payout_script) {
    return shard_.job_for(job, payout_script);
}

void Session::block_found(std::string block_hex, bus::FoundBlock block) {
    shard_.submit_block(std::move(block_hex), std::move(block));
}

void Session::share_judged(bus::ShareEvent&& event) {
    shard_.emit(std::move(event));
}

void Session::hash_later() {
    shard_.defer_share(shared_from_this());
}

void Session::received(const char* data, size_t n) {
    connection_.receive(std::string_view(data, n), shard_.now_ms());
}

void Session::send_job(const JobPtr& job) {
    if (transport_closed_) return;
    connection_.on_job(job, shard_.now_ms());
    flush();
}

void Session::tick(int64_t now_ms) {
    if (transport_closed_) return;
    connection_.tick(now_ms);
    flush();
}

void Session::pow_done(const chain::Uint256& pow_hash) {
    if (transport_closed_) return;
    connection_.on_pow(pow_hash, shard_.now_ms());
    flush();
}

void Session::reconnect_and_close(const std::string& host, int port, int wait_seconds) {
    if (transport_closed_) return;
    connection_.reconnect(host, port, wait_seconds);
    flush();
}

void Session::move_extranonce(const std::string& host, int port, int wait_seconds) {
    if (transport_closed_) return;
    auto& extranonces = shard_.context().extranonces;
    auto fresh = extranonces.acquire();
    Extranonce1 old = connection_.extranonce1();
    if (fresh && connection_.change_extranonce1(*fresh, shard_.now_ms())) {
        extranonces.release(old);
    } else {
        if (fresh) extranonces.release(*fresh);
        connection_.reconnect(host, port, wait_seconds);
    }
    flush();
}

void Session::close(std::string_view reason) {
    connection_.close(reason);
    flush();
}

void Session::ended(std::string_view reason) {
    connection_.close(reason);
    flush();
}

void Session::flush() {
    if (transport_closed_) return;
    if (connection_.closed()) {
        transport_closed_ = true;
        close_transport();
        return;
    }
    if (write_in_flight_) return;
    Outbox& out = connection_.outbox();
    while (!out.empty()) {
        std::string_view chunk = !out.shared.empty() ? out.shared : std::string_view(out.own);
        size_t n = 0;
        if (!write_now(chunk, n)) {
            connection_.close("write failed");
            transport_closed_ = true;
            close_transport();
            return;
        }
        out.consume(n);
        if (n < chunk.size()) break;  // the kernel's buffer is full
    }
    if (out.empty()) {
        if (out.own.capacity() > kKeptWriteBufferBytes) std::string().swap(out.own);
        if (connection_.close_when_sent()) {
            connection_.close(connection_.close_reason());
            transport_closed_ = true;
            close_transport();
        }
        return;
    }
    if (out.size() > shard_.config().max_pending_write_bytes) {
        shard_.context().metrics.slow_consumers_dropped.inc();
        connection_.close("slow consumer: too much unread data");
        transport_closed_ = true;
        close_transport();
        return;
    }
    writing_.assign(out.shared);
    writing_.append(out.own);
    out.consume(out.size());
    write_in_flight_ = true;
    write_async(writing_);
}

void Session::on_written(bool ok) {
    write_in_flight_ = false;
    std::string().swap(writing_);
    if (!ok) {
        connection_.close("write failed");
        transport_closed_ = true;
        close_transport();
        return;
    }
    flush();
}

// --- TcpSession ---

TcpSession::TcpSession(Shard& shard, tcp::socket socket, std::string address,
                       Extranonce1 extranonce1)
    : Session(shard, std::move(address), extranonce1), socket_(std::move(socket)) {}

void TcpSession::start() {
    boost::system::error_code ec;
    socket_.set_option(tcp::no_delay(true), ec);
    socket_.set_option(asio::socket_base::keep_alive(true), ec);
    socket_.non_blocking(true, ec);
    asio::co_spawn(socket_.get_executor(), read_loop(), asio::detached);
}

awaitable<void> TcpSession::read_loop() {
    auto self = shared_from_this();
    auto& buffer = shard_.read_buffer();
    boost::system::error_code ec;
    while (!closed()) {
        co_await socket_.async_wait(tcp::socket::wait_read,
                                    asio::redirect_error(asio::use_awaitable, ec));
        if (ec || closed()) break;
        for (;;) {
            size_t n = socket_.read_some(asio::buffer(buffer), ec);
            if (ec == asio::error::would_block || ec == asio::error::try_again) break;
            if (ec || n == 0) {
                ended(ec == asio::error::eof || n == 0 ? "client closed the connection"
                                                       : ec.message());
                break;
            }
            received(buffer.data(), n);
            if (connection_.closed() || n < buffer.size()) break;
        }
        flush();
    }
    if (!closed()) ended(ec ? ec.message() : "read ended");
    shard_.remove(this);
}

bool TcpSession::write_now(std::string_view data, size_t& written) {
    boost::system::error_code ec;
    written = socket_.write_some(asio::buffer(data.data(), data.size()), ec);
    if (ec == asio::error::would_block || ec == asio::error::try_again) {
        written = 0;
        return true;
    }
    return !ec;
}

void TcpSession::write_async(const std::string& buffer) {
    asio::async_write(socket_, asio::buffer(buffer),
                      [self = shared_from_this()](const boost::system::error_code& e, size_t) {
                          static_cast<TcpSession&>(*self).on_written(!e);
                      });
}

void TcpSession::close_transport() {
    boost::system::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_both, ec);
    socket_.close(ec);
}

}  // namespace viddhana::stratum
