#include "commitment/claim_leaf.h"

#include "evm/abi_encoder.h"

namespace viddhana::commitment {

Bytes encode_claim_leaf(const ClaimLeaf& leaf) {
    return evm::AbiEncoder()
        .add_fixed_bytes(leaf.batch_id)
        .add_uint(leaf.index)
        .add_address(leaf.account)
        .add_uint(leaf.amount)
        .encode();
}

Hash256 claim_leaf_hash(const ClaimLeaf& leaf) {
    return standard_leaf_hash(encode_claim_leaf(leaf));
}

Expected<ClaimBatch> build_claim_batch(const BatchId& batch_id, const std::vector<Claim>& claims) {
    if (claims.empty()) return make_error("a claim batch needs at least one claim");
    std::vector<ClaimLeaf> leaves;
    std::vector<Hash256> hashes;
    evm::Uint128 total = 0;
    for (size_t i = 0; i < claims.size(); ++i) {
        if (claims[i].amount == 0) {
            return make_error("claim " + std::to_string(i) + " is for zero");
        }
        if (total + claims[i].amount < total) return make_error("the claims' total overflows");
        leaves.push_back({batch_id, i, claims[i].account, claims[i].amount});
        hashes.push_back(claim_leaf_hash(leaves.back()));
        total += claims[i].amount;
    }
    auto tree = StandardMerkleTree::build(std::move(hashes));
    if (!tree) return tree.error();
    return ClaimBatch{std::move(leaves), std::move(*tree), total};
}

}  // namespace viddhana::commitment
