#include "commitment/credit_leaf.h"

#include <cmath>

#include "commitment/merkle_tree.h"
#include "evm/abi_encoder.h"

namespace viddhana::commitment {

Bytes encode_credit_leaf(const CreditLeaf& leaf) {
    return evm::AbiEncoder()
        .add_word(leaf.block_hash)
        .add_uint(static_cast<uint8_t>(leaf.kind))
        .add_string(leaf.account)
        .add_uint(leaf.amount)
        .add_uint(leaf.shares)
        .add_uint(leaf.difficulty)
        .encode();
}

auth::Hash256 credit_leaf_hash(const CreditLeaf& leaf) {
    return standard_leaf_hash(encode_credit_leaf(leaf));
}

Expected<evm::Uint128> difficulty_millionths(double difficulty) {
    if (!std::isfinite(difficulty) || difficulty < 0) {
        return make_error("difficulty must be a finite number >= 0");
    }
    double scaled = std::round(difficulty * 1e6);
    if (scaled >= std::ldexp(1.0, 100)) return make_error("difficulty is too large to commit");
    return static_cast<evm::Uint128>(scaled);
}

std::string_view credit_kind_name(CreditKind kind) {
    switch (kind) {
        case CreditKind::miner_credit:
            return "miner";
        case CreditKind::pool_fee:
            return "fee";
        case CreditKind::rounding_dust:
            return "dust";
    }
    return "unknown";
}

}  // namespace viddhana::commitment
