// Block headers, submitblock serialization and the BIP141 witness commitment.
#include "chain/block.h"

#include <cstring>

#include "base/byte_writer.h"
#include "base/little_endian.h"
#include "chain/sha256.h"

namespace viddhana::chain {

std::array<uint8_t, 80> BlockHeader::serialize() const {
    std::array<uint8_t, 80> out;
    store_le(out.data(), static_cast<uint32_t>(version));
    std::memcpy(out.data() + 4, prev_block.data(), 32);
    std::memcpy(out.data() + 36, merkle_root.data(), 32);
    store_le(out.data() + 68, time);
    store_le(out.data() + 72, bits);
    store_le(out.data() + 76, nonce);
    return out;
}

BlockHeader BlockHeader::parse(std::span<const uint8_t, 80> raw) {
    auto get32 = [&](size_t at) { return load_le<uint32_t>(raw.data() + at); };
    BlockHeader h;
    h.version = static_cast<int32_t>(get32(0));
    h.prev_block = Uint256(raw.subspan<4, 32>());
    h.merkle_root = Uint256(raw.subspan<36, 32>());
    h.time = get32(68);
    h.bits = get32(72);
    h.nonce = get32(76);
    return h;
}

Uint256 BlockHeader::hash() const {
    auto raw = serialize();
    return sha256d(raw);
}

Bytes serialize_block(const BlockHeader& header, std::span<const uint8_t> coinbase,
                      std::span<const Bytes> other_transactions,
                      std::span<const uint8_t> mweb_block) {
    size_t size = 80 + 9 + coinbase.size() + (mweb_block.empty() ? 0 : 1 + mweb_block.size());
    for (const Bytes& tx : other_transactions)
        size += tx.size();
    Bytes out;
    out.reserve(size);
    ByteWriter w(out);
    w.bytes(header.serialize());
    w.compact_size(1 + other_transactions.size());
    w.bytes(coinbase);
    for (const Bytes& tx : other_transactions)
        w.bytes(tx);
    if (!mweb_block.empty()) w.u8(0x01).bytes(mweb_block);
    return out;
}

Bytes witness_commitment_script(const Uint256& witness_root) {
    uint8_t preimage[64] = {};
    std::memcpy(preimage, witness_root.data(), 32);  // followed by the all-zero reserved value
    uint8_t commitment[32];
    sha256d(preimage, sizeof preimage, commitment);
    // OP_RETURN, a 36-byte push: the commitment header aa21a9ed and the commitment.
    static constexpr uint8_t kPrefix[6] = {0x6a, 0x24, 0xaa, 0x21, 0xa9, 0xed};
    Bytes script(sizeof kPrefix + sizeof commitment);
    std::memcpy(script.data(), kPrefix, sizeof kPrefix);
    std::memcpy(script.data() + sizeof kPrefix, commitment, sizeof commitment);
    return script;
}

}  // namespace viddhana::chain
