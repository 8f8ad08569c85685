#include "commitment/payment_commitment.h"

#include <set>

namespace viddhana::commitment {

Expected<PaymentBatchCommitment> PaymentBatchCommitment::build(
    const BatchId& batch_id, const Hash256& txid, const std::vector<BatchPayment>& payments) {
    if (payments.empty()) return make_error("a payment batch needs at least one payment");
    std::vector<PaymentLeaf> leaves;
    leaves.reserve(payments.size());
    std::set<std::string_view> seen;
    evm::Uint128 total = 0;
    for (const auto& p : payments) {
        if (p.login.empty()) return make_error("a payment has no login");
        if (p.address.empty()) return make_error("the payment to " + p.login + " has no address");
        if (p.amount == 0) return make_error("the payment to " + p.login + " is zero");
        if (!seen.insert(p.login).second) {
            return make_error(p.login + " is paid twice in one batch");
        }
        leaves.push_back({batch_id, p.login, p.address, p.amount, p.fee, txid});
        total += p.amount;
    }
    std::vector<Hash256> hashes;
    hashes.reserve(leaves.size());
    for (const auto& leaf : leaves)
        hashes.push_back(payment_leaf_hash(leaf));
    auto tree = StandardMerkleTree::build(std::move(hashes));
    if (!tree) return tree.error();
    return PaymentBatchCommitment(std::move(leaves), std::move(*tree), total);
}

PaymentProof PaymentBatchCommitment::proof(size_t leaf_index) const {
    return {leaves_.at(leaf_index), tree_.leaf(leaf_index), tree_.proof(leaf_index)};
}

std::optional<PaymentProof> PaymentBatchCommitment::proof_for(std::string_view login) const {
    for (size_t i = 0; i < leaves_.size(); ++i) {
        if (leaves_[i].login == login) return proof(i);
    }
    return std::nullopt;
}

bool verify_payment(const Hash256& root, const PaymentLeaf& leaf, std::span<const Hash256> proof) {
    return verify_proof(root, payment_leaf_hash(leaf), proof);
}

}  // namespace viddhana::commitment
