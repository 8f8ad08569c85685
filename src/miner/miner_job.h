// A job as a miner receives it in mining.notify (pure parsing): the coinbase halves, the merkle
// branch and the header fields, decoded from their Stratum renderings.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "base/expected.h"
#include "base/hex.h"
#include "chain/uint256.h"

namespace viddhana::miner {

struct MinerJob {
    std::string job_id;
    chain::Uint256 prev_block;  // internal byte order (as in the header)
    Bytes coinb1;
    Bytes coinb2;
    std::vector<chain::Uint256> merkle_branch;
    uint32_t version = 0;
    uint32_t bits = 0;
    uint32_t ntime = 0;
    bool clean = false;
};

// mining.notify params: [job_id, prevhash, coinb1, coinb2, [branch...], version, nbits, ntime,
// clean_jobs]. The error names the first field that is wrong.
Expected<MinerJob> parse_notify(const nlohmann::json& params);

// Stratum's previous-block rendering (each 4-byte word of the internal bytes reversed, as
// stratum_prevhash writes it) back to the internal bytes. nullopt unless 64 hex digits.
std::optional<chain::Uint256> prevhash_from_stratum(std::string_view hex);

// An 8-digit big-endian hex field (version, nbits, ntime, nonce) to its value.
std::optional<uint32_t> parse_u32_hex(std::string_view hex);

}  // namespace viddhana::miner
