// An aux chain's block to mine, as its node's createauxblock answers: the block hash the AuxPoW
// must commit to, its chain id, parent, reward and target. submitauxblock later takes the same
// hash with the AuxPoW. The node forgets the hashes it handed out once its tip moves.
#pragma once
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "base/expected.h"
#include "chain/uint256.h"
#include "merged/aux_chain.h"

namespace viddhana::merged {

struct AuxBlockTemplate {
    chain::Uint256 hash;   // the aux block's hash, internal byte order (the tree's leaf)
    std::string hash_hex;  // as the node showed it (display order): what submitauxblock takes
    int32_t chain_id = 0;
    chain::Uint256 previous_block;
    int64_t coinbase_value = 0;  // subsidy plus fees, base units: the block's reward
    uint32_t bits = 0;
    int64_t height = 0;
    chain::Uint256 target;  // from bits
};

// Checks every field and that they agree with `chain`: the chain id, the height at or after the
// chain's AuxPoW start, the target equal to what bits encode and within the chain's limit. The
// target comes as "target" (Dogecoin) or "_target" (Namecoin's API), in the node's reversed byte
// order, that is the little-endian bytes of the number. An error names the field.
Expected<AuxBlockTemplate> parse_aux_block(const nlohmann::json& result,
                                           const AuxChainParams& chain);

// True when two answers ask for the same block (the node hands out the same hash again until its
// tip moves or new transactions arrive).
inline bool same_aux_block(const AuxBlockTemplate& a, const AuxBlockTemplate& b) {
    return a.hash == b.hash;
}

}  // namespace viddhana::merged
