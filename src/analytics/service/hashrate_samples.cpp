#include "analytics/service/hashrate_samples.h"

#include <algorithm>
#include <map>

namespace viddhana::analytics::service {

std::optional<MeasuredHashrate> samples_from_buckets(
    const std::vector<store::HashratePoint>& buckets, int64_t now_ms, double hashes_per_difficulty,
    double scale) {
    std::map<int64_t, double> by_minute;  // minute start (ms) -> accepted difficulty
    for (const auto& b : buckets) {
        if (b.minute_ms >= now_ms || b.accepted_difficulty <= 0) continue;
        by_minute[b.minute_ms] += b.accepted_difficulty * scale;
    }
    if (by_minute.empty()) return std::nullopt;
    MeasuredHashrate out;
    out.first_minute_ms = by_minute.begin()->first;
    const int64_t now_s = now_ms / 1000;
    double total_difficulty = 0;
    for (int64_t minute = out.first_minute_ms; minute < now_ms; minute += 60'000) {
        auto it = by_minute.find(minute);
        double difficulty = it == by_minute.end() ? 0 : it->second;
        total_difficulty += difficulty;
        // A sample covers the time since the one before: the minute, or its part before now.
        int64_t start_s = minute / 1000;
        int64_t end_s = std::min(start_s + 60, now_s);
        if (end_s <= start_s) continue;
        if (!out.samples.empty() && end_s <= out.samples.back().time_unix) continue;
        double hashrate = difficulty * hashes_per_difficulty / static_cast<double>(end_s - start_s);
        out.samples.push_back({end_s, hashrate});
    }
    out.window_s = std::max<int64_t>(1, now_s - out.first_minute_ms / 1000);
    out.mean = total_difficulty * hashes_per_difficulty / static_cast<double>(out.window_s);
    if (out.samples.empty()) return std::nullopt;
    return out;
}

double mean_over(const std::vector<store::HashratePoint>& buckets, int64_t from_ms, int64_t now_ms,
                 double hashes_per_difficulty) {
    if (now_ms <= from_ms) return 0;
    double total = 0;
    for (const auto& b : buckets) {
        if (b.minute_ms >= from_ms && b.minute_ms < now_ms) total += b.accepted_difficulty;
    }
    return total * hashes_per_difficulty * 1000.0 / static_cast<double>(now_ms - from_ms);
}

}  // namespace viddhana::analytics::service
