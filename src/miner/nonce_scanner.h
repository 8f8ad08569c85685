// Hashes one header over a range of nonces and keeps those whose proof of work meets a target.
// SHA256d hashes the header's first 64 bytes once per header (the midstate) and only the last
// 16 per nonce; scrypt runs ScryptHasher's lanes side by side. One scanner per thread.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "chain/pow.h"
#include "chain/scrypt.h"
#include "chain/sha256.h"
#include "chain/uint256.h"
#include "miner/header_assembler.h"

namespace viddhana::miner {

struct NonceHit {
    uint32_t nonce = 0;
    chain::Uint256 pow_hash;
};

class NonceScanner {
  public:
    explicit NonceScanner(chain::PowAlgorithm algorithm);

    // The header to scan (its nonce field is overwritten).
    void set_header(const Header& header);
    // Hashes nonces first .. first+count-1 and appends the ones with hash <= target to `hits`.
    void scan(uint32_t first, uint32_t count, const chain::Uint256& target,
              std::vector<NonceHit>& hits);
    // The proof-of-work hash of the current header with `nonce` (for checks).
    chain::Uint256 hash(uint32_t nonce);

    chain::PowAlgorithm algorithm() const { return algorithm_; }

  private:
    chain::PowAlgorithm algorithm_;
    Header header_{};
    chain::Sha256 midstate_;
    std::optional<chain::ScryptHasher> scrypt_;
    std::vector<std::array<uint8_t, 80>> lanes_;
    std::vector<std::array<uint8_t, 32>> lane_out_;
};

}  // namespace viddhana::miner
