// The commitment to one credited round: a leaf per miner credit, one for the pool's fee and one
// for the rounding dust (always both, even at zero, so a round has miners + 2 leaves), checked
// to sum to the block reward, and the StandardMerkleTree over them. What the ledger stores with
// the round, the API serves proofs from and the anchor publishes the root of.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/expected.h"
#include "commitment/credit_leaf.h"
#include "commitment/merkle_tree.h"

namespace viddhana::commitment {

struct MinerRoundCredit {
    std::string account;
    uint64_t amount = 0;
    uint64_t shares = 0;
    evm::Uint128 difficulty = 0;  // millionths (difficulty_millionths)
};

struct RoundCredits {
    Hash256 block_hash{};
    uint64_t reward = 0;  // what the round split: the coinbase value credited
    std::string fee_account;
    uint64_t fee = 0;
    uint64_t dust = 0;
    std::vector<MinerRoundCredit> miners;
};

struct CreditProof {
    CreditLeaf leaf;
    Hash256 leaf_hash{};
    std::vector<Hash256> proof;
};

class RoundCommitment {
  public:
    // Errors (nothing is built): an empty or repeated miner account, no fee account, or leaves
    // that do not sum to the reward (the message gives both sums).
    static Expected<RoundCommitment> build(const RoundCredits& credits);

    const Hash256& root() const { return tree_.root(); }
    size_t leaf_count() const { return leaves_.size(); }
    uint64_t reward() const { return reward_; }
    // Miners in the order given, then the fee leaf, then the dust leaf.
    const std::vector<CreditLeaf>& leaves() const { return leaves_; }
    const StandardMerkleTree& tree() const { return tree_; }

    CreditProof proof(size_t leaf_index) const;
    // The miner's credit and its proof; none when the account has no credit in the round.
    std::optional<CreditProof> miner_proof(std::string_view account) const;

  private:
    RoundCommitment(std::vector<CreditLeaf> leaves, StandardMerkleTree tree, uint64_t reward)
        : leaves_(std::move(leaves)), tree_(std::move(tree)), reward_(reward) {}
    std::vector<CreditLeaf> leaves_;
    StandardMerkleTree tree_;
    uint64_t reward_ = 0;
};

// True when `leaf` with `proof` leads to `root`: what a miner checks offline.
bool verify_credit(const Hash256& root, const CreditLeaf& leaf, std::span<const Hash256> proof);

}  // namespace viddhana::commitment
