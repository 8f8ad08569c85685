#include "commitment/merkle_tree.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "base/hex.h"

namespace viddhana::commitment {

Hash256 standard_leaf_hash(std::span<const uint8_t> abi_encoded) {
    Hash256 once = auth::keccak256(abi_encoded);
    return auth::keccak256(once);
}

Hash256 hash_pair(const Hash256& a, const Hash256& b) {
    std::array<uint8_t, 64> both{};
    const Hash256& lo = std::min(a, b);
    const Hash256& hi = std::max(a, b);
    std::copy(lo.begin(), lo.end(), both.begin());
    std::copy(hi.begin(), hi.end(), both.begin() + 32);
    return auth::keccak256(both);
}

Hash256 process_proof(const Hash256& leaf, std::span<const Hash256> proof) {
    Hash256 node = leaf;
    for (const auto& sibling : proof)
        node = hash_pair(node, sibling);
    return node;
}

bool verify_proof(const Hash256& root, const Hash256& leaf, std::span<const Hash256> proof) {
    return process_proof(leaf, proof) == root;
}

Expected<StandardMerkleTree> StandardMerkleTree::build(std::vector<Hash256> leaves) {
    if (leaves.empty()) return make_error("a Merkle tree needs at least one leaf");
    std::vector<size_t> order(leaves.size());
    std::iota(order.begin(), order.end(), 0);
    // Big-endian byte order is the numeric order the JavaScript library sorts by.
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return leaves[a] < leaves[b]; });
    for (size_t i = 1; i < order.size(); ++i) {
        if (leaves[order[i]] == leaves[order[i - 1]]) {
            return make_error("leaves " + std::to_string(order[i - 1]) + " and " +
                              std::to_string(order[i]) + " are equal (0x" +
                              to_hex(leaves[order[i]]) + ")");
        }
    }
    StandardMerkleTree tree;
    size_t n = leaves.size();
    tree.nodes_.resize(2 * n - 1);
    tree.tree_index_.resize(n);
    for (size_t sorted = 0; sorted < n; ++sorted) {
        size_t at = tree.nodes_.size() - 1 - sorted;
        tree.nodes_[at] = leaves[order[sorted]];
        tree.tree_index_[order[sorted]] = at;
    }
    for (size_t i = tree.nodes_.size() - n; i-- > 0;) {
        tree.nodes_[i] = hash_pair(tree.nodes_[2 * i + 1], tree.nodes_[2 * i + 2]);
    }
    tree.leaves_ = std::move(leaves);
    return tree;
}

std::vector<Hash256> StandardMerkleTree::proof(size_t value_index) const {
    size_t i = tree_index_.at(value_index);
    std::vector<Hash256> out;
    while (i > 0) {
        size_t sibling = (i % 2 == 1) ? i + 1 : i - 1;
        out.push_back(nodes_[sibling]);
        i = (i - 1) / 2;
    }
    return out;
}

}  // namespace viddhana::commitment
