#include "analytics/share_observation.h"

namespace viddhana::analytics {

ShareObservation observation_from_share_event(const bus::ShareEvent& event,
                                              double share_multiplier) {
    ShareObservation o;
    o.time_ms = event.time_ms;
    o.miner = event.login;
    o.worker = event.worker;
    o.difficulty = event.difficulty;
    o.achieved_difficulty = event.actual_difficulty;
    o.result = event.result;
    o.network_difficulty = event.network_difficulty * share_multiplier;
    o.solved_block = !event.block_hash.empty();
    return o;
}

}  // namespace viddhana::analytics
