// AuxPoW verification, mirroring the aux node check for check (see auxpow_check.h). The reasons
// are the node's own strings so that a refusal in the pool's log reads like the node's.
#include "merged/auxpow_check.h"

#include <algorithm>
#include <array>
#include <string>

#include "chain/merkle.h"
#include "chain/sha256.h"
#include "chain/transaction.h"
#include "merged/aux_chain.h"
#include "merged/aux_merkle_tree.h"
#include "merged/aux_tree_shape.h"
#include "merged/merged_mining_commitment.h"

namespace viddhana::merged {

namespace {

uint32_t read_u32le(std::span<const uint8_t>::iterator p) {
    return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
           static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
}

}  // namespace

std::optional<Error> check_auxpow_commitment(const AuxPow& auxpow, const chain::Uint256& aux_hash,
                                             int32_t chain_id, bool strict_chain_id) {
    if (auxpow.coinbase_index != 0) return make_error("AuxPow is not a generate");
    if (strict_chain_id && chain_id_of_version(auxpow.parent_header.version) == chain_id)
        return make_error("Aux POW parent has our chain ID");
    if (auxpow.aux_branch.size() > kMaxAuxTreeHeight)
        return make_error("Aux POW chain merkle branch too long");

    const chain::Uint256 root =
        merkle_root_from_indexed_branch(aux_hash, auxpow.aux_branch, auxpow.aux_index);
    std::array<uint8_t, 32> root_bytes;
    std::reverse_copy(root.bytes().begin(), root.bytes().end(), root_bytes.begin());

    auto tx = chain::Transaction::parse(auxpow.parent_coinbase);
    if (!tx || tx->inputs.empty()) return make_error("the parent coinbase is not a transaction");
    const chain::Uint256 txid = chain::sha256d(auxpow.parent_coinbase);
    if (merkle_root_from_indexed_branch(txid, auxpow.coinbase_branch, auxpow.coinbase_index) !=
        auxpow.parent_header.merkle_root)
        return make_error("Aux POW merkle root incorrect");

    const std::span<const uint8_t> script = tx->inputs[0].script_sig;
    auto head = std::search(script.begin(), script.end(), kMergedMiningMarker.begin(),
                            kMergedMiningMarker.end());
    auto pc = std::search(script.begin(), script.end(), root_bytes.begin(), root_bytes.end());
    if (pc == script.end())
        return make_error("Aux POW missing chain merkle root in parent coinbase");
    if (head != script.end()) {
        if (std::search(head + 1, script.end(), kMergedMiningMarker.begin(),
                        kMergedMiningMarker.end()) != script.end())
            return make_error("Multiple merged mining headers in coinbase");
        if (head + kMergedMiningMarker.size() != pc)
            return make_error("Merged mining header is not just before chain merkle root");
    } else if (pc - script.begin() > 20) {
        // Coinbases from before the marker existed: the root must come early instead.
        return make_error(
            "Aux POW chain merkle root must start in the first 20 bytes of the parent coinbase");
    }

    pc += root_bytes.size();
    if (script.end() - pc < 8)
        return make_error("Aux POW missing chain merkle tree size and nonce in parent coinbase");
    const uint32_t size = read_u32le(pc);
    const auto height = static_cast<unsigned>(auxpow.aux_branch.size());
    if (size != (uint32_t{1} << height))
        return make_error("Aux POW merkle branch size does not match parent coinbase");
    const uint32_t nonce = read_u32le(pc + 4);
    if (auxpow.aux_index != static_cast<int32_t>(aux_slot(nonce, chain_id, height)))
        return make_error("Aux POW wrong index");
    return std::nullopt;
}

std::optional<Error> check_auxpow(const AuxPow& auxpow, const chain::Uint256& aux_hash,
                                  uint32_t aux_bits, const AuxChainParams& params,
                                  chain::PowHasher& hasher) {
    if (auto refused =
            check_auxpow_commitment(auxpow, aux_hash, params.chain_id, params.strict_chain_id))
        return refused;
    if (hasher.algorithm() != params.algorithm) {
        return make_error(std::string("the parent proof of work is hashed with ") +
                          std::string(chain::to_string(hasher.algorithm())) + ", " + params.coin +
                          " uses " + std::string(chain::to_string(params.algorithm)));
    }
    // The node gives one reason for a target out of range and for a hash above the target.
    auto target = chain::Uint256::from_compact(aux_bits);
    if (!target || target->is_zero() || *target > params.pow_limit)
        return make_error("AUX proof of work failed");
    const auto header = auxpow.parent_header.serialize();
    if (hasher.hash(header.data()) > *target) return make_error("AUX proof of work failed");
    return std::nullopt;
}

}  // namespace viddhana::merged
