// What the Stratum role reports when a share solved a block: the node's verdict on submitblock.
#pragma once
#include <cstdint>
#include <string>

namespace viddhana::bus {

struct BlockEvent {
    int64_t time_ms = 0;
    int64_t height = 0;
    std::string hash;   // display hex
    std::string login;  // finder's address
    std::string worker;
    int64_t reward = 0;  // the coinbase's total value (subsidy + fees), base units
    double network_difficulty = 0;
    double share_difficulty = 0;
    bool accepted = false;    // the node took it (submitblock returned null and it knows the block)
    std::string node_answer;  // "" when accepted, else the node's rejection reason or the error
    std::string coinbase_txid;  // display hex
    uint32_t node_id = 0;
};

}  // namespace viddhana::bus
