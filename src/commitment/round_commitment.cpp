#include "commitment/round_commitment.h"

#include <set>

#include <fmt/format.h>

namespace viddhana::commitment {

Expected<RoundCommitment> RoundCommitment::build(const RoundCredits& credits) {
    if (credits.fee_account.empty()) return make_error("the round names no fee account");
    std::vector<CreditLeaf> leaves;
    leaves.reserve(credits.miners.size() + 2);
    std::set<std::string_view> seen;
    // 128 bits: a sum of 64-bit amounts cannot overflow it.
    evm::Uint128 sum = 0;
    for (const auto& m : credits.miners) {
        if (m.account.empty()) return make_error("a miner credit has no account");
        if (!seen.insert(m.account).second) {
            return make_error("miner " + m.account + " is credited twice in one round");
        }
        leaves.push_back({credits.block_hash, CreditKind::miner_credit, m.account, m.amount,
                          m.shares, m.difficulty});
        sum += m.amount;
    }
    leaves.push_back(
        {credits.block_hash, CreditKind::pool_fee, credits.fee_account, credits.fee, 0, 0});
    leaves.push_back(
        {credits.block_hash, CreditKind::rounding_dust, credits.fee_account, credits.dust, 0, 0});
    sum += credits.fee;
    sum += credits.dust;
    if (sum != credits.reward) {
        return make_error(
            fmt::format("the round's credits, fee and dust sum to {} base units, the reward is {}",
                        evm::to_decimal(sum), credits.reward));
    }
    std::vector<Hash256> hashes;
    hashes.reserve(leaves.size());
    for (const auto& leaf : leaves)
        hashes.push_back(credit_leaf_hash(leaf));
    auto tree = StandardMerkleTree::build(std::move(hashes));
    if (!tree) return tree.error();
    return RoundCommitment(std::move(leaves), std::move(*tree), credits.reward);
}

CreditProof RoundCommitment::proof(size_t leaf_index) const {
    return {leaves_.at(leaf_index), tree_.leaf(leaf_index), tree_.proof(leaf_index)};
}

std::optional<CreditProof> RoundCommitment::miner_proof(std::string_view account) const {
    for (size_t i = 0; i < leaves_.size(); ++i) {
        if (leaves_[i].kind == CreditKind::miner_credit && leaves_[i].account == account) {
            return proof(i);
        }
    }
    return std::nullopt;
}

bool verify_credit(const Hash256& root, const CreditLeaf& leaf, std::span<const Hash256> proof) {
    return verify_proof(root, credit_leaf_hash(leaf), proof);
}

}  // namespace viddhana::commitment
