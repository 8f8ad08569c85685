// What an EIP-1559 transaction offers to pay, decided from what the chain reports: a first
// offer from the latest base fee and the suggested tip, and a replacement offer for a
// transaction stuck in the pool (same nonce, higher caps).
#pragma once
#include <cstdint>
#include <optional>

#include "base/expected.h"
#include "evm/quantity.h"

namespace viddhana::evm {

struct FeeCaps {
    Uint128 max_priority_fee_per_gas = 0;
    Uint128 max_fee_per_gas = 0;
    friend bool operator==(const FeeCaps&, const FeeCaps&) = default;
};

// max fee = 2 x base fee + tip, the rule wallets and ethers use: the transaction stays
// includable while the base fee rises for five full blocks in a row (+12.5% each, 1.125^5 = 1.8).
FeeCaps initial_fees(Uint128 base_fee, Uint128 tip);

// A replacement for `previous` (same nonce): txpools (geth, reth, Hardhat) accept one only when
// both caps rise by at least 10%, so each rises by 12.5% (rounded up, at least 1 wei), and to
// `current` (a fresh initial_fees) where that is higher. An error when the result would exceed
// `ceiling` (the most the operator agreed to pay per gas), so a fee spike is reported instead
// of paid.
Expected<FeeCaps> replacement_fees(const FeeCaps& previous, const FeeCaps& current,
                                   std::optional<Uint128> ceiling = std::nullopt);

}  // namespace viddhana::evm
