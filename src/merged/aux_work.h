// The aux blocks one parent job commits to: every configured chain's current block placed in one
// aux merkle tree, the commitment for the parent coinbase, and, when a share meets a chain's
// target, that chain's AuxPoW. A new aux block (any chain's tip moved) makes a new AuxWork, and so
// a new commitment and a new parent job.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "base/expected.h"
#include "chain/block.h"
#include "merged/aux_block.h"
#include "merged/aux_merkle_tree.h"
#include "merged/auxpow.h"
#include "merged/merged_mining_commitment.h"

namespace viddhana::merged {

class AuxWork {
  public:
    // Fails for no block, two blocks of one chain, or chain ids no tree can separate.
    static Expected<AuxWork> build(std::vector<AuxBlockTemplate> blocks, uint32_t nonce = 0);

    const std::vector<AuxBlockTemplate>& blocks() const { return blocks_; }
    const AuxMerkleTree& tree() const { return tree_; }
    const MergedMiningCommitment& commitment() const { return commitment_; }
    uint32_t slot(size_t block_index) const { return tree_.shape().slots.at(block_index); }

    // The AuxPoW of blocks()[block_index] for a solved parent header, from the coinbase the share
    // built (without witness) and the job's coinbase merkle branch.
    Expected<AuxPow> auxpow(size_t block_index, std::span<const uint8_t> parent_coinbase,
                            std::span<const chain::Uint256> coinbase_branch,
                            const chain::BlockHeader& parent_header) const;

  private:
    std::vector<AuxBlockTemplate> blocks_;
    AuxMerkleTree tree_;
    MergedMiningCommitment commitment_;
};

}  // namespace viddhana::merged
