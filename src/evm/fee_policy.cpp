#include "evm/fee_policy.h"

#include <algorithm>

namespace viddhana::evm {
namespace {

constexpr Uint128 kMax = ~Uint128{0};

Uint128 saturating_add(Uint128 a, Uint128 b) {
    return a > kMax - b ? kMax : a + b;
}

// value + ceil(value / 8), and at least value + 1.
Uint128 bumped(Uint128 value) {
    Uint128 step = value / 8 + (value % 8 != 0 ? 1 : 0);
    return saturating_add(value, std::max<Uint128>(step, 1));
}

}  // namespace

FeeCaps initial_fees(Uint128 base_fee, Uint128 tip) {
    return {tip, saturating_add(saturating_add(base_fee, base_fee), tip)};
}

Expected<FeeCaps> replacement_fees(const FeeCaps& previous, const FeeCaps& current,
                                   std::optional<Uint128> ceiling) {
    FeeCaps next{
        std::max(bumped(previous.max_priority_fee_per_gas), current.max_priority_fee_per_gas),
        std::max(bumped(previous.max_fee_per_gas), current.max_fee_per_gas)};
    // The tip can never exceed the cap it is part of.
    next.max_fee_per_gas = std::max(next.max_fee_per_gas, next.max_priority_fee_per_gas);
    if (ceiling && next.max_fee_per_gas > *ceiling) {
        return make_error("a replacement would offer " + to_decimal(next.max_fee_per_gas) +
                          " wei per gas, above the ceiling of " + to_decimal(*ceiling));
    }
    return next;
}

}  // namespace viddhana::evm
