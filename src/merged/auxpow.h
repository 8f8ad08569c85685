// AuxPoW: the proof, sent to an aux chain with its block, that a parent-chain header commits to
// that block. Serialized as the aux node reads it (CAuxPow in Namecoin and Dogecoin):
//   parent coinbase transaction | parent block hash (32, not checked) |
//   coinbase merkle branch in the parent block (CompactSize count, 32-byte hashes) |
//   coinbase index (int32, 0) | aux merkle branch (count, hashes) | aux slot (int32) |
//   parent header (80 bytes).
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "base/expected.h"
#include "base/hex.h"
#include "chain/block.h"
#include "chain/uint256.h"
#include "merged/aux_merkle_tree.h"

namespace viddhana::merged {

struct AuxPow {
    // The parent coinbase without witness data: its SHA256d is the leaf the coinbase branch starts
    // from (a segwit coinbase's witness is not part of its txid).
    Bytes parent_coinbase;
    chain::Uint256 parent_block_hash;  // kept for the format; aux nodes do not check it
    std::vector<chain::Uint256> coinbase_branch;
    int32_t coinbase_index = 0;  // the coinbase is the parent block's first transaction
    std::vector<chain::Uint256> aux_branch;
    int32_t aux_index = 0;  // the aux block's slot in the aux merkle tree
    chain::BlockHeader parent_header;

    Bytes serialize() const;
    // Reads a whole serialized AuxPoW; fails on trailing bytes, a truncated part or a coinbase
    // that is not a transaction. A coinbase sent with witness data comes back without it.
    static Expected<AuxPow> parse(std::span<const uint8_t> raw);
};

// The AuxPoW for the aux block in `slot` of `tree`, from the parent's coinbase (without witness),
// its merkle branch in the parent block (what Stratum sends miners) and the solved parent header.
// Fails when the coinbase does not parse as a coinbase transaction or the slot is outside the tree.
Expected<AuxPow> make_auxpow(std::span<const uint8_t> parent_coinbase,
                             std::span<const chain::Uint256> coinbase_branch,
                             const chain::BlockHeader& parent_header, const AuxMerkleTree& tree,
                             uint32_t slot);

}  // namespace viddhana::merged
