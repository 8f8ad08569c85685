// One line of a round's credits as the pool commits to it (docs/commitments.md): the block,
// what the line is (a miner's credit, the pool's fee, the rounding dust), the account, the
// amount in base units, and for a miner the shares and the Stratum difficulty counted in the
// window. ABI-encoded as (bytes32, uint8, string, uint64, uint64, uint128), the encoding
// PoolAnchorRegistry.creditLeaf and OpenZeppelin's StandardMerkleTree use.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "auth/keccak.h"
#include "base/expected.h"
#include "base/hex.h"
#include "evm/quantity.h"

namespace viddhana::commitment {

enum class CreditKind : uint8_t { miner_credit = 0, pool_fee = 1, rounding_dust = 2 };

inline constexpr std::array<std::string_view, 6> kCreditLeafTypes = {
    "bytes32", "uint8", "string", "uint64", "uint64", "uint128"};

struct CreditLeaf {
    auth::Hash256 block_hash{};  // as the node prints it, big-endian
    CreditKind kind = CreditKind::miner_credit;
    std::string account;          // the miner's login; the pool's fee account for fee and dust
    uint64_t amount = 0;          // base units
    uint64_t shares = 0;          // shares counted in the window (0 for fee and dust)
    evm::Uint128 difficulty = 0;  // their Stratum difficulty, in millionths (0 for fee and dust)
    friend bool operator==(const CreditLeaf&, const CreditLeaf&) = default;
};

Bytes encode_credit_leaf(const CreditLeaf& leaf);
auth::Hash256 credit_leaf_hash(const CreditLeaf& leaf);

// Stratum difficulty in millionths, rounded half away from zero: 1.5 -> 1500000. Errors for
// negative, non-finite or astronomically large values (>= 2^100).
Expected<evm::Uint128> difficulty_millionths(double difficulty);

std::string_view credit_kind_name(CreditKind kind);  // "miner", "fee", "dust"

}  // namespace viddhana::commitment
