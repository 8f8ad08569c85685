// Transactions: parse and serialize with and without witness data; txid and wtxid.
// Litecoin's MWEB adds a flag bit (0x08) to the extended (BIP144) format: after the witnesses comes
// an optional MWEB transaction (one byte 0x00 = none, 0x01 = present, then its bytes), which HogEx
// transactions carry as 0x00. Parsing accepts it so that templates' transactions can be checked,
// but the pool passes template transactions through as the node gave them (raw bytes) and never
// re-serializes them. As in Litecoin Core, txid and wtxid never cover the MWEB part.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "base/byte_reader.h"
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
    // Litecoin MWEB: when flag 0x08 is set, the optional MWEB transaction exactly as serialized
    // (its 0x00/0x01 presence byte included), kept opaque.
    Bytes mweb_tx;
    bool has_mweb_flag = false;

    bool has_witness() const;
    bool is_coinbase() const;
    // A HogEx (MWEB integration) transaction: MWEB flag set, no MWEB transaction attached.
    bool is_hogex() const;
    // with_witness: BIP144 witness data when any input has some; with_mweb: the MWEB flag and part.
    // serialize(true) is the wire format; txid hashes serialize(false, false).
    Bytes serialize(bool with_witness, bool with_mweb = true) const;
    Uint256 txid() const;   // hash of the serialization without witness and MWEB data
    Uint256 wtxid() const;  // hash with witness, without MWEB data (equals txid without witness)

    // Parses exactly one transaction occupying all of `raw`.
    static Expected<Transaction> parse(std::span<const uint8_t> raw);
    // Reads one transaction from a stream of them (a block's). A transaction carrying an MWEB
    // transaction cannot be delimited without parsing MWEB and is refused; HogEx is fine. After a
    // failure the reader's position is unspecified.
    static Expected<Transaction> read(ByteReader& in);
};

}  // namespace viddhana::chain
