// The coin node's difficulty as the forecaster needs it: the first block of every 2016-block
// epoch up to the newest, and the tip inside the newest epoch. The node adapter fills it; the
// difficulty endpoint reads it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "analytics/difficulty_history.h"
#include "analytics/epoch_forecast.h"
#include "chain/coin.h"

namespace viddhana::analytics::service {

struct ChainDifficulty {
    const chain::CoinParams* coin = nullptr;
    // False on regtest: its consensus rules never retarget, the difficulty stays at the
    // proof-of-work limit.
    bool retargets = true;
    std::vector<DifficultyPoint> epochs;  // epoch starts, oldest first (heights k * 2016)
    EpochProgress progress;               // the tip, inside the newest epoch
    double tip_difficulty = 0;            // the difficulty of the tip block
};

}  // namespace viddhana::analytics::service
