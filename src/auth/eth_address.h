// Ethereum account addresses: the last 20 bytes of keccak256 of an uncompressed secp256k1
// public key, written as 0x-prefixed hex with the EIP-55 mixed-case checksum.
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/expected.h"

namespace viddhana::auth {

class EthAddress {
  public:
    using Bytes20 = std::array<uint8_t, 20>;

    EthAddress() = default;
    explicit EthAddress(const Bytes20& bytes) : bytes_(bytes) {}

    // "0x" followed by 40 hex digits. All-lower-case and all-upper-case digits carry no
    // checksum and are accepted; mixed case must be the EIP-55 checksum.
    static Expected<EthAddress> parse(std::string_view text);
    // 65 bytes 0x04 || X || Y, or the 64 bytes X || Y.
    static Expected<EthAddress> from_public_key(std::span<const uint8_t> key);

    const Bytes20& bytes() const { return bytes_; }
    std::string checksummed() const;  // EIP-55: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
    std::string lower() const;        // "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed" (store key)

    friend bool operator==(const EthAddress&, const EthAddress&) = default;

  private:
    Bytes20 bytes_{};
};

}  // namespace viddhana::auth
