#include "stratum/vardiff.h"

#include <algorithm>
#include <cmath>

namespace viddhana::stratum {

Vardiff::Vardiff(const VardiffConfig& config, double start_difficulty, int64_t now_ms)
    : config_(config), difficulty_(start_difficulty), window_start_ms_(now_ms) {
    difficulty_ = clamp(start_difficulty);
}

double Vardiff::clamp(double d) const {
    double lo = std::max(config_.min_difficulty, floor_);
    double hi = std::max(config_.max_difficulty, lo);
    if (!(d > 0) || !std::isfinite(d)) d = config_.initial_difficulty;
    return std::clamp(d, lo, hi);
}

void Vardiff::set_floor(double floor) {
    floor_ = std::max(0.0, floor);
    difficulty_ = clamp(difficulty_);
}

double Vardiff::reset(double difficulty, int64_t now_ms) {
    difficulty_ = clamp(difficulty);
    window_start_ms_ = now_ms;
    window_shares_ = 0;
    return difficulty_;
}

std::optional<double> Vardiff::on_share(int64_t now_ms) {
    ++window_shares_;
    double elapsed = static_cast<double>(now_ms - window_start_ms_) / 1000.0;
    // A flood of shares (a fast miner at a low difficulty) need not wait for the interval.
    const double flood = 4 * config_.retarget_seconds / config_.target_share_seconds;
    if (elapsed < config_.retarget_seconds && window_shares_ < std::max(flood, 16.0)) {
        return std::nullopt;
    }
    return decide(window_shares_, std::max(elapsed, 0.001), now_ms);
}

std::optional<double> Vardiff::on_tick(int64_t now_ms) {
    double elapsed = static_cast<double>(now_ms - window_start_ms_) / 1000.0;
    if (elapsed < config_.retarget_seconds) return std::nullopt;
    // Counting the share that has not come yet makes the estimate conservative: it never
    // lowers the difficulty of a miner whose next share is simply a little late.
    double expected_without_change = elapsed / config_.target_share_seconds;
    if (window_shares_ + 1 >= expected_without_change) return std::nullopt;
    return decide(window_shares_ + 1, elapsed, now_ms);
}

std::optional<double> Vardiff::decide(double shares, double elapsed, int64_t now_ms) {
    const double ratio = shares * config_.target_share_seconds / elapsed;  // > 1: too fast
    const double deviation = std::abs(std::log(ratio));
    const double band = std::log(1.0 + config_.variance_percent / 100.0);
    const double noise = kSignificance / std::sqrt(shares);
    if (deviation > band && deviation > noise) return change_to(difficulty_ * ratio, now_ms);
    if (elapsed >= 10 * config_.retarget_seconds) {
        window_start_ms_ = now_ms;
        window_shares_ = 0;
    }
    return std::nullopt;
}

std::optional<double> Vardiff::change_to(double difficulty, int64_t now_ms) {
    window_start_ms_ = now_ms;
    window_shares_ = 0;
    double next = clamp(difficulty);
    if (next == difficulty_) return std::nullopt;
    difficulty_ = next;
    return next;
}

}  // namespace viddhana::stratum
