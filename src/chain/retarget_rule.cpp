#include "chain/retarget_rule.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace viddhana::chain {

int64_t RetargetRule::window_intervals(int64_t retarget_height) const {
    if (!litecoin_window || retarget_height == interval) return interval - 1;
    return interval;
}

double RetargetRule::next_difficulty(double old_difficulty, double actual_timespan_s) const {
    double target = static_cast<double>(target_timespan_s);
    double timespan = std::clamp(actual_timespan_s, target / max_factor, target * max_factor);
    // Difficulty is inverse to the target: target * timespan / target_timespan.
    return std::max(min_difficulty, old_difficulty * target / timespan);
}

double RetargetRule::max_log_change() const {
    return std::log(max_factor);
}

const RetargetRule& bitcoin_retarget_rule() {
    static const RetargetRule rule{"bitcoin", 2016, 600, 2016 * 600, 4.0, 1.0, false};
    return rule;
}

const RetargetRule& litecoin_retarget_rule() {
    // Proof-of-work limit 0x00000fffff...: bits 1e0fffff, difficulty 0xffff/0xfffff * 2^-8.
    static const RetargetRule rule{
        "litecoin", 2016, 150, 2016 * 150, 4.0, 65535.0 / 1048575.0 / 256.0, true};
    return rule;
}

Expected<const RetargetRule*> retarget_rule_for(std::string_view chain) {
    if (chain == "bitcoin") return &bitcoin_retarget_rule();
    if (chain == "litecoin") return &litecoin_retarget_rule();
    return make_error(fmt::format("unknown chain \"{}\" (expected bitcoin or litecoin)", chain));
}

}  // namespace viddhana::chain
