#include "miner/cpu_miner.h"

#include <algorithm>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "miner/header_assembler.h"
#include "miner/nonce_scanner.h"
#include "miner/version_rolling.h"

namespace viddhana::miner {

namespace {

// Nonces per batch between looks at the work: ~1-3 ms of hashing either way.
constexpr uint32_t kSha256dBatch = 8192;
constexpr uint32_t kScryptBatch = static_cast<uint32_t>(chain::ScryptHasher::kLanes);

template <typename... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <typename... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace

struct CpuMiner::Work {
    MinerJob job;
    Bytes extranonce1;
    int extranonce2_size = 4;
    chain::Uint256 share_target;
    uint32_t version_mask = 0;
};

CpuMiner::CpuMiner(MinerOptions options)
    : options_(std::move(options)),
      multiplier_(options_.share_multiplier > 0                       ? options_.share_multiplier
                  : options_.algorithm == chain::PowAlgorithm::scrypt ? 65536.0
                                                                      : 1.0) {
    options_.threads = std::max(1, options_.threads);
    options_.nonces_per_header =
        std::clamp<uint64_t>(options_.nonces_per_header, 1, uint64_t{1} << 32);
}

CpuMiner::~CpuMiner() {
    stop();
}

void CpuMiner::start() {
    if (started_) return;
    started_ = true;
    stopping_ = false;
    start_time_ = std::chrono::steady_clock::now();
    ClientSettings settings;
    settings.login = options_.login;
    settings.password = options_.password;
    settings.user_agent = options_.user_agent;
    settings.version_rolling = options_.version_rolling;
    client_ = std::make_unique<StratumClient>(
        io_, settings, options_.host, options_.port, options_.reconnect,
        [this](const ClientEvent& e) { on_event(e); },
        [this](bool connected, const std::string& reason) { on_connection(connected, reason); });
    io_work_.emplace(asio::make_work_guard(io_));
    client_->start();
    io_thread_ = std::thread([this] { io_.run(); });
    for (int i = 0; i < options_.threads; ++i)
        threads_.emplace_back([this, i] { mine(i); });
}

void CpuMiner::stop() {
    if (!started_) return;
    started_ = false;
    {
        std::lock_guard lock(work_mutex_);
        stopping_ = true;
    }
    work_cv_.notify_all();
    for (auto& t : threads_)
        t.join();
    threads_.clear();
    // The connection loop ends once its socket is closed and its timers cancelled; then the io
    // thread runs out of work.
    client_->stop();
    io_work_.reset();
    if (io_thread_.joinable()) io_thread_.join();
}

bool CpuMiner::wait_for(std::chrono::milliseconds timeout) {
    std::unique_lock lock(stats_mutex_);
    return finished_cv_.wait_for(lock, timeout, [this] { return finished_; });
}

bool CpuMiner::finished() const {
    std::lock_guard lock(stats_mutex_);
    return finished_;
}

std::optional<std::string> CpuMiner::fatal_error() const {
    std::lock_guard lock(stats_mutex_);
    return fatal_error_;
}

MinerStats CpuMiner::stats() const {
    MinerStats s;
    {
        std::lock_guard lock(stats_mutex_);
        s = counters_;
    }
    s.elapsed_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_time_).count();
    s.hashes = hashes_.load(std::memory_order_relaxed);
    s.hashrate = s.elapsed_seconds > 0 ? static_cast<double>(s.hashes) / s.elapsed_seconds : 0;
    s.submitted = submitted_.load(std::memory_order_relaxed);
    s.stale_dropped = stale_dropped_.load(std::memory_order_relaxed);
    s.version_rolls = version_rolls_.load(std::memory_order_relaxed);
    s.unsent = client_ ? client_->dropped_submits() : 0;
    return s;
}

void CpuMiner::finish(std::optional<std::string> error) {
    {
        std::lock_guard lock(stats_mutex_);
        if (finished_) return;
        finished_ = true;
        fatal_error_ = std::move(error);
    }
    finished_cv_.notify_all();
}

void CpuMiner::on_connection(bool connected, const std::string& reason) {
    if (connected) {
        spdlog::info("{}", reason);
        return;
    }
    spdlog::warn("pool connection lost: {}", reason);
    authorized_ = false;
    version_mask_ = 0;
    last_job_.reset();
    {
        std::lock_guard lock(stats_mutex_);
        counters_.connected = false;
        counters_.version_mask = 0;
    }
    publish(nullptr, true);  // nothing to mine until the next session's first job
}

void CpuMiner::on_event(const ClientEvent& e) {
    std::visit(
        Overloaded{
            [&](const event::Subscribed& s) {
                extranonce1_ = s.extranonce1;
                extranonce2_size_ = s.extranonce2_size;
                std::lock_guard lock(stats_mutex_);
                ++counters_.sessions;
            },
            [&](const event::SubscribeFailed& s) {
                spdlog::error("mining.subscribe failed: {}", s.message);
                finish("the pool refused mining.subscribe: " + s.message);
            },
            [&](const event::VersionRolling& v) {
                version_mask_ = options_.version_rolling ? v.mask : 0;
                std::lock_guard lock(stats_mutex_);
                counters_.version_mask = version_mask_;
            },
            [&](const event::Authorized& a) {
                if (!a.ok) {
                    spdlog::error("login {} refused: {}", options_.login, a.message);
                    finish(fmt::format("the pool refused login {}: {}", options_.login, a.message));
                    return;
                }
                authorized_ = true;
                std::lock_guard lock(stats_mutex_);
                counters_.connected = true;
            },
            [&](const event::Difficulty& d) {
                difficulty_ = d.value;
                {
                    std::lock_guard lock(stats_mutex_);
                    counters_.difficulty = d.value;
                }
                // Applied at once: pools judge shares by the newest difficulty they sent.
                if (last_job_) {
                    MinerJob job = *last_job_;
                    job.clean = false;
                    auto work = std::make_shared<Work>();
                    work->job = std::move(job);
                    work->extranonce1 = extranonce1_;
                    work->extranonce2_size = extranonce2_size_;
                    work->share_target = chain::target_from_difficulty(difficulty_, multiplier_);
                    work->version_mask = version_mask_;
                    publish(std::move(work), false);
                }
            },
            [&](const event::NewJob& j) {
                last_job_ = j.job;
                auto work = std::make_shared<Work>();
                work->job = j.job;
                work->extranonce1 = extranonce1_;
                work->extranonce2_size = extranonce2_size_;
                work->share_target = chain::target_from_difficulty(difficulty_, multiplier_);
                work->version_mask = version_mask_;
                {
                    std::lock_guard lock(stats_mutex_);
                    ++counters_.jobs;
                    if (counters_.difficulty == 0) counters_.difficulty = difficulty_;
                }
                publish(std::move(work), j.job.clean);
            },
            [&](const event::ExtranonceChanged& x) {
                // Takes effect with the next job, as the protocol says.
                extranonce1_ = x.extranonce1;
                extranonce2_size_ = x.extranonce2_size;
            },
            [&](const event::Reconnect& r) {
                spdlog::info("the pool asked to reconnect ({}:{}, in {} s)", r.host, r.port,
                             r.wait_seconds);
            },
            [&](const event::SubmitResult& r) {
                bool reached = false;
                {
                    std::lock_guard lock(stats_mutex_);
                    if (r.accepted) {
                        ++counters_.accepted;
                        reached =
                            options_.max_shares > 0 && counters_.accepted >= options_.max_shares;
                    } else {
                        ++counters_.rejected;
                        ++counters_.rejected_by_code[r.error_code];
                        counters_.last_reject_reason = r.message;
                    }
                }
                if (!r.accepted) spdlog::info("share rejected ({}): {}", r.error_code, r.message);
                if (reached) finish(std::nullopt);
            },
            [&](const event::Malformed& m) { spdlog::warn("from the pool: {}", m.message); },
            [&](const event::Reply&) {},
        },
        e);
}

void CpuMiner::publish(std::shared_ptr<const Work> work, bool clean) {
    {
        std::lock_guard lock(work_mutex_);
        work_ = std::move(work);
        generation_.fetch_add(1, std::memory_order_release);
        if (clean) clean_generation_.fetch_add(1, std::memory_order_release);
    }
    work_cv_.notify_all();
}

bool CpuMiner::throttle(int, uint64_t hashes_done, std::chrono::steady_clock::time_point start) {
    const double per_thread = options_.hashrate_limit / options_.threads;
    auto due =
        start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                    std::chrono::duration<double>(static_cast<double>(hashes_done) / per_thread));
    if (due <= std::chrono::steady_clock::now()) return !stopping_;
    // A rate limit, not synchronisation: wait out the time these hashes should have taken.
    std::unique_lock lock(work_mutex_);
    work_cv_.wait_until(lock, due, [this] { return stopping_.load(); });
    return !stopping_;
}

