#include "stratum/shard.h"

#include <charconv>

#include <spdlog/spdlog.h>

#include "stratum/session.h"

namespace viddhana::stratum {

namespace {
constexpr size_t kReadBufferBytes = 64 * 1024;
constexpr size_t kMaxLiveJobs = 32;
constexpr size_t kEventBatch = 2048;
constexpr auto kHousekeepingPeriod = std::chrono::milliseconds(50);
constexpr int64_t kSessionTickMs = 1000;
// Enough to fill every lane of the scrypt core a few times over, small enough that no answer
// waits long behind a big batch.
constexpr size_t kMaxDeferredShares = 48;
}  // namespace

Shard::Shard(StratumContext& context, int index)
    : context_(context),
      index_(index),
      io_(1),
      work_(asio::make_work_guard(io_)),
      housekeeping_(io_),
      validator_(context.coin),
      tools_{context.config,      context.coin, context.metrics, context.admission,
             context.extranonces, validator_,   parser_,         request_},
      read_buffer_(kReadBufferBytes) {
    if (context.config.solo) solo_builder_.emplace(context.coin, context.config.coinbase);
    events_.reserve(kEventBatch);
}

Shard::~Shard() {
    stop();
}

void Shard::start() {
    schedule_housekeeping();
    thread_ = std::thread([this] {
        try {
            io_.run();
        } catch (const std::exception& e) {
            spdlog::critical("stratum shard {} stopped: {}", index_, e.what());
        }
        finished_.store(true);
    });
}

void Shard::stop() {
    if (!thread_.joinable()) return;
    asio::post(io_, [this] {
        stopping_ = true;
        housekeeping_.cancel();
        // Closing only cancels the sessions' reads; they leave the map later, from their loops.
        for (auto& [p, s] : sessions_)
            s->close("server stopping");
        flush_events();
        work_.reset();
    });
    // Closed sessions and the stopped housekeeping timer let run() return at once. Should an
    // operation still wait on something that never comes, stop the loop rather than hang the
    // process's shutdown.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!finished_.load() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (!finished_.load()) {
        spdlog::warn("stratum shard {}: connections still busy after 5 s, stopping anyway", index_);
        io_.stop();
    }
    thread_.join();
    io_.stop();
}

void Shard::post_job(JobPtr job) {
    asio::post(io_, [this, job = std::move(job)]() mutable { publish(std::move(job)); });
}

void Shard::post_reconnect_all(std::string host, int port, int wait_seconds) {
    asio::post(io_, [this, host = std::move(host), port, wait_seconds] {
        for (auto& [p, s] : sessions_)
            s->reconnect_and_close(host, port, wait_seconds);
    });
}

void Shard::post_move_extranonces(std::string host, int port, int wait_seconds) {
    asio::post(io_, [this, host = std::move(host), port, wait_seconds] {
        for (auto& [p, s] : sessions_)
            s->move_extranonce(host, port, wait_seconds);
    });
}

JobPtr Shard::job_for(const JobPtr& job, const Bytes& script) {
    if (!solo_builder_ || !job || script.empty()) return job;
    std::string key(script.begin(), script.end());
    auto& variants = solo_variants_[job->id];
    if (auto it = variants.find(key); it != variants.end()) return it->second;
    CoinbasePayout payout{script, context_.config.solo_fee_script,
                          context_.config.solo_fee_basis_points};
    auto built =
        solo_builder_->build(job->block_template, payout, job->id, job->clean, job->created_ms);
    if (!built) {
        spdlog::error("cannot build a solo job: {}", built.error().message);
        return job;
    }
    JobPtr variant = std::move(built.value());
    variants.emplace(std::move(key), variant);
    return variant;
}

void Shard::publish(JobPtr job) {
    if (job->clean) {
        jobs_.clear();
        solo_variants_.clear();
    } else if (jobs_.size() >= kMaxLiveJobs) {
        solo_variants_.erase(jobs_.front()->id);
        jobs_.pop_front();
    }
    jobs_.push_back(job);
    current_ = job;
    for (const auto& [p, s] : sessions_)
        s->send_job(current_);
}

