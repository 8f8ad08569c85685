// Pure planning of one append_shares call: validation, duplicate filtering against the
// per-node high-water marks, and the per-minute roll-ups, workers and miners the batch touches.
// The repositories turn the plan into SQL; keeping it pure makes it testable without a database.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/expected.h"
#include "bus/share_event.h"

namespace viddhana::store {

constexpr int64_t kMinuteMs = 60'000;
constexpr int64_t kDayMs = 86'400'000;

// Start of the minute holding time_ms (floor, also for times before 1970).
int64_t minute_of(int64_t time_ms);
int64_t day_of(int64_t time_ms);  // days since 1970-01-01 (floor)

std::optional<Error> validate_share(const bus::ShareEvent& share);

struct MinuteRollup {
    std::string login;   // empty for the pool's row
    std::string worker;  // empty for miner and pool rows
    int64_t minute_ms = 0;
    double accepted_difficulty = 0;
    int64_t accepted = 0;
    int64_t rejected = 0;
};

struct WorkerSeen {
    std::string login;
    std::string worker;
    int64_t first_ms = 0;  // earliest share of the batch
    int64_t last_ms = 0;   // latest share of the batch
    std::optional<int64_t> last_accepted_ms;
};

struct MinerSeen {
    std::string login;
    int64_t first_ms = 0;
};

struct ShareBatchPlan {
    std::vector<size_t> to_write;  // indices into the batch, in batch order
    size_t duplicates = 0;
    std::map<uint32_t, uint64_t> new_high_water;  // nodes whose mark moves
    std::vector<MinuteRollup> worker_minutes;
    std::vector<MinuteRollup> miner_minutes;
    std::vector<MinuteRollup> pool_minutes;
    std::vector<WorkerSeen> workers;
    std::vector<MinerSeen> miners;
    int64_t min_time_ms = 0;  // over shares to write
    int64_t max_time_ms = 0;
};

// `high_water` holds the stored mark of each node that has one. A share is written when its
// sequence is above its node's mark and above every earlier share of that node in the batch.
Expected<ShareBatchPlan> plan_share_batch(std::span<const bus::ShareEvent> shares,
                                          const std::map<uint32_t, uint64_t>& high_water);

}  // namespace viddhana::store
