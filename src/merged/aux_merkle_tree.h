// The aux merkle tree: the aux chains' block hashes at their slots, empty slots zero, hashed
// pairwise with SHA256d like a block's transaction tree. Its root goes into the parent coinbase;
// each chain's AuxPoW carries the branch from its slot to the root.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "base/expected.h"
#include "chain/uint256.h"
#include "merged/aux_tree_shape.h"

namespace viddhana::merged {

class AuxMerkleTree {
  public:
    // block_hashes[i] (internal byte order, as SHA256d leaves them) goes to shape.slots[i].
    static Expected<AuxMerkleTree> build(const AuxTreeShape& shape,
                                         std::span<const chain::Uint256> block_hashes);

    const AuxTreeShape& shape() const { return shape_; }
    const chain::Uint256& root() const { return levels_.back()[0]; }
    // The siblings from `slot` up to the root, lowest first (shape().height hashes). Throws
    // std::out_of_range for a slot outside the tree.
    std::vector<chain::Uint256> branch(uint32_t slot) const;

  private:
    AuxTreeShape shape_;
    std::vector<std::vector<chain::Uint256>> levels_;  // levels_[0]: the slots; back(): the root
};

// The root a leaf and its branch lead to (CAuxPow::CheckMerkleBranch): at each level the index's
// low bit says whether the running hash is the right (1) or left (0) child. Index -1 gives zero,
// as in the node.
chain::Uint256 merkle_root_from_indexed_branch(const chain::Uint256& leaf,
                                               std::span<const chain::Uint256> branch,
                                               int32_t index);

}  // namespace viddhana::merged
