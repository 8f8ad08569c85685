// Worker advice: concrete suggestions, each with the numbers behind it. A start difficulty from the
// worker's hashrate and the pool's target share time; the likely cause of a stale rate (network
// latency, slow job switching) from the rate latency alone would explain; hardware errors from
// the invalid rate; and tuning hints for the rig's model from the hardware table, for the target
// asked for (efficiency, hashrate or temperature).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "analytics/hardware_table.h"
#include "base/expected.h"

namespace viddhana::analytics {

struct WorkerAdviceInputs {
    double hashrate = 0;            // H/s, as the pool measures it
    double current_difficulty = 0;  // the session's share difficulty (0 when unknown)
    double target_share_seconds = 10;
    double share_multiplier = 65536;  // 65536 for scrypt pools, 1 for SHA256d
    int64_t shares = 0;               // shares behind the rates below
    double stale_rate = 0;            // fractions of those shares
    double invalid_rate = 0;
    std::optional<double> latency_ms;     // round trip to the pool
    std::optional<double> job_switch_ms;  // from a new job's notify to the first share on it
    double block_interval_s = 150;        // the coin's block spacing (stale work follows blocks)
    std::string hardware_model;           // "" when unknown
    std::optional<double> temperature_c;  // chip (ASIC) or core (GPU) temperature
    std::optional<double> power_w;
    OptimizationTarget target = OptimizationTarget::efficiency;
};

struct Advice {
    std::string topic;  // "start-difficulty", "stale-shares", "invalid-shares", "hardware", ...
    std::string suggestion;
    std::string reason;
};

Expected<std::vector<Advice>> advise_worker(const WorkerAdviceInputs& inputs,
                                            const HardwareTable& table);

}  // namespace viddhana::analytics
