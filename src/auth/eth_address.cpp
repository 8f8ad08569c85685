#include "auth/eth_address.h"

#include <cctype>

#include "auth/keccak.h"
#include "base/hex.h"

namespace viddhana::auth {

Expected<EthAddress> EthAddress::parse(std::string_view text) {
    if (text.size() < 2 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X')) {
        return make_error("address '" + std::string(text) + "' does not start with 0x");
    }
    std::string_view digits = text.substr(2);
    if (digits.size() != 40) {
        return make_error("address '" + std::string(text) + "' has " +
                          std::to_string(digits.size()) + " hex digits, expected 40");
    }
    Bytes20 bytes{};
    if (!from_hex_into(digits, bytes)) {
        return make_error("address '" + std::string(text) + "' contains a non-hex character");
    }
    EthAddress address(bytes);
    bool has_lower = false;
    bool has_upper = false;
    for (char c : digits) {
        if (c >= 'a' && c <= 'f') has_lower = true;
        if (c >= 'A' && c <= 'F') has_upper = true;
    }
    if (has_lower && has_upper) {
        std::string expected = address.checksummed();
        if (expected.substr(2) != digits) {
            return make_error("address '" + std::string(text) +
                              "' has a wrong EIP-55 checksum (expected " + expected + ")");
        }
    }
    return address;
}

Expected<EthAddress> EthAddress::from_public_key(std::span<const uint8_t> key) {
    if (key.size() == 65) {
        if (key[0] != 0x04) {
            return make_error("public key is not uncompressed (prefix byte is not 0x04)");
        }
        key = key.subspan(1);
    } else if (key.size() != 64) {
        return make_error("public key has " + std::to_string(key.size()) +
                          " bytes, expected 65 (uncompressed) or 64");
    }
    Hash256 hash = keccak256(key);
    Bytes20 bytes{};
    std::copy(hash.begin() + 12, hash.end(), bytes.begin());
    return EthAddress(bytes);
}

std::string EthAddress::lower() const {
    return "0x" + to_hex(bytes_);
}

std::string EthAddress::checksummed() const {
    std::string hex = to_hex(bytes_);
    // Each letter is upper case when the matching nibble of keccak256(lower-case hex) is >= 8.
    Hash256 hash = keccak256(std::string_view(hex));
    for (size_t i = 0; i < hex.size(); ++i) {
        uint8_t nibble = (i % 2 == 0) ? (hash[i / 2] >> 4) : (hash[i / 2] & 0x0f);
        if (nibble >= 8)
            hex[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(hex[i])));
    }
    return "0x" + hex;
}

}  // namespace viddhana::auth