void CpuMiner::mine(int index) {
    NonceScanner scanner(options_.algorithm);
    std::vector<NonceHit> hits;
    Bytes coinbase;
    Bytes extranonce2;
    uint32_t batch =
        options_.algorithm == chain::PowAlgorithm::scrypt ? kScryptBatch : kSha256dBatch;
    const bool limited = options_.hashrate_limit > 0;
    if (limited) {
        // Small enough batches that the limit is kept within ~50 ms.
        const double per_thread = options_.hashrate_limit / options_.threads;
        batch = std::clamp<uint32_t>(static_cast<uint32_t>(per_thread / 20), 1, batch);
    }
    auto limit_start = std::chrono::steady_clock::now();
    uint64_t limit_hashes = 0;

    while (!stopping_) {
        std::shared_ptr<const Work> w;
        uint64_t generation, clean_generation;
        {
            std::unique_lock lock(work_mutex_);
            if (!work_ && !stopping_) {
                work_cv_.wait(lock, [this] { return stopping_ || work_; });
                // Idle time earns no hashing budget.
                limit_start = std::chrono::steady_clock::now();
                limit_hashes = 0;
            }
            if (stopping_) break;
            w = work_;
            generation = generation_.load(std::memory_order_acquire);
            clean_generation = clean_generation_.load(std::memory_order_acquire);
        }
        const MinerJob& job = w->job;
        extranonce2.resize(static_cast<size_t>(w->extranonce2_size));
        extranonce2_bytes(next_extranonce2_.fetch_add(1, std::memory_order_relaxed), extranonce2);
        build_coinbase(job, w->extranonce1, extranonce2, coinbase);
        const chain::Uint256 root = merkle_root(job, coinbase);
        const uint32_t mask = w->version_mask;
        const uint64_t rolls = mask != 0 ? version_roll_count(mask) : 1;

        bool switch_work = false;
        for (uint64_t roll = 0; roll < rolls && !switch_work; ++roll) {
            const uint32_t version =
                roll == 0 ? job.version : rolled_version(job.version, mask, roll);
            if (roll > 0) version_rolls_.fetch_add(1, std::memory_order_relaxed);
            scanner.set_header(build_header(job, root, version, job.ntime, 0));
            for (uint64_t nonce = 0; nonce < options_.nonces_per_header;) {
                const auto n = static_cast<uint32_t>(
                    std::min<uint64_t>(batch, options_.nonces_per_header - nonce));
                hits.clear();
                scanner.scan(static_cast<uint32_t>(nonce), n, w->share_target, hits);
                nonce += n;
                hashes_.fetch_add(n, std::memory_order_relaxed);
                limit_hashes += n;
                for (const auto& hit : hits) {
                    if (clean_generation_.load(std::memory_order_acquire) != clean_generation) {
                        stale_dropped_.fetch_add(1, std::memory_order_relaxed);
                        continue;
                    }
                    ShareSubmission share;
                    share.job_id = job.job_id;
                    share.extranonce2 = extranonce2;
                    share.ntime = job.ntime;
                    share.nonce = hit.nonce;
                    if (mask != 0) share.version_bits = version & mask;
                    submitted_.fetch_add(1, std::memory_order_relaxed);
                    client_->submit(std::move(share));
                }
                if (stopping_ || generation_.load(std::memory_order_acquire) != generation) {
                    switch_work = true;
                    break;
                }
                if (limited && !throttle(index, limit_hashes, limit_start)) {
                    switch_work = true;
                    break;
                }
            }
        }
    }
}

}  // namespace viddhana::miner
