// A simulated pool to evaluate the Sentinel: honest miners of varied speed, and injected faults
// (sick and offline rigs, invalid-share floods, hashrate jumps, block-withholding miners, pool
// hoppers). Shares arrive as Poisson counts per minute at each worker's rate, each with an achieved
// difficulty drawn from the 1/d tail; blocks end rounds. Fixed seed, so every run is the same.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "analytics/sentinel.h"
#include "base/expected.h"

namespace viddhana::analytics {

enum class FaultKind {
    sick_rig,
    offline_rig,
    invalid_flood,
    hashrate_jump,
    block_withholding,
    pool_hopping
};
const char* to_string(FaultKind k);

struct PoolSimulationConfig {
    uint64_t seed = 1;
    int honest_miners = 60;
    double hours = 48;
    int faults_per_kind = 3;
    double target_share_seconds = 10;     // vardiff's target: share difficulty follows hashrate
    double block_minutes = 10;            // the pool's mean time between blocks
    double withholder_pool_share = 0.06;  // each withholding miner's part of the pool's hashrate
    double hopper_pool_share = 0.05;      // each hopper's hashrate while it is in, same units
};

struct InjectedFault {
    FaultKind kind = FaultKind::sick_rig;
    std::string miner;
    std::string worker;  // "" for miner-level faults
    int64_t onset_ms = 0;
};

struct FaultScore {
    FaultKind kind = FaultKind::sick_rig;
    int injected = 0;
    int detected = 0;
    int alerts = 0;       // alerts of this fault's own kind
    int true_alerts = 0;  // ... that an injected fault explains (on its rig, after its onset)
    double precision = 0;
    double recall = 0;
    double median_minutes_to_detect = 0;
    double max_minutes_to_detect = 0;
};

struct SentinelEvaluation {
    PoolSimulationConfig config;
    int workers = 0;
    int64_t shares = 0;
    int64_t blocks = 0;
    std::vector<InjectedFault> faults;
    std::vector<Alert> alerts;
    std::vector<FaultScore> scores;
    int false_alerts = 0;  // alerts no injected fault explains
};

Expected<SentinelEvaluation> evaluate_sentinel(const PoolSimulationConfig& config,
                                               const SentinelConfig& sentinel_config);

std::string format_sentinel_evaluation(const SentinelEvaluation& evaluation);

}  // namespace viddhana::analytics
