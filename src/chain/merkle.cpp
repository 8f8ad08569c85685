// Merkle roots and the coinbase branch Stratum sends to miners.
#include "chain/merkle.h"

#include "chain/sha256.h"

namespace viddhana::chain {

Uint256 merkle_root(std::span<const Uint256> leaves) {
    if (leaves.empty()) return Uint256();
    std::vector<Uint256> level(leaves.begin(), leaves.end());
    while (level.size() > 1) {
        if (level.size() % 2 != 0) level.push_back(level.back());
        for (size_t i = 0; i < level.size() / 2; ++i)
            level[i] = hash_pair(level[2 * i], level[2 * i + 1]);
        level.resize(level.size() / 2);
    }
    return level[0];
}

// Walks the tree with leaf 0 unknown: at each level the branch takes the sibling of the unknown
// node (always index 1), and the rest of the level is hashed up as usual.
std::vector<Uint256> coinbase_merkle_branch(std::span<const Uint256> other_leaves) {
    std::vector<Uint256> branch;
    // level[i] stands for node i + 1 of the current level; node 0 is the unknown one.
    std::vector<Uint256> level(other_leaves.begin(), other_leaves.end());
    while (!level.empty()) {
        branch.push_back(level[0]);
        std::vector<Uint256> rest(level.begin() + 1, level.end());
        if (rest.size() % 2 != 0) rest.push_back(rest.back());
        std::vector<Uint256> next;
        next.reserve(rest.size() / 2);
        for (size_t i = 0; i + 1 < rest.size(); i += 2)
            next.push_back(hash_pair(rest[i], rest[i + 1]));
        level = std::move(next);
    }
    return branch;
}

Uint256 merkle_root_from_branch(const Uint256& leaf0, std::span<const Uint256> branch) {
    Uint256 h = leaf0;
    for (const Uint256& sibling : branch)
        h = hash_pair(h, sibling);
    return h;
}

}  // namespace viddhana::chain
