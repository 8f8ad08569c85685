// Merkle trees over transaction ids, as Bitcoin builds them (odd levels repeat their last hash).
// Pools send miners the branch that links the coinbase (leaf 0) to the root.
#pragma once
#include <span>
#include <vector>

#include "chain/uint256.h"

namespace viddhana::chain {

Uint256 merkle_root(std::span<const Uint256> leaves);
// Branch for leaf 0 given the leaves after it (the non-coinbase txids, in block order).
std::vector<Uint256> coinbase_merkle_branch(std::span<const Uint256> other_leaves);
// Root from leaf 0's hash and its branch.
Uint256 merkle_root_from_branch(const Uint256& leaf0, std::span<const Uint256> branch);

}  // namespace viddhana::chain
