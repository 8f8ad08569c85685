#include "evm/transaction.h"

#include <algorithm>

#include "evm/rlp.h"

namespace viddhana::evm {
namespace {

std::vector<Bytes> unsigned_fields(const Eip1559Transaction& tx) {
    std::vector<Bytes> fields;
    fields.push_back(rlp::encode_uint(tx.chain_id));
    fields.push_back(rlp::encode_uint(tx.nonce));
    fields.push_back(rlp::encode_uint(tx.max_priority_fee_per_gas));
    fields.push_back(rlp::encode_uint(tx.max_fee_per_gas));
    fields.push_back(rlp::encode_uint(tx.gas_limit));
    fields.push_back(tx.to ? rlp::encode_bytes(tx.to->bytes()) : rlp::encode_bytes({}));
    fields.push_back(rlp::encode_uint(tx.value));
    fields.push_back(rlp::encode_bytes(tx.data));
    std::vector<Bytes> entries;
    for (const auto& entry : tx.access_list) {
        std::vector<Bytes> keys;
        for (const auto& key : entry.storage_keys)
            keys.push_back(rlp::encode_bytes(key));
        std::vector<Bytes> pair{rlp::encode_bytes(entry.address.bytes()), rlp::encode_list(keys)};
        entries.push_back(rlp::encode_list(pair));
    }
    fields.push_back(rlp::encode_list(entries));
    return fields;
}

Bytes typed(const std::vector<Bytes>& fields) {
    Bytes out{0x02};
    Bytes list = rlp::encode_list(fields);
    out.insert(out.end(), list.begin(), list.end());
    return out;
}

// r and s are integers in RLP: no leading zero bytes.
Bytes rlp_word_as_integer(const Word& w) {
    size_t first = 0;
    while (first < w.size() && w[first] == 0)
        ++first;
    return rlp::encode_bytes(std::span<const uint8_t>(w).subspan(first));
}

}  // namespace

Bytes unsigned_payload(const Eip1559Transaction& tx) {
    return typed(unsigned_fields(tx));
}

auth::Hash256 signing_hash(const Eip1559Transaction& tx) {
    return auth::keccak256(unsigned_payload(tx));
}

Bytes signed_payload(const Eip1559Transaction& tx, const TransactionSignature& signature) {
    auto fields = unsigned_fields(tx);
    fields.push_back(rlp::encode_uint(signature.y_parity));
    fields.push_back(rlp_word_as_integer(signature.r));
    fields.push_back(rlp_word_as_integer(signature.s));
    return typed(fields);
}

auth::EthAddress created_contract_address(const auth::EthAddress& sender, uint64_t nonce) {
    std::vector<Bytes> fields{rlp::encode_bytes(sender.bytes()), rlp::encode_uint(nonce)};
    auth::Hash256 h = auth::keccak256(rlp::encode_list(fields));
    auth::EthAddress::Bytes20 bytes{};
    std::copy(h.begin() + 12, h.end(), bytes.begin());
    return auth::EthAddress(bytes);
}

}  // namespace viddhana::evm
