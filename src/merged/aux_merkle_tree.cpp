// Building the aux merkle tree and walking its branches.
#include "merged/aux_merkle_tree.h"

#include <stdexcept>
#include <string>

#include "chain/sha256.h"

namespace viddhana::merged {

Expected<AuxMerkleTree> AuxMerkleTree::build(const AuxTreeShape& shape,
                                             std::span<const chain::Uint256> block_hashes) {
    if (shape.height > kMaxAuxTreeHeight) return make_error("aux tree too high");
    if (block_hashes.size() != shape.slots.size()) {
        return make_error("the aux tree has " + std::to_string(shape.slots.size()) +
                          " slots assigned but " + std::to_string(block_hashes.size()) +
                          " block hashes");
    }
    AuxMerkleTree tree;
    tree.shape_ = shape;
    std::vector<chain::Uint256> leaves(shape.size());
    std::vector<bool> taken(shape.size(), false);
    for (size_t i = 0; i < block_hashes.size(); ++i) {
        uint32_t slot = shape.slots[i];
        if (slot >= shape.size()) {
            return make_error("slot " + std::to_string(slot) + " is outside a tree of " +
                              std::to_string(shape.size()));
        }
        if (taken[slot]) return make_error("two aux blocks in slot " + std::to_string(slot));
        taken[slot] = true;
        leaves[slot] = block_hashes[i];
    }
    tree.levels_.push_back(std::move(leaves));
    while (tree.levels_.back().size() > 1) {
        const auto& below = tree.levels_.back();
        std::vector<chain::Uint256> level(below.size() / 2);
        for (size_t i = 0; i < level.size(); ++i)
            level[i] = chain::hash_pair(below[2 * i], below[2 * i + 1]);
        tree.levels_.push_back(std::move(level));
    }
    return tree;
}

std::vector<chain::Uint256> AuxMerkleTree::branch(uint32_t slot) const {
    if (slot >= shape_.size()) throw std::out_of_range("aux tree slot " + std::to_string(slot));
    std::vector<chain::Uint256> out;
    out.reserve(shape_.height);
    uint32_t index = slot;
    for (size_t level = 0; level + 1 < levels_.size(); ++level) {
        out.push_back(levels_[level][index ^ 1u]);
        index >>= 1;
    }
    return out;
}

chain::Uint256 merkle_root_from_indexed_branch(const chain::Uint256& leaf,
                                               std::span<const chain::Uint256> branch,
                                               int32_t index) {
    if (index == -1) return chain::Uint256();
    chain::Uint256 hash = leaf;
    for (const chain::Uint256& sibling : branch) {
        hash = (index & 1) ? chain::hash_pair(sibling, hash) : chain::hash_pair(hash, sibling);
        index >>= 1;
    }
    return hash;
}

}  // namespace viddhana::merged
