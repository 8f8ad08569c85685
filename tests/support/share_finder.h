// Finds nonces for a Stratum job the way a miner does, from the notify's fields alone, so tests
// can submit shares of a chosen kind: meeting the share target, or deliberately not.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "chain/pow.h"
#include "chain/uint256.h"

namespace viddhana::test {

struct FoundShare {
    std::string extranonce2;
    std::string ntime;
    std::string nonce;
    chain::Uint256 pow_hash;
    chain::Uint256 block_hash;
};

enum class ShareKind {
    meets_target,      // pow hash <= the share target of `difficulty`
    below_everything,  // pow hash above both the share target and the block's target
};

// Hashes headers built from notify params (job_id, prevhash, coinb1, coinb2, branch, version,
// nbits, ntime, clean) with nonces counting up from `first_nonce`.
std::optional<FoundShare> find_share(const nlohmann::json& notify_params,
                                     const std::string& extranonce1_hex,
                                     const std::string& extranonce2_hex, double difficulty,
                                     chain::PowAlgorithm algorithm, double multiplier,
                                     ShareKind kind, uint32_t first_nonce = 0,
                                     uint32_t max_tries = 1u << 22);

// The params of a mining.submit for a found share.
nlohmann::json submit_params(const std::string& worker, const nlohmann::json& notify_params,
                             const FoundShare& share);

}  // namespace viddhana::test
