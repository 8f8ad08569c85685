// Builds what a miner hashes from a job (pure): the coinbase (coinb1 || extranonce1 ||
// extranonce2 || coinb2), the merkle root from the branch, and the 80-byte header, byte for byte
// as the pool's share validator rebuilds it from the submitted fields.
#pragma once
#include <array>
#include <cstdint>
#include <span>

#include "base/hex.h"
#include "base/little_endian.h"
#include "chain/uint256.h"
#include "miner/miner_job.h"

namespace viddhana::miner {

using Header = std::array<uint8_t, 80>;

void build_coinbase(const MinerJob& job, std::span<const uint8_t> extranonce1,
                    std::span<const uint8_t> extranonce2, Bytes& out);
chain::Uint256 merkle_root(const MinerJob& job, std::span<const uint8_t> coinbase);
Header build_header(const MinerJob& job, const chain::Uint256& merkle_root, uint32_t version,
                    uint32_t ntime, uint32_t nonce);

// Header field offsets that the hashing loops rewrite.
inline constexpr size_t kVersionOffset = 0;
inline constexpr size_t kNonceOffset = 76;

// Extranonce2 as bytes: the counter little-endian, truncated or zero-padded to `size` bytes.
void extranonce2_bytes(uint64_t counter, std::span<uint8_t> out);

}  // namespace viddhana::miner
