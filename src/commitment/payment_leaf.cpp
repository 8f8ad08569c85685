#include "commitment/payment_leaf.h"

#include "commitment/merkle_tree.h"

namespace viddhana::commitment {

Bytes encode_payment_leaf(const PaymentLeaf& leaf) {
    return evm::AbiEncoder()
        .add_fixed_bytes(leaf.batch_id)
        .add_string(leaf.login)
        .add_string(leaf.address)
        .add_uint(leaf.amount)
        .add_uint(leaf.fee)
        .add_word(leaf.txid)
        .encode();
}

auth::Hash256 payment_leaf_hash(const PaymentLeaf& leaf) {
    return standard_leaf_hash(encode_payment_leaf(leaf));
}

Expected<BatchId> parse_batch_id(std::string_view uuid) {
    std::string digits;
    digits.reserve(32);
    bool dashed = uuid.size() == 36;
    for (size_t i = 0; i < uuid.size(); ++i) {
        if (dashed && (i == 8 || i == 13 || i == 18 || i == 23)) {
            if (uuid[i] != '-') break;
            continue;
        }
        digits.push_back(uuid[i]);
    }
    BatchId id{};
    if (digits.size() != 32 || digits.size() + (dashed ? 4 : 0) != uuid.size() ||
        !from_hex_into(digits, id)) {
        return make_error("batch id '" + std::string(uuid) + "' is not a UUID");
    }
    return id;
}

std::string format_batch_id(const BatchId& id) {
    std::string hex = to_hex(id);
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
           hex.substr(16, 4) + "-" + hex.substr(20);
}

Expected<auth::Hash256> parse_txid(std::string_view text) {
    if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        text.remove_prefix(2);
    }
    auth::Hash256 out{};
    if (text.size() != 64 || !from_hex_into(text, out)) {
        return make_error("transaction id '" + std::string(text) + "' is not 64 hex digits");
    }
    return out;
}

}  // namespace viddhana::commitment
