// The epoch in progress forecast by the retarget rule (chain/retarget_rule.h) from the blocks
// already mined in it, and the rule a difficulty history follows.
#pragma once
#include <cstdint>
#include <optional>

#include "analytics/difficulty_history.h"
#include "base/expected.h"
#include "chain/retarget_rule.h"

namespace viddhana::analytics {

// Guesses the chain of an epoch history from its median epoch length (14 days vs 3.5 days);
// nullptr for per-row histories or lengths near neither.
const chain::RetargetRule* detect_retarget_rule(const DifficultyHistory& history);

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
Expected<EpochRetargetForecast> forecast_epoch_retarget(const chain::RetargetRule& rule,
                                                        const DifficultyPoint& epoch_start,
                                                        const EpochProgress& progress,
                                                        const ChangePrior& prior, double coverage);

}  // namespace viddhana::analytics
