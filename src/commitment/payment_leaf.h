// One payment of a batch as the pool commits to it (docs/commitments.md): the batch (the UUID
// the wallet transaction carries as its comment), the miner's login, the coin address paid, the
// amount sent, the fee charged to the miner on top, and the transaction id. ABI-encoded as
// (bytes16, string, string, uint64, uint64, bytes32), like PoolAnchorRegistry.paymentLeaf.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "auth/keccak.h"
#include "base/expected.h"
#include "base/hex.h"
#include "evm/abi_encoder.h"

namespace viddhana::commitment {

using BatchId = evm::Bytes16;

inline constexpr std::array<std::string_view, 6> kPaymentLeafTypes = {
    "bytes16", "string", "string", "uint64", "uint64", "bytes32"};

struct PaymentLeaf {
    BatchId batch_id{};
    std::string login;
    std::string address;
    uint64_t amount = 0;   // base units sent to `address`
    uint64_t fee = 0;      // base units charged to the miner besides `amount`
    auth::Hash256 txid{};  // in the order the node prints it
    friend bool operator==(const PaymentLeaf&, const PaymentLeaf&) = default;
};

Bytes encode_payment_leaf(const PaymentLeaf& leaf);
auth::Hash256 payment_leaf_hash(const PaymentLeaf& leaf);

// A UUID ("6f1c2a9e-3b7d-4c1e-9a52-0d4b8e7f1a23", or its 32 hex digits) as 16 bytes.
Expected<BatchId> parse_batch_id(std::string_view uuid);
// The lower-case 8-4-4-4-12 form.
std::string format_batch_id(const BatchId& id);
// A coin transaction id: 64 hex digits as the node prints them (0x optional).
Expected<auth::Hash256> parse_txid(std::string_view text);

}  // namespace viddhana::commitment
