// Transactions: parse and serialize with and without witness data; txid and wtxid.
// Litecoin's MWEB adds a flag bit (0x08) and HogEx transactions; parsing accepts them so that
// templates' transactions can be checked, but the pool passes template transactions through as the
// node gave them (raw bytes) and never re-serializes them.
#pragma once
#include <cstdint>
#include <vector>

#include "base/expected.h"
#include "base/hex.h"
#include "chain/uint256.h"

namespace viddhana::chain {

struct OutPoint {
    Uint256 txid;
    uint32_t index = 0;
};

struct TxIn {
    OutPoint prevout;
    Bytes script_sig;
    uint32_t sequence = 0xffffffff;
    std::vector<Bytes> witness;
};

struct TxOut {
    int64_t value = 0;  // base units (satoshi / litoshi)
    Bytes script_pubkey;
};

struct Transaction {
    int32_t version = 1;
    std::vector<TxIn> inputs;
    std::vector<TxOut> outputs;
    uint32_t lock_time = 0;
    // Litecoin MWEB: the transaction's serialized MWEB part when flag 0x08 is set (kept opaque).
    Bytes mweb_tx;
    bool has_mweb_flag = false;

    bool has_witness() const;
    Bytes serialize(bool with_witness) const;
    Uint256 txid() const;   // hash of the serialization without witness
    Uint256 wtxid() const;  // hash with witness (equals txid without witness)

    static Expected<Transaction> parse(std::span<const uint8_t> raw);
};

}  // namespace viddhana::chain
