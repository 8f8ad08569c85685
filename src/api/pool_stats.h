// GET /api/stats/pool's body, rebuilt at most once per TTL: under load every request is a copy
// of the cached text, not five queries and a node call.
//   {"stats":{"hashrate","activeWorkers","activeMiners","blocksFound","totalPaid","difficulty",
//             "networkHashrate","lastBlockTime","poolFee"}}
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "api/api_context.h"

namespace viddhana::api {

// Computes the stats now (no cache).
nlohmann::ordered_json compute_pool_stats(const ApiContext& ctx);

class PoolStatsCache {
  public:
    PoolStatsCache(const ApiContext& ctx, int64_t ttl_ms);
    // The serialized body; shared so a reader never copies under the lock.
    std::shared_ptr<const std::string> body();
    nlohmann::json stats();

  private:
    const ApiContext& ctx_;
    const int64_t ttl_ms_;
    std::mutex mutex_;
    std::shared_ptr<const std::string> body_;
    int64_t built_ms_ = 0;
    bool refreshing_ = false;
};

}  // namespace viddhana::api
