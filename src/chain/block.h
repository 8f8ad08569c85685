// Block headers and full blocks as submitted with submitblock.
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "base/expected.h"
#include "base/hex.h"
#include "chain/uint256.h"

namespace viddhana::chain {

struct BlockHeader {
    int32_t version = 0;
    Uint256 prev_block;
    Uint256 merkle_root;
    uint32_t time = 0;
    uint32_t bits = 0;
    uint32_t nonce = 0;

    std::array<uint8_t, 80> serialize() const;
    static BlockHeader parse(std::span<const uint8_t, 80> raw);
    Uint256 hash() const;  // SHA256d of the header: the block id on every coin, whatever its PoW
};

// Serializes a block for submitblock: the 80-byte header, the CompactSize transaction count
// (1 + other_transactions.size()), the coinbase, the other transactions' raw bytes as given, then,
// when `mweb_block` is not empty, Litecoin's MWEB extension block.
//
// MWEB format (Litecoin Core's CBlock serialization): after the transactions, and only when there
// are at least two and the last one is the HogEx, the node reads MWEB::Block, an optional pointer
// serialized as one presence byte (0x01 = present, 0x00 = none) followed by the mw::Block. The
// template's "mweb" field (getblocktemplate) is the mw::Block bytes alone (m_block->Serialized()),
// so `mweb_block` is those bytes and this function writes 0x01 before them. The HogEx from the
// template must be the last of other_transactions; without the MWEB bytes the node rejects the
// block ("mweb-missing").
Bytes serialize_block(const BlockHeader& header, std::span<const uint8_t> coinbase,
                      std::span<const Bytes> other_transactions,
                      std::span<const uint8_t> mweb_block);

// The witness commitment output script (BIP141) for a witness merkle root with a zero reserved
// value: OP_RETURN 0x24 aa21a9ed <sha256d(root || 32 zero bytes)>.
Bytes witness_commitment_script(const Uint256& witness_root);

}  // namespace viddhana::chain
