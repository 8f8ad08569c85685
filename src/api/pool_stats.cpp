#include "api/pool_stats.h"

#include "api/json_views.h"

namespace viddhana::api {

nlohmann::ordered_json compute_pool_stats(const ApiContext& ctx) {
    auto& store = *ctx.store;
    int64_t now = ctx.clock->now_ms();
    auto window = store.hashrate().pool_hashrate(now, kHashrateWindowMs);
    auto active = store.hashrate().active_counts(now, kHashrateWindowMs);
    auto totals = store.payments().pool_totals();
    auto newest = store.blocks().blocks({1, 0});
    auto network = ctx.network->get();
    nlohmann::json last_block = nullptr;
    if (newest && !newest->empty()) last_block = newest->front().found_ms;
    // In the order of the deployment guide's example.
    nlohmann::ordered_json stats{
        {"hashrate", store::hashes_per_second(window, ctx.info.hashes_per_difficulty())},
        {"activeWorkers", active.workers},
        {"activeMiners", active.miners},
        {"blocksFound", totals.blocks_found},
        {"totalPaid", totals.total_paid},
        {"difficulty", number(network.info ? network.info->difficulty : 0)},
        {"networkHashrate", number(network.info ? network.info->network_hashrate : 0)},
        {"lastBlockTime", last_block},
        {"poolFee", number(ctx.info.fee_percent)}};
    nlohmann::ordered_json body;
    body["stats"] = std::move(stats);
    return body;
}

PoolStatsCache::PoolStatsCache(const ApiContext& ctx, int64_t ttl_ms)
    : ctx_(ctx), ttl_ms_(ttl_ms) {}

std::shared_ptr<const std::string> PoolStatsCache::body() {
    int64_t now = ctx_.clock->now_ms();
    {
        std::lock_guard lock(mutex_);
        bool fresh = body_ && now - built_ms_ < ttl_ms_ && now >= built_ms_;
        // While one request rebuilds, the others answer with the previous body.
        if (fresh || (body_ && refreshing_)) return body_;
        refreshing_ = true;
    }
    std::shared_ptr<const std::string> built;
    try {
        built = std::make_shared<const std::string>(compute_pool_stats(ctx_).dump());
    } catch (...) {
        std::lock_guard lock(mutex_);
        refreshing_ = false;
        throw;
    }
    std::lock_guard lock(mutex_);
    refreshing_ = false;
    body_ = built;
    built_ms_ = now;
    return body_;
}

nlohmann::json PoolStatsCache::stats() {
    return nlohmann::json::parse(*body())["stats"];
}

}  // namespace viddhana::api
