// A block a share solved: the one record of it from the Stratum shard that found it to the store.
// The shard fills in what it knows, the block submitter adds the node's verdict, the event bus
// carries it (event_codec.h), and the ledger stores a block worth following as a pending block
// (store::BlockRepository::add_block); the store's row (store::Block) adds what the ledger learns
// later: status, confirmations, effort.
#pragma once
#include <cstdint>
#include <string>

namespace viddhana::bus {

struct FoundBlock {
    int64_t found_ms = 0;  // when the share was judged (Unix ms)
    int64_t height = 0;
    std::string hash;          // display hex
    std::string finder_login;  // the miner's address
    std::string finder_worker;
    int64_t reward = 0;  // the coinbase's total value (subsidy + fees), base units
    double network_difficulty = 0;
    double share_difficulty = 0;  // what the solving share's hash achieved
    std::string coinbase_txid;    // display hex
    uint32_t node_id = 0;         // the Stratum node that found it
    // The node's verdict on submitblock.
    bool accepted = false;    // the node took it (submitblock returned null and it knows the block)
    std::string node_answer;  // "" when accepted, else the node's rejection reason or the error
};

}  // namespace viddhana::bus
