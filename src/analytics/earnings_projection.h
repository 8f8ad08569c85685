// Expected coins per day / week / month for a miner or worker, with an interval that says how much
// luck can move it. The sources of spread, per payout scheme:
//   PPS / FPPS   the pool pays every share: the miner's share count is Poisson with a huge mean,
//                so the outcome is nearly deterministic (plus the difficulty forecast's spread);
//   PPLNS / PROP the miner's part of each pool block: the number of blocks the pool finds in the
//                period is Poisson (the pool's luck);
//   SOLO         the miner's own blocks, Poisson with a small mean: often nothing at all.
// The difficulty over the period comes from the forecast (its interval enters as a lognormal
// spread of the block rate), so the interval mixes a Poisson count over that spread.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/difficulty_forecaster.h"
#include "base/expected.h"
#include "chain/coin.h"
#include "ledger/payout/scheme_kind.h"

namespace viddhana::analytics {

struct HashrateSample {
    int64_t time_unix = 0;
    double hashrate = 0;  // H/s over the sample's interval (the ledger's roll-up)
};

// Expected hashes per block at network difficulty 1 (diff1 = 0xffff * 2^208, Bitcoin and
// Litecoin alike): 2^256 / diff1 = 2^48 / 0xffff.
inline constexpr double kHashesPerDifficulty = 281474976710656.0 / 65535.0;

struct EarningsInputs {
    std::vector<HashrateSample> hashrate_history;  // the miner's or worker's, oldest first
    int64_t hashrate_window_s = 86400;             // average over this much recent history
    double pool_hashrate = 0;  // H/s, the whole pool's (PPLNS / PROP); includes the miner
    double network_difficulty = 0;
    // Retargets ahead (from forecast_difficulty); empty: the difficulty stays as it is, with
    // difficulty_log_sigma as its spread.
    std::vector<DifficultyStep> difficulty_forecast;
    double forecast_coverage = 0.9;  // the coverage the forecast's intervals were made for
    double difficulty_log_sigma = 0;
    const chain::CoinParams* coin = nullptr;
    int64_t chain_height = 0;
    int64_t typical_fees_per_block = 0;  // base units: median fees of recent blocks
    ledger::payout::SchemeKind scheme = ledger::payout::SchemeKind::pplns;
    int pool_fee_bps = 100;        // 1% = 100
    double share_interval_s = 10;  // vardiff's target time between a worker's shares (PPS spread)
    double coverage = 0.9;
    int64_t now_unix = 0;
};

struct EarningsPeriod {
    std::string name;  // "day", "week", "month" (30 days)
    double seconds = 0;
    int64_t expected = 0;  // base units (mean)
    int64_t low = 0;       // interval ends, base units
    int64_t high = 0;
    double interval_probability = 0;  // model probability of [low, high] (>= coverage)
    double expected_blocks = 0;       // pool blocks (PPLNS/PROP), own blocks (SOLO), or share-
                                      // equivalent blocks (PPS)
    double probability_of_nothing = 0;
};

struct EarningsProjection {
    double hashrate = 0;  // H/s the projection assumes
    ledger::payout::SchemeKind scheme = ledger::payout::SchemeKind::pplns;
    int64_t reward_per_block = 0;  // subsidy (+ fees where the scheme pays them), base units
    double coverage = 0.9;
    std::vector<EarningsPeriod> periods;
    std::vector<std::string> assumptions;
};

Expected<EarningsProjection> project_earnings(const EarningsInputs& inputs);

// Time-weighted mean hashrate over the last `window_s` seconds of the history (before now).
Expected<double> mean_hashrate(const std::vector<HashrateSample>& history, int64_t now_unix,
                               int64_t window_s);

}  // namespace viddhana::analytics
