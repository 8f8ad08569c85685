// What the Sentinel sees of each share, block and node: plain structs the service fills from the
// event bus (ShareEvent) and the ledger, with every difficulty in share units.
#pragma once
#include <cstdint>
#include <string>

#include "bus/share_event.h"

namespace viddhana::analytics {

struct ShareObservation {
    int64_t time_ms = 0;
    std::string miner;               // the login (coin address)
    std::string worker;              // "" when none was given
    double difficulty = 0;           // the session difficulty the share was judged by
    double achieved_difficulty = 0;  // what its hash achieved (0 when not computed)
    bus::ShareResult result = bus::ShareResult::accepted;
    double network_difficulty = 0;  // the block target, in share units (0 when unknown)
    bool solved_block = false;
};

// Share units: Stratum difficulty with the coin's share multiplier (65536 for scrypt pools). The
// bus reports the network difficulty in node units, so it is scaled by the multiplier here.
ShareObservation observation_from_share_event(const bus::ShareEvent& event,
                                              double share_multiplier);

// A block the pool found, once its fate is known.
struct BlockOutcome {
    int64_t time_ms = 0;
    int64_t height = 0;
    bool orphaned = false;
};

// A coin node's view against the best height known from its peers and the other nodes.
struct NodeStatus {
    int64_t time_ms = 0;
    std::string node;
    int64_t height = 0;
    int64_t best_known_height = 0;
    int64_t last_template_ms = 0;  // when it last gave a new block template
};

}  // namespace viddhana::analytics
