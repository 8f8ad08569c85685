// A claim on the PayoutDistributor contract (an EVM-side deployment paying in a token): the
// batch, the claim's index in the claim-once bitmap, the EVM account paid and the amount in the
// token's base units. ABI-encoded as (bytes16, uint256, address, uint256), like
// PayoutDistributor.claimLeaf.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "auth/eth_address.h"
#include "base/expected.h"
#include "commitment/merkle_tree.h"
#include "commitment/payment_leaf.h"
#include "evm/quantity.h"

namespace viddhana::commitment {

inline constexpr std::array<std::string_view, 4> kClaimLeafTypes = {"bytes16", "uint256", "address",
                                                                    "uint256"};

struct ClaimLeaf {
    BatchId batch_id{};
    uint64_t index = 0;
    auth::EthAddress account;
    evm::Uint128 amount = 0;
    friend bool operator==(const ClaimLeaf&, const ClaimLeaf&) = default;
};

Bytes encode_claim_leaf(const ClaimLeaf& leaf);
Hash256 claim_leaf_hash(const ClaimLeaf& leaf);

struct Claim {
    auth::EthAddress account;
    evm::Uint128 amount = 0;
};

// The claims of one batch, indexed in the order given, and their tree. Errors: no claims, a
// zero amount, a total beyond 128 bits.
struct ClaimBatch {
    std::vector<ClaimLeaf> leaves;
    StandardMerkleTree tree;
    evm::Uint128 total = 0;
};
Expected<ClaimBatch> build_claim_batch(const BatchId& batch_id, const std::vector<Claim>& claims);

}  // namespace viddhana::commitment
