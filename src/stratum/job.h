// A Stratum job: everything a miner needs to build headers for one block template, and everything
// the pool needs to check their shares and assemble the block when one solves it. Immutable once
// built; shared by every session that was sent it.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/hex.h"
#include "chain/uint256.h"
#include "node/block_template.h"

namespace viddhana::stratum {

struct Job {
    uint64_t id = 0;
    std::string id_hex;  // the job id on the wire
    std::shared_ptr<const node::BlockTemplate> block_template;

    int64_t height = 0;
    int32_t version = 0;
    uint32_t bits = 0;
    uint32_t ntime = 0;    // the template's curtime: what miners start from
    int64_t min_time = 0;  // the earliest ntime the node accepts
    chain::Uint256 prev_block;
    chain::Uint256 network_target;
    double network_difficulty = 0;
    int64_t coinbase_value = 0;

    // coinbase (without witness) = coinb1 || extranonce1 || extranonce2 || coinb2
    Bytes coinb1;
    Bytes coinb2;
    int extranonce_size = 0;            // extranonce1 + extranonce2 bytes
    bool coinbase_has_witness = false;  // segwit: the block's coinbase carries the reserved value
    std::vector<chain::Uint256> merkle_branch;

    bool clean = false;  // a new block on the network: miners must drop older work
    int64_t created_ms = 0;

    // Complete mining.notify lines, prepared once for every session: with clean=true (a new
    // block, or a session's first job) and clean=false (same block, or a job sent again after a
    // difficulty change).
    std::string notify_line_clean;
    std::string notify_line_continue;
    const std::string& notify_line() const {
        return clean ? notify_line_clean : notify_line_continue;
    }
};

using JobPtr = std::shared_ptr<const Job>;

}  // namespace viddhana::stratum
