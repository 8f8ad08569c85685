// The commitment to one payment batch: a leaf per payment (one transaction pays them all) and
// the StandardMerkleTree over them, with the batch's total. What the ledger stores with the
// batch and the anchor publishes the root of.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/expected.h"
#include "commitment/merkle_tree.h"
#include "commitment/payment_leaf.h"
#include "evm/quantity.h"

namespace viddhana::commitment {

struct BatchPayment {
    std::string login;
    std::string address;
    uint64_t amount = 0;
    uint64_t fee = 0;
};

struct PaymentProof {
    PaymentLeaf leaf;
    Hash256 leaf_hash{};
    std::vector<Hash256> proof;
};

class PaymentBatchCommitment {
  public:
    // Errors (nothing is built): no payments, an empty login or address, a zero amount, or a
    // login paid twice in one batch.
    static Expected<PaymentBatchCommitment> build(const BatchId& batch_id, const Hash256& txid,
                                                  const std::vector<BatchPayment>& payments);

    const Hash256& root() const { return tree_.root(); }
    size_t leaf_count() const { return leaves_.size(); }
    evm::Uint128 total() const { return total_; }  // sum of the amounts sent
    const std::vector<PaymentLeaf>& leaves() const { return leaves_; }
    const StandardMerkleTree& tree() const { return tree_; }

    PaymentProof proof(size_t leaf_index) const;
    std::optional<PaymentProof> proof_for(std::string_view login) const;

  private:
    PaymentBatchCommitment(std::vector<PaymentLeaf> leaves, StandardMerkleTree tree,
                           evm::Uint128 total)
        : leaves_(std::move(leaves)), tree_(std::move(tree)), total_(total) {}
    std::vector<PaymentLeaf> leaves_;
    StandardMerkleTree tree_;
    evm::Uint128 total_ = 0;
};

bool verify_payment(const Hash256& root, const PaymentLeaf& leaf, std::span<const Hash256> proof);

}  // namespace viddhana::commitment
