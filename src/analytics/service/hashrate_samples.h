// The store's per-minute roll-ups as the earnings projection's hashrate samples: one sample per
// minute from the first bucket in the window to now (minutes without shares count as zero), so
// a miner that started an hour ago is averaged over that hour, not over the whole day.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "analytics/earnings_projection.h"
#include "store/records.h"

namespace viddhana::analytics::service {

struct MeasuredHashrate {
    std::vector<HashrateSample> samples;  // oldest first, one a minute
    int64_t first_minute_ms = 0;          // start of the first bucket
    int64_t window_s = 0;                 // from the first bucket to now
    double mean = 0;                      // H/s over the window
};

// `buckets` oldest first (HashrateRepository::series); `hashes_per_difficulty` is 2^32 divided by
// the coin's share multiplier; `scale` multiplies every bucket (a worker's part of its miner's).
// None when no bucket has accepted work before now.
std::optional<MeasuredHashrate> samples_from_buckets(
    const std::vector<store::HashratePoint>& buckets, int64_t now_ms, double hashes_per_difficulty,
    double scale = 1.0);

// Mean hashrate of the buckets that start in [from_ms, now_ms), over that span.
double mean_over(const std::vector<store::HashratePoint>& buckets, int64_t from_ms, int64_t now_ms,
                 double hashes_per_difficulty);

}  // namespace viddhana::analytics::service
