// Recursive Length Prefix, the serialization Ethereum signs and sends transactions in: byte
// strings, unsigned integers (big-endian without leading zeros) and lists of encoded items.
#pragma once
#include <cstdint>
#include <span>
#include <string_view>

#include "base/hex.h"
#include "evm/quantity.h"

namespace viddhana::evm::rlp {

Bytes encode_bytes(std::span<const uint8_t> bytes);
Bytes encode_string(std::string_view text);
// Zero is the empty string (0x80), as integers have no leading zero bytes.
Bytes encode_uint(Uint128 value);
// A list of already encoded items.
Bytes encode_list(std::span<const Bytes> items);

}  // namespace viddhana::evm::rlp
