// The 2016-block retarget rule of Bitcoin and Litecoin: new target = old target * actual timespan /
// target timespan, the timespan clamped to [1/4, 4] times the target, the target capped at the
// proof-of-work limit. The two chains differ in the window the timespan is measured over:
//   Bitcoin  measures from the epoch's first block to its last: 2015 block intervals (the
//            well-known off-by-one);
//   Litecoin measures from the previous epoch's last block to this epoch's last: 2016 intervals
//            (every retarget but the first, at height 2016, which uses 2015).
// With the same rule, the forecast of the epoch in progress from the blocks already mined in it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ai/difficulty_history.h"
#include "base/expected.h"

namespace viddhana::ai {

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
Expected<const RetargetRule*> retarget_rule_for(std::string_view chain);
// Guesses the chain of an epoch history from its median epoch length (14 days vs 3.5 days);
// nullptr for per-row histories or lengths near neither.
const RetargetRule* detect_retarget_rule(const DifficultyHistory& history);

// Where the chain stands inside the epoch that began at the history's last row.
struct EpochProgress {
    int64_t tip_height = 0;     // last block mined (>= epoch start height)
    int64_t tip_time_unix = 0;  // its timestamp
    // Litecoin: time of the block just before the epoch's first block (the window's start).
    // When absent it is estimated as the epoch start time minus one mean block interval.
    std::optional<int64_t> previous_block_time_unix;
};

// A prior for the epoch's log difficulty change, from a forecasting model: its point forecast
// and the spread (normal-equivalent standard deviation) of its past errors.
struct ChangePrior {
    double log_change = 0;
    double sigma = 0.05;
};

struct EpochRetargetForecast {
    int64_t retarget_height = 0;
    int64_t blocks_mined = 0;      // in this epoch, including its first block
    int64_t blocks_remaining = 0;  // until the retarget block
    double expected_timespan_s = 0;
    int64_t expected_retarget_time_unix = 0;
    double difficulty = 0;  // point forecast (median)
    double low = 0;         // interval at the requested coverage
    double high = 0;
    bool clamped = false;  // the point forecast hits the factor-4 clamp
};

// The rule applied to the blocks mined so far: the observed mean block interval, combined with the
// prior by precision (the prior is worth 1/sigma^2 blocks), extrapolated over the remaining blocks;
// the interval adds the Poisson spread of the remaining blocks (variance 1/m in log time).
Expected<EpochRetargetForecast> forecast_epoch_retarget(const RetargetRule& rule,
                                                        const DifficultyPoint& epoch_start,
                                                        const EpochProgress& progress,
                                                        const ChangePrior& prior, double coverage);

}  // namespace viddhana::ai
