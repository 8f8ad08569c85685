// The 2016-block retarget rule of Bitcoin and Litecoin: new target = old target * actual timespan /
// target timespan, the timespan clamped to [1/4, 4] times the target, the target capped at the
// proof-of-work limit. The two chains differ in the window the timespan is measured over:
//   Bitcoin  measures from the epoch's first block to its last: 2015 block intervals (the
//            well-known off-by-one);
//   Litecoin measures from the previous epoch's last block to this epoch's last: 2016 intervals
//            (every retarget but the first, at height 2016, which uses 2015).
// Consensus data, like the coins' parameters in coin.h; analytics/epoch_forecast.h applies it to
// the epoch in progress.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "base/expected.h"

namespace viddhana::chain {

struct RetargetRule {
    std::string chain;               // "bitcoin", "litecoin"
    int64_t interval = 2016;         // blocks per epoch
    int64_t target_spacing_s = 600;  // seconds per block
    int64_t target_timespan_s = 1209600;
    double max_factor = 4;         // the clamp, both ways
    double min_difficulty = 1.0;   // difficulty of the proof-of-work limit
    bool litecoin_window = false;  // timespan over 2016 intervals (else 2015)

    // Block intervals the timespan of the retarget at `retarget_height` covers.
    int64_t window_intervals(int64_t retarget_height) const;
    // Difficulty after a retarget that measured `actual_timespan_s`.
    double next_difficulty(double old_difficulty, double actual_timespan_s) const;
    double max_log_change() const;
};

const RetargetRule& bitcoin_retarget_rule();
const RetargetRule& litecoin_retarget_rule();
// "bitcoin" or "litecoin"; an error names the valid chains.
Expected<const RetargetRule*> retarget_rule_for(std::string_view chain);

}  // namespace viddhana::chain
