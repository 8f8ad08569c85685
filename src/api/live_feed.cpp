#include "api/live_feed.h"

#include <map>

#include <spdlog/spdlog.h>

#include "api/pool_stats.h"

namespace viddhana::api {

LiveFeed::LiveFeed(ApiContext& ctx, LiveHub& hub, bus::EventBus* bus, LiveFeedOptions options)
    : ctx_(ctx), hub_(hub), options_(options), blocks_(ctx.info.maturity_confirmations) {
    // Subscribe now, so nothing published after construction is missed.
    if (bus) subscription_ = bus->subscribe();
}

LiveFeed::~LiveFeed() {
    stop();
}

void LiveFeed::start() {
    thread_ = std::thread([this] { run(); });
}

void LiveFeed::stop() {
    stop_ = true;
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void LiveFeed::emit(const std::vector<LiveEvent>& events) {
    for (const auto& e : events) {
        for (const auto& c : e.channels)
            hub_.publish(c, e.type, e.data);
    }
}

void LiveFeed::on_batch(const bus::EventBatch& batch) {
    for (const auto& b : batch.blocks) {
        if (!b.accepted) continue;
        blocks_.announced(b.hash);
        nlohmann::json data{{"height", b.height}, {"hash", b.hash},
                            {"finder", b.login},  {"worker", b.worker},
                            {"reward", b.reward}, {"networkDifficulty", b.network_difficulty},
                            {"time", b.time_ms},  {"status", "pending"}};
        emit({{{"blocks", miner_channel(b.login)}, "block.found", std::move(data)}});
    }
    if (batch.shares.empty()) return;
    // Shares only for miners someone watches.
    std::map<std::string, std::pair<int64_t, int64_t>> per_miner;  // accepted, rejected
    auto active = hub_.active_channels();
    std::set<std::string> watched(active.begin(), active.end());
    for (const auto& s : batch.shares) {
        if (!watched.count(miner_channel(s.login))) continue;
        auto& counts = per_miner[s.login];
        (s.result == bus::ShareResult::accepted ? counts.first : counts.second)++;
    }
    for (const auto& [login, counts] : per_miner) {
        hub_.publish(miner_channel(login), "miner.shares",
                     {{"accepted", counts.first}, {"rejected", counts.second}});
    }
}

void LiveFeed::poll_store() {
    try {
        auto blocks = ctx_.store->blocks().blocks({50, 0});
        if (blocks) emit(blocks_.update(*blocks));
        auto payments = ctx_.store->payments().payments({}, {50, 0});
        if (payments) emit(payments_.update(*payments));
    } catch (const std::exception& e) {
        spdlog::debug("live feed: store not readable: {}", e.what());
    }
}

void LiveFeed::send_stats() {
    try {
        auto active = hub_.active_channels();
        int64_t now = ctx_.clock->now_ms();
        for (const auto& channel : active) {
            if (channel == "pool") {
                hub_.publish("pool", "pool.stats", ctx_.stats->stats());
            } else if (channel.rfind("miner:", 0) == 0) {
                std::string login = channel.substr(6);
                auto w = ctx_.store->hashrate().miner_hashrate(login, now, kHashrateWindowMs);
                hub_.publish(
                    channel, "miner.hashrate",
                    {{"hashrate", store::hashes_per_second(w, ctx_.info.hashes_per_difficulty())},
                     {"acceptedShares", w.accepted},
                     {"rejectedShares", w.rejected},
                     {"time", now}});
            }
        }
    } catch (const std::exception& e) {
        spdlog::debug("live feed: stats not available: {}", e.what());
    }
}

void LiveFeed::run() {
    auto next_poll = std::chrono::steady_clock::now();
    auto next_stats = next_poll;
    while (!stop_) {
        if (subscription_) {
            bus::EventBatch batch;
            bool open = subscription_->poll(batch, std::chrono::milliseconds(250));
            if (!batch.empty()) on_batch(batch);
            if (!open) subscription_.reset();
        } else {
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, std::chrono::milliseconds(250), [this] { return stop_.load(); });
        }
        auto now = std::chrono::steady_clock::now();
        if (now >= next_poll) {
            poll_store();
            next_poll = now + std::chrono::milliseconds(options_.store_poll_ms);
        }
        if (now >= next_stats) {
            send_stats();
            next_stats = now + std::chrono::milliseconds(options_.stats_interval_ms);
        }
    }
}

}  // namespace viddhana::api
