// Proof-of-work hashing of a block header for the coin's algorithm, and the difficulty/target
// conversions pools use.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "chain/scrypt.h"
#include "chain/uint256.h"

namespace viddhana::chain {

enum class PowAlgorithm { sha256d, scrypt };

std::string_view to_string(PowAlgorithm a);

// Hashes 80-byte headers; holds per-thread scratch state (scrypt), so one per thread.
class PowHasher {
  public:
    explicit PowHasher(PowAlgorithm algorithm);
    void hash(const uint8_t header[80], uint8_t out[32]);
    Uint256 hash(const uint8_t header[80]);
    // out[i] = hash of headers[i]. For scrypt this runs ScryptHasher::hash_many, several times the
    // throughput of one hash at a time: validate shares in batches when they queue up.
    void hash_many(std::span<const std::array<uint8_t, 80>> headers,
                   std::span<std::array<uint8_t, 32>> out);
    PowAlgorithm algorithm() const { return algorithm_; }

  private:
    PowAlgorithm algorithm_;
    std::optional<ScryptHasher> scrypt_;
};

// Difficulty-1 target of Bitcoin-family chains: 0x00000000ffff0000...0 (bits 0x1d00ffff).
const Uint256& diff1_target();

// Share difficulty <-> target. `multiplier` is the coin's share multiplier: with 65536 (scrypt
// pools), Stratum difficulty 1 is target 0x0000ffff00..., with 1 (SHA256d) it is diff1_target().
// target = floor(diff1 * multiplier / difficulty), saturating at 2^256-1; difficulty must be > 0.
Uint256 target_from_difficulty(double difficulty, double multiplier);
// The difficulty a hash (or target) achieves: diff1 * multiplier / value (value 0 gives +inf).
double difficulty_from_target(const Uint256& value, double multiplier);
// Network difficulty as nodes report it (getdifficulty): diff1 / target(bits).
double difficulty_from_bits(uint32_t bits);

}  // namespace viddhana::chain
