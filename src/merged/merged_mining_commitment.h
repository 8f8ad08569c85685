// The merged-mining commitment a parent coinbase carries in its scriptSig: the marker fabe6d6d
// ("\xfa\xbe" "mm"), the aux merkle root in reversed byte order (the display order: for a single
// chain, the bytes of the hash createauxblock shows), then the tree size and nonce as 32-bit little
// endian. 44 bytes; the pool pushes them as one script data push before the extranonces, so every
// coinbase a miner builds from the job carries the same commitment.
#pragma once
#include <array>
#include <cstdint>
#include <span>

#include "base/expected.h"
#include "base/hex.h"
#include "chain/uint256.h"

namespace viddhana::merged {

constexpr std::array<uint8_t, 4> kMergedMiningMarker = {0xfa, 0xbe, 0x6d, 0x6d};
constexpr size_t kCommitmentSize = 44;

struct MergedMiningCommitment {
    chain::Uint256 root;  // the aux merkle root, internal byte order
    uint32_t tree_size = 1;
    uint32_t nonce = 0;

    std::array<uint8_t, kCommitmentSize> serialize() const;
    // The commitment as a script push (0x2c, then the 44 bytes), to append to a coinbase scriptSig.
    Bytes script_push() const;

    // Reads the commitment out of a coinbase scriptSig as an aux chain does: the bytes after the
    // one marker. Fails without a marker, with two (the node refuses several commitments) or with
    // fewer than 40 bytes after it.
    static Expected<MergedMiningCommitment> find_in(std::span<const uint8_t> script_sig);

    bool operator==(const MergedMiningCommitment&) const = default;
};

}  // namespace viddhana::merged
