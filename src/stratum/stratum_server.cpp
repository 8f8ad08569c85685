#include "stratum/stratum_server.h"

#include <spdlog/spdlog.h>

#include "stratum/shard.h"

namespace viddhana::stratum {

namespace {

uint64_t first_share_sequence(const Clock& clock) {
    return static_cast<uint64_t>(clock.now_ms()) * 1000;
}

}  // namespace

StratumServer::StratumServer(const StratumConfig& config, const chain::CoinParams& coin,
                             const Clock& clock, metrics::Registry& registry, bus::EventBus& bus,
                             BlockSink& blocks, CoinbasePayout pool_payout)
    : config_(config),
      coin_(coin),
      clock_(clock),
      metrics_(registry),
      admission_(admission_policy(config)),
      extranonces_(config.node_id),
      next_share_sequence_(first_share_sequence(clock)),
      context_{config_,      coin_, clock_, metrics_,       admission_,
               extranonces_, bus,   blocks, publish_mutex_, next_share_sequence_},
      issuer_(JobBuilder(coin, config.coinbase), std::move(pool_payout),
              config.job_refresh_seconds),
      control_(1),
      control_work_(asio::make_work_guard(control_)),
      acceptor_(control_),
      tick_timer_(control_),
      accept_backoff_(control_) {
    int threads = config_.threads > 0 ? config_.threads
                                      : static_cast<int>(std::thread::hardware_concurrency());
    for (int i = 0; i < std::max(1, threads); ++i) {
        shards_.push_back(std::make_unique<Shard>(context_, i));
    }
    admission_.on_ban([this](const AdmissionControl::Ban& b) {
        switch (b.reason) {
            case BanReason::connection_flood:
                metrics_.bans_connection_flood.inc();
                break;
            case BanReason::garbage_flood:
                metrics_.bans_garbage_flood.inc();
                break;
            case BanReason::handshake_flood:
                metrics_.bans_handshake_flood.inc();
                break;
        }
        spdlog::warn("banning address {} for {} s: {}", b.address, (b.until_ms - b.since_ms) / 1000,
                     to_string(b.reason));
    });
    registry.gauge_fn("stratum_banned_addresses", "Addresses banned now", {}, [this] {
        return static_cast<double>(admission_.banned_count(clock_.now_ms()));
    });
    registry.gauge_fn("stratum_job_age_seconds", "Seconds since the current job was made", {},
                      [this] {
                          auto job = current_job();
                          return job ? (clock_.now_ms() - job->created_ms) / 1000.0 : -1.0;
                      });
}

AdmissionPolicy StratumServer::admission_policy(const StratumConfig& c) {
    AdmissionPolicy p;
    p.max_connections = c.max_connections;
    p.max_per_address = c.max_connections_per_ip;
    p.ban_ms = int64_t{c.ban_seconds} * 1000;
    p.backoff_ms = int64_t{c.reconnect_backoff_seconds} * 1000;
    p.connections_per_minute = c.ban_connections_per_minute;
    p.garbage_bytes_per_minute = c.ban_garbage_bytes_per_minute;
    p.handshake_timeouts_per_minute = c.ban_handshake_timeouts_per_minute;
    p.exempt = c.ban_exempt;
    return p;
}

void StratumServer::change_extranonce_prefix(uint8_t prefix) {
    extranonces_.set_node_id(prefix);
    std::string host = config_.host == "0.0.0.0" ? std::string() : config_.host;
    for (auto& s : shards_)
        s->post_move_extranonces(host, port_, config_.reconnect_wait_seconds);
}

StratumServer::~StratumServer() {
    stop(false);
}

void StratumServer::start() {
    tcp::endpoint ep(asio::ip::make_address(config_.host), config_.port);
    try {
        acceptor_.open(ep.protocol());
        acceptor_.set_option(asio::socket_base::reuse_address(true));
        acceptor_.bind(ep);
        acceptor_.listen(asio::socket_base::max_listen_connections);
    } catch (const boost::system::system_error& e) {
        throw std::runtime_error(fmt::format("stratum cannot listen on {}:{}: {}", config_.host,
                                             config_.port, e.code().message()));
    }
    port_ = acceptor_.local_endpoint().port();
    for (auto& s : shards_)
        s->start();
    started_ = true;
    accept_next();
    schedule_tick();
    control_thread_ = std::thread([this] { control_.run(); });
    spdlog::info("stratum listening on {}:{} with {} threads", config_.host, port_, shards_.size());
}

void StratumServer::stop(bool graceful) {
    if (!started_) return;
    started_ = false;
    asio::post(control_, [this] {
        boost::system::error_code ec;
        acceptor_.close(ec);
        tick_timer_.cancel();
        accept_backoff_.cancel();
    });
    if (graceful) {
        std::string host = config_.host == "0.0.0.0" ? std::string() : config_.host;
        for (auto& s : shards_)
            s->post_reconnect_all(host, port_, config_.reconnect_wait_seconds);
    }
    for (auto& s : shards_)
        s->stop();
    control_work_.reset();
    if (control_thread_.joinable()) control_thread_.join();
}

void StratumServer::accept_next() {
    Shard& shard = *shards_[next_shard_];
    next_shard_ = (next_shard_ + 1) % shards_.size();
    acceptor_.async_accept(
        shard.io(), [this, &shard](const boost::system::error_code& ec, tcp::socket socket) {
            if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
            if (ec) {
                // Out of file descriptors and the like: wait a little rather than spin.
                spdlog::warn("stratum accept failed: {}", ec.message());
                accept_backoff_.expires_after(std::chrono::milliseconds(100));
                accept_backoff_.async_wait([this](const boost::system::error_code& e) {
                    if (!e) accept_next();
                });
                return;
            }
            boost::system::error_code addr_ec;
            auto remote = socket.remote_endpoint(addr_ec);
            std::string ip = addr_ec ? std::string("unknown") : remote.address().to_string();
            auto verdict = admission_.admit(ip, clock_.now_ms());
            if (verdict != AdmissionControl::Verdict::admitted) {
                metrics_.connections_refused.inc();
                spdlog::debug("refused {}: {}", ip, to_string(verdict));
                socket.close(addr_ec);
            } else if (auto en1 = extranonces_.acquire()) {
                metrics_.connections_total.inc();
                asio::post(shard.io(), [&shard, s = std::move(socket), ip = std::move(ip),
                                        en1 = *en1]() mutable {
                    shard.adopt(std::move(s), std::move(ip), en1);
                });
            } else {
                admission_.release(ip);
                socket.close(addr_ec);
            }
            accept_next();
        });
}

void StratumServer::on_template(std::shared_ptr<const node::BlockTemplate> tmpl) {
    asio::post(control_, [this, tmpl = std::move(tmpl)]() mutable {
        auto job = issuer_.on_template(std::move(tmpl), clock_.now_ms());
        if (!job) {
            spdlog::error("cannot make a job from the node's template: {}", job.error().message);
            return;
        }
        if (*job) broadcast(**job);
    });
}

void StratumServer::broadcast(const JobPtr& job) {
    {
        std::lock_guard lock(job_mutex_);
        current_job_ = job;
    }
    metrics_.jobs_generated.inc();
    metrics_.current_block_height.set(static_cast<double>(job->height));
    metrics_.network_difficulty.set(job->network_difficulty);
    if (job->clean) {
        spdlog::info("new block to mine: height {}, difficulty {}, {} transactions, reward {}",
                     job->height, job->network_difficulty, job->block_template->transactions.size(),
                     job->coinbase_value);
    }
    for (auto& s : shards_)
        s->post_job(job);
}

void StratumServer::schedule_tick() {
    tick_timer_.expires_after(std::chrono::seconds(1));
    tick_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (ec) return;
        admission_.sweep(clock_.now_ms());
        auto job = issuer_.on_tick(clock_.now_ms());
        if (!job) {
            spdlog::error("cannot make a job from the node's template: {}", job.error().message);
        } else if (*job) {
            broadcast(**job);
        }
        schedule_tick();
    });
}

JobPtr StratumServer::current_job() const {
    std::lock_guard lock(job_mutex_);
    return current_job_;
}

}  // namespace viddhana::stratum
