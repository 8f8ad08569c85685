// Hashrate from the per-minute roll-ups that append_shares maintains: windows per worker,
// miner and pool, time series for charts and the leaderboard. A window [now - span, now)
// sums the minute buckets that start inside it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/expected.h"
#include "store/records.h"

namespace viddhana::store {

// Distinct miners and workers with a roll-up bucket in a window: who is mining now.
struct ActiveCounts {
    int64_t miners = 0;
    int64_t workers = 0;
};

class HashrateRepository {
  public:
    virtual ~HashrateRepository() = default;

    virtual HashrateWindow pool_hashrate(int64_t now_ms, int64_t span_ms) = 0;
    virtual HashrateWindow miner_hashrate(const std::string& login, int64_t now_ms,
                                          int64_t span_ms) = 0;
    // Every worker of the miner that has a bucket in the window, sorted by worker name.
    virtual std::vector<WorkerHashrate> worker_hashrates(const std::string& login, int64_t now_ms,
                                                         int64_t span_ms) = 0;
    // Minute buckets in [from_ms, to_ms), oldest first; the pool's when login is absent.
    virtual std::vector<HashratePoint> series(const std::optional<std::string>& login,
                                              int64_t from_ms, int64_t to_ms) = 0;
    // Miners by accepted difficulty in the window, highest first (ties by login).
    virtual Expected<std::vector<MinerHashrate>> leaderboard(int64_t now_ms, int64_t span_ms,
                                                             int64_t limit) = 0;
    // Miners and (login, worker) pairs with a bucket in [now - span, now).
    virtual ActiveCounts active_counts(int64_t now_ms, int64_t span_ms) = 0;
};

}  // namespace viddhana::store