void Shard::adopt(tcp::socket socket, std::string ip, std::array<uint8_t, 4> extranonce1) {
    std::shared_ptr<Session> session =
        std::make_shared<TcpSession>(*this, std::move(socket), std::move(ip), extranonce1);
    sessions_.emplace(session.get(), session);
    session_count_.store(sessions_.size(), std::memory_order_relaxed);
    context_.metrics.active_connections.add(1);
    session->start();
    // Otherwise its read would keep the shard's io_context, and stop()'s join, waiting forever.
    if (stopping_) session->close("server stopping");
}

void Shard::remove(Session* session) {
    // The session object stays alive while its read loop (which calls this) still holds it.
    if (sessions_.erase(session)) context_.metrics.active_connections.add(-1);
    session_count_.store(sessions_.size(), std::memory_order_relaxed);
}

JobPtr Shard::find_job(uint64_t id) const {
    for (auto it = jobs_.rbegin(); it != jobs_.rend(); ++it) {
        if ((*it)->id == id) return *it;
    }
    return nullptr;
}

void Shard::emit(bus::ShareEvent&& event) {
    events_.push_back(std::move(event));
    if (events_.size() >= kEventBatch) flush_events();
}

void Shard::flush_events() {
    if (events_.empty()) return;
    std::vector<bus::ShareEvent> batch;
    batch.reserve(kEventBatch);
    batch.swap(events_);
    std::lock_guard lock(context_.publish_mutex);
    for (auto& e : batch)
        e.sequence = context_.next_share_sequence++;
    context_.bus.publish(std::move(batch));
}

void Shard::submit_block(std::string block_hex, bus::FoundBlock block) {
    context_.blocks.submit(std::move(block_hex), std::move(block));
}

void Shard::defer_share(std::shared_ptr<Session> session) {
    deferred_.push_back(std::move(session));
    if (!hash_posted_) {
        // Posted work runs after the completions already queued: the other sessions whose
        // shares arrived in the same poll add theirs to this batch first.
        hash_posted_ = true;
        asio::post(io_, [this] {
            hash_posted_ = false;
            hash_deferred();
        });
    }
}

void Shard::hash_deferred() {
    hashing_.swap(deferred_);
    // In slices that fill the scrypt core's lanes a few times over, so no answer waits long
    // behind a big batch.
    for (size_t begin = 0; begin < hashing_.size(); begin += kMaxDeferredShares) {
        size_t n = std::min(kMaxDeferredShares, hashing_.size() - begin);
        batch_headers_.resize(n);
        batch_hashes_.resize(n);
        for (size_t i = 0; i < n; ++i)
            batch_headers_[i] = hashing_[begin + i]->connection().pending_header();
        validator_.hasher().hash_many(batch_headers_, batch_hashes_);
        for (size_t i = 0; i < n; ++i) {
            chain::Uint256 pow(std::span<const uint8_t, 32>(batch_hashes_[i]));
            hashing_[begin + i]->pow_done(pow);
        }
    }
    hashing_.clear();
}

void Shard::schedule_housekeeping() {
    housekeeping_.expires_after(kHousekeepingPeriod);
    housekeeping_.async_wait([this](const boost::system::error_code& ec) {
        // cancel() cannot reach a completion already queued with success: without the
        // stopping_ check, a tick queued just before stop() re-arms the timer and keeps the
        // loop alive for ever.
        if (ec || stopping_) return;
        flush_events();
        int64_t now = now_ms();
        if (now - last_tick_ms_ >= kSessionTickMs) {
            last_tick_ms_ = now;
            for (auto& [p, s] : sessions_)
                s->tick(now);
        }
        schedule_housekeeping();
    });
}

}  // namespace viddhana::stratum
