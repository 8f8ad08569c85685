// EIP-191 version 0x45 ("personal_sign"): what a browser wallet signs for a text message, and
// recovering the signing address from a 65-byte r || s || v signature.
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "auth/eth_address.h"
#include "auth/keccak.h"
#include "base/expected.h"

namespace viddhana::auth {

using Signature65 = std::array<uint8_t, 65>;  // r (32) || s (32) || v (1)

// keccak256("\x19Ethereum Signed Message:\n" + decimal byte length + message).
Hash256 personal_message_hash(std::string_view message);

// "0x" + 130 hex digits (the prefix is optional).
Expected<Signature65> parse_signature_hex(std::string_view text);

// The address whose key produced `signature` over `digest`. v may be 27/28 or 0/1. Refuses
// malleable high-s signatures (s > n/2), as Ethereum has since Homestead, and r or s out of
// range.
Expected<EthAddress> recover_signer(const Hash256& digest, const Signature65& signature);

// recover_signer(personal_message_hash(message), parse_signature_hex(signature_hex)).
Expected<EthAddress> recover_personal_signer(std::string_view message,
                                             std::string_view signature_hex);

// Signs like a wallet's personal_sign (deterministic RFC 6979 nonce, low s, v = 27/28). Used
// by tests and tooling that act as a wallet; the server itself never holds account keys.
Expected<Signature65> sign_personal_message(std::span<const uint8_t, 32> private_key,
                                            std::string_view message);

}  // namespace viddhana::auth
