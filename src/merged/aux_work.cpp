// Combining the aux chains' blocks into one tree and commitment.
#include "merged/aux_work.h"

#include <string>

#include "merged/aux_tree_shape.h"

namespace viddhana::merged {

Expected<AuxWork> AuxWork::build(std::vector<AuxBlockTemplate> blocks, uint32_t nonce) {
    if (blocks.empty()) return make_error("no aux block to merge-mine");
    std::vector<int32_t> chain_ids;
    std::vector<chain::Uint256> hashes;
    for (const auto& b : blocks) {
        chain_ids.push_back(b.chain_id);
        hashes.push_back(b.hash);
    }
    auto shape = plan_aux_tree(chain_ids, nonce);
    if (!shape) return shape.error();
    auto tree = AuxMerkleTree::build(*shape, hashes);
    if (!tree) return tree.error();
    AuxWork work;
    work.blocks_ = std::move(blocks);
    work.commitment_ = MergedMiningCommitment{tree->root(), shape->size(), shape->nonce};
    work.tree_ = std::move(tree).value();
    return work;
}

Expected<AuxPow> AuxWork::auxpow(size_t block_index, std::span<const uint8_t> parent_coinbase,
                                 std::span<const chain::Uint256> coinbase_branch,
                                 const chain::BlockHeader& parent_header) const {
    if (block_index >= blocks_.size()) {
        return make_error("aux block " + std::to_string(block_index) + " of " +
                          std::to_string(blocks_.size()));
    }
    return make_auxpow(parent_coinbase, coinbase_branch, parent_header, tree_, slot(block_index));
}

}  // namespace viddhana::merged
