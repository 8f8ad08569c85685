// OpenZeppelin's StandardMerkleTree, node for node: leaves sorted by hash, laid out as a complete
// binary tree in one array (root first, leaves at the end in reverse order), each node the
// keccak256 of its two children sorted. The same root and proofs as the @openzeppelin/merkle-tree
// package, so MerkleProof.verify on chain and any compatible verifier off chain accept them.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "auth/keccak.h"
#include "base/expected.h"

namespace viddhana::commitment {

using Hash256 = auth::Hash256;

// keccak256(keccak256(abi_encoded)): a leaf hashed twice, so no leaf can pass for the 64 bytes
// of an inner node.
Hash256 standard_leaf_hash(std::span<const uint8_t> abi_encoded);
// keccak256 of the two hashes, the smaller first.
Hash256 hash_pair(const Hash256& a, const Hash256& b);
// The root a leaf and its proof lead to.
Hash256 process_proof(const Hash256& leaf, std::span<const Hash256> proof);
bool verify_proof(const Hash256& root, const Hash256& leaf, std::span<const Hash256> proof);

class StandardMerkleTree {
  public:
    // `leaves` in the caller's order (a leaf's "value index" is its position here). Errors:
    // no leaves, or two equal leaves (they would share one proof and hide a double entry).
    static Expected<StandardMerkleTree> build(std::vector<Hash256> leaves);

    const Hash256& root() const { return nodes_.front(); }
    size_t size() const { return leaves_.size(); }
    const Hash256& leaf(size_t value_index) const { return leaves_.at(value_index); }
    // Where value `value_index` sits in nodes().
    size_t tree_index(size_t value_index) const { return tree_index_.at(value_index); }
    // The sibling hashes from the leaf up to the root; throws std::out_of_range for a bad index.
    std::vector<Hash256> proof(size_t value_index) const;
    // The whole array, as the JavaScript library's dump() writes it.
    const std::vector<Hash256>& nodes() const { return nodes_; }

  private:
    std::vector<Hash256> leaves_;
    std::vector<size_t> tree_index_;
    std::vector<Hash256> nodes_;
};

}  // namespace viddhana::commitment
