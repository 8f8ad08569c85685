// Hash rate history for charts: the store's minute roll-ups summed into fixed buckets aligned to
// the bucket size, every bucket of the range present (zero when nobody mined), so a chart has
// no gaps to guess about. Pure.
#pragma once
#include <cstdint>
#include <vector>

#include "base/expected.h"
#include "store/records.h"

namespace viddhana::api {

struct HashrateBucket {
    int64_t time_ms = 0;  // bucket start
    double hashrate = 0;  // hashes per second averaged over the bucket
    int64_t accepted = 0;
    int64_t rejected = 0;
};

inline constexpr int64_t kMaxSeriesPoints = 2000;

// Buckets covering [from_ms, to_ms): from is rounded down and to up to the bucket size.
// Errors when the range is empty or would need more than kMaxSeriesPoints buckets.
Expected<std::vector<HashrateBucket>> bucket_hashrate(
    const std::vector<store::HashratePoint>& minutes, int64_t from_ms, int64_t to_ms,
    int64_t bucket_ms, double hashes_per_difficulty);

}  // namespace viddhana::api
