// Transaction (de)serialization in the legacy and extended (BIP144, plus Litecoin's MWEB flag)
// formats, following the node's rules: a zero-input transaction is the extended-format marker, the
// witness flag requires at least one non-empty witness, unknown flag bits are rejected.
#include "chain/transaction.h"

#include <string>

#include "base/byte_writer.h"
#include "chain/sha256.h"

namespace viddhana::chain {

namespace {

constexpr uint8_t kWitnessFlag = 0x01;
constexpr uint8_t kMwebFlag = 0x08;
// Smallest encodings, used to reject counts larger than the remaining data could hold before
// allocating for them.
constexpr size_t kMinInputSize = 32 + 4 + 1 + 4;
constexpr size_t kMinOutputSize = 8 + 1;

Error truncated(const char* what) {
    return make_error(std::string("transaction truncated in ") + what);
}

Expected<Transaction> read_transaction(ByteReader& r, bool whole);

}  // namespace

bool Transaction::has_witness() const {
    for (const TxIn& in : inputs)
        if (!in.witness.empty()) return true;
    return false;
}

bool Transaction::is_coinbase() const {
    return inputs.size() == 1 && inputs[0].prevout.txid.is_zero() &&
           inputs[0].prevout.index == 0xffffffff;
}

bool Transaction::is_hogex() const {
    return has_mweb_flag && mweb_tx.size() == 1 && mweb_tx[0] == 0x00;
}

Bytes Transaction::serialize(bool with_witness, bool with_mweb) const {
    Bytes out;
    ByteWriter w(out);
    w.i32le(version);
    uint8_t flags = 0;
    if (with_witness && has_witness()) flags |= kWitnessFlag;
    if (with_mweb && has_mweb_flag) flags |= kMwebFlag;
    if (flags != 0) w.u8(0x00).u8(flags);
    w.compact_size(inputs.size());
    for (const TxIn& in : inputs) {
        w.bytes(in.prevout.txid.bytes())
            .u32le(in.prevout.index)
            .var_bytes(in.script_sig)
            .u32le(in.sequence);
    }
    w.compact_size(outputs.size());
    for (const TxOut& o : outputs)
        w.i64le(o.value).var_bytes(o.script_pubkey);
    if (flags & kWitnessFlag) {
        for (const TxIn& in : inputs) {
            w.compact_size(in.witness.size());
            for (const Bytes& item : in.witness)
                w.var_bytes(item);
        }
    }
    if (flags & kMwebFlag) w.bytes(mweb_tx);
    w.u32le(lock_time);
    return out;
}

Uint256 Transaction::txid() const {
    return sha256d(serialize(false, false));
}

Uint256 Transaction::wtxid() const {
    if (!has_witness()) return txid();
    return sha256d(serialize(true, false));
}

Expected<Transaction> Transaction::parse(std::span<const uint8_t> raw) {
    ByteReader r(raw);
    auto tx = read_transaction(r, true);
    if (tx && r.remaining() != 0) {
        return make_error(std::to_string(r.remaining()) +
                          " bytes after the end of the transaction");
    }
    return tx;
}

Expected<Transaction> Transaction::read(ByteReader& in) {
    return read_transaction(in, false);
}

namespace {

// `whole`: the reader holds exactly this transaction, so an MWEB part ends 4 bytes before the end.
Expected<Transaction> read_transaction(ByteReader& r, bool whole) {
    Transaction tx;
    if (!r.i32le(tx.version)) return truncated("version");

    uint8_t flags = 0;
    uint8_t first;
    if (r.peek_u8(first) && first == 0x00) {
        // No real transaction has zero inputs: this is the extended format's marker.
        uint8_t marker;
        (void)r.u8(marker);
        if (!r.u8(flags)) return truncated("extended-format flags");
        if (flags == 0)
            return make_error("transaction has no inputs (extended-format marker with zero flags)");
        if (flags & ~(kWitnessFlag | kMwebFlag)) {
            return make_error("unknown transaction flags 0x" +
                              to_hex(std::span<const uint8_t>(&flags, 1)));
        }
    }

    uint64_t n_in;
    if (!r.compact_size(n_in)) return truncated("input count");
    if (n_in > r.remaining() / kMinInputSize) return make_error("input count exceeds the data");
    tx.inputs.resize(static_cast<size_t>(n_in));
    for (TxIn& in : tx.inputs) {
        std::span<const uint8_t> prev, script;
        if (!r.bytes(32, prev) || !r.u32le(in.prevout.index)) return truncated("input outpoint");
        in.prevout.txid = Uint256(prev.first<32>());
        if (!r.var_bytes(script)) return truncated("input script");
        in.script_sig.assign(script.begin(), script.end());
        if (!r.u32le(in.sequence)) return truncated("input sequence");
    }

    uint64_t n_out;
    if (!r.compact_size(n_out)) return truncated("output count");
    if (n_out > r.remaining() / kMinOutputSize) return make_error("output count exceeds the data");
    tx.outputs.resize(static_cast<size_t>(n_out));
    for (TxOut& o : tx.outputs) {
        std::span<const uint8_t> script;
        if (!r.i64le(o.value)) return truncated("output value");
        if (!r.var_bytes(script)) return truncated("output script");
        o.script_pubkey.assign(script.begin(), script.end());
    }

    if (flags & kWitnessFlag) {
        for (TxIn& in : tx.inputs) {
            uint64_t items;
            if (!r.compact_size(items)) return truncated("witness item count");
            if (items > r.remaining()) return make_error("witness item count exceeds the data");
            in.witness.resize(static_cast<size_t>(items));
            for (Bytes& item : in.witness) {
                std::span<const uint8_t> data;
                if (!r.var_bytes(data)) return truncated("witness item");
                item.assign(data.begin(), data.end());
            }
        }
        if (!tx.has_witness())
            return make_error("superfluous witness record (witness flag with all witnesses empty)");
    }

    if (flags & kMwebFlag) {
        tx.has_mweb_flag = true;
        uint8_t present;
        if (!r.u8(present)) return truncated("MWEB transaction");
        if (present == 0x00) {
            if (tx.outputs.empty()) return make_error("HogEx transaction has no outputs");
            tx.mweb_tx = {0x00};
        } else if (present == 0x01) {
            // The MWEB transaction's own structure is not parsed: everything up to the lock time
            // (the last four bytes) belongs to it.
            if (!whole)
                return make_error("cannot delimit a transaction carrying an MWEB transaction");
            if (tx.inputs.empty() && tx.outputs.empty()) {
                return make_error(
                    "MWEB-only transaction (no canonical inputs or outputs) is not supported");
            }
            if (r.remaining() <= 4) return truncated("MWEB transaction");
            std::span<const uint8_t> body;
            (void)r.bytes(r.remaining() - 4, body);
            tx.mweb_tx.reserve(body.size() + 1);
            tx.mweb_tx.push_back(0x01);
            tx.mweb_tx.insert(tx.mweb_tx.end(), body.begin(), body.end());
        } else {
            return make_error("invalid MWEB transaction presence byte");
        }
    }

    if (tx.inputs.empty()) return make_error("transaction has no inputs");
    if (!r.u32le(tx.lock_time)) return truncated("lock time");
    return tx;
}

}  // namespace

}  // namespace viddhana::chain
