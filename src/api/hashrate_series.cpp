#include "api/hashrate_series.h"

#include <fmt/format.h>

namespace viddhana::api {

Expected<std::vector<HashrateBucket>> bucket_hashrate(
    const std::vector<store::HashratePoint>& minutes, int64_t from_ms, int64_t to_ms,
    int64_t bucket_ms, double hashes_per_difficulty) {
    if (bucket_ms < 60'000 || bucket_ms % 60'000 != 0) {
        return make_error("bucket must be a whole number of minutes");
    }
    if (to_ms <= from_ms) return make_error("the range is empty: 'to' must be after 'from'");
    int64_t start = from_ms - (((from_ms % bucket_ms) + bucket_ms) % bucket_ms);
    int64_t end = to_ms + (bucket_ms - (((to_ms % bucket_ms) + bucket_ms) % bucket_ms)) % bucket_ms;
    int64_t count = (end - start) / bucket_ms;
    if (count > kMaxSeriesPoints) {
        return make_error(
            fmt::format("{} buckets of {} minutes; at most {}: choose a larger "
                        "bucket or a shorter range",
                        count, bucket_ms / 60'000, kMaxSeriesPoints));
    }
    std::vector<HashrateBucket> out(static_cast<size_t>(count));
    std::vector<double> difficulty(out.size(), 0.0);
    for (size_t i = 0; i < out.size(); ++i)
        out[i].time_ms = start + static_cast<int64_t>(i) * bucket_ms;
    for (const auto& p : minutes) {
        if (p.minute_ms < start || p.minute_ms >= end) continue;
        auto i = static_cast<size_t>((p.minute_ms - start) / bucket_ms);
        difficulty[i] += p.accepted_difficulty;
        out[i].accepted += p.accepted;
        out[i].rejected += p.rejected;
    }
    double seconds = static_cast<double>(bucket_ms) / 1000.0;
    for (size_t i = 0; i < out.size(); ++i) {
        out[i].hashrate = difficulty[i] * hashes_per_difficulty / seconds;
    }
    return out;
}

}  // namespace viddhana::api
