// The secp256k1 key a pool operator publishes with: read from hex text (a key file's content or
// an environment variable), kept in one place and wiped from memory when destroyed, and used to
// sign EIP-1559 transactions the way every Ethereum client does (RFC 6979 nonces, low s).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "auth/eth_address.h"
#include "base/expected.h"
#include "evm/transaction.h"

namespace viddhana::evm {

class SigningKey {
  public:
    // 64 hex digits, with or without 0x; surrounding whitespace (a file's newline) is ignored.
    // The error never contains the text itself.
    static Expected<SigningKey> from_hex(std::string_view text);
    // The first line of `path` as from_hex reads it.
    static Expected<SigningKey> from_file(const std::string& path);

    SigningKey(SigningKey&& other) noexcept;
    SigningKey& operator=(SigningKey&& other) noexcept;
    SigningKey(const SigningKey&) = delete;
    SigningKey& operator=(const SigningKey&) = delete;
    ~SigningKey();

    const auth::EthAddress& address() const { return address_; }
    // Signs `tx` as is (its chain id, nonce, fees and gas are the caller's).
    Expected<SignedTransaction> sign(const Eip1559Transaction& tx) const;

  private:
    SigningKey() = default;
    void wipe();
    std::array<uint8_t, 32> secret_{};
    auth::EthAddress address_;
};

}  // namespace viddhana::evm
