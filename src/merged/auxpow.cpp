// AuxPoW serialization and assembly.
#include "merged/auxpow.h"

#include <string>

#include "base/byte_reader.h"
#include "base/byte_writer.h"
#include "chain/transaction.h"

namespace viddhana::merged {

namespace {

// Branches are never longer than the hashes the remaining bytes could hold: checked before
// allocating, so a bad count cannot ask for gigabytes.
bool read_branch(ByteReader& r, std::vector<chain::Uint256>& out) {
    uint64_t n;
    if (!r.compact_size(n) || n > r.remaining() / 32) return false;
    out.resize(static_cast<size_t>(n));
    for (auto& h : out) {
        std::span<const uint8_t> b;
        if (!r.bytes(32, b)) return false;
        h = chain::Uint256(b.first<32>());
    }
    return true;
}

void write_branch(ByteWriter<Bytes>& w, std::span<const chain::Uint256> branch) {
    w.compact_size(branch.size());
    for (const auto& h : branch)
        w.bytes(h.bytes());
}

}  // namespace

Bytes AuxPow::serialize() const {
    Bytes out;
    out.reserve(parent_coinbase.size() + 32 * (coinbase_branch.size() + aux_branch.size()) + 130);
    ByteWriter w(out);
    w.bytes(parent_coinbase);
    w.bytes(parent_block_hash.bytes());
    write_branch(w, coinbase_branch);
    w.i32le(coinbase_index);
    write_branch(w, aux_branch);
    w.i32le(aux_index);
    w.bytes(parent_header.serialize());
    return out;
}

Expected<AuxPow> AuxPow::parse(std::span<const uint8_t> raw) {
    ByteReader r(raw);
    auto tx = chain::Transaction::read(r);
    if (!tx) return make_error("AuxPoW parent coinbase: " + tx.error().message);
    AuxPow a;
    a.parent_coinbase = tx->serialize(false, false);
    std::span<const uint8_t> b;
    if (!r.bytes(32, b)) return make_error("AuxPoW truncated in the parent block hash");
    a.parent_block_hash = chain::Uint256(b.first<32>());
    if (!read_branch(r, a.coinbase_branch))
        return make_error("AuxPoW truncated in the coinbase branch");
    if (!r.i32le(a.coinbase_index)) return make_error("AuxPoW truncated in the coinbase index");
    if (!read_branch(r, a.aux_branch)) return make_error("AuxPoW truncated in the aux branch");
    if (!r.i32le(a.aux_index)) return make_error("AuxPoW truncated in the aux slot");
    if (!r.bytes(80, b)) return make_error("AuxPoW truncated in the parent header");
    a.parent_header = chain::BlockHeader::parse(b.first<80>());
    if (r.remaining() != 0) {
        return make_error(std::to_string(r.remaining()) + " bytes after the end of the AuxPoW");
    }
    return a;
}

Expected<AuxPow> make_auxpow(std::span<const uint8_t> parent_coinbase,
                             std::span<const chain::Uint256> coinbase_branch,
                             const chain::BlockHeader& parent_header, const AuxMerkleTree& tree,
                             uint32_t slot) {
    auto tx = chain::Transaction::parse(parent_coinbase);
    if (!tx) return make_error("parent coinbase: " + tx.error().message);
    if (!tx->is_coinbase()) return make_error("the parent transaction is not a coinbase");
    if (tx->has_witness()) {
        return make_error("the parent coinbase must be given without witness data (its txid form)");
    }
    if (slot >= tree.shape().size()) {
        return make_error("slot " + std::to_string(slot) + " is outside an aux tree of " +
                          std::to_string(tree.shape().size()));
    }
    AuxPow a;
    a.parent_coinbase.assign(parent_coinbase.begin(), parent_coinbase.end());
    a.parent_block_hash = parent_header.hash();
    a.coinbase_branch.assign(coinbase_branch.begin(), coinbase_branch.end());
    a.coinbase_index = 0;
    a.aux_branch = tree.branch(slot);
    a.aux_index = static_cast<int32_t>(slot);
    a.parent_header = parent_header;
    return a;
}

}  // namespace viddhana::merged
