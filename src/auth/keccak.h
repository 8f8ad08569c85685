// Keccak-256 as Ethereum uses it (the original Keccak padding, not NIST SHA3-256's).
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace viddhana::auth {

using Hash256 = std::array<uint8_t, 32>;

Hash256 keccak256(std::span<const uint8_t> data);
Hash256 keccak256(std::string_view data);

}  // namespace viddhana::auth
