// Unsigned 128-bit amounts (wei, gas prices, token base units) and their text forms: JSON-RPC
// quantities ("0x1a") and decimal strings. 128 bits hold any amount a pool moves (2^128 wei is
// 3.4e20 ether); the 256-bit words of the ABI convert with a range check.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/expected.h"
#include "base/hex.h"

namespace viddhana::evm {

using Uint128 = unsigned __int128;
using Word = std::array<uint8_t, 32>;  // one ABI word, a bytes32, a hash

std::string to_decimal(Uint128 value);
// Digits only, no sign, no leading '+'; refuses values above 2^128 - 1.
Expected<Uint128> parse_decimal(std::string_view text);

// "0x" and the hex digits without leading zeros ("0x0" for zero), as JSON-RPC wants them.
std::string to_quantity(Uint128 value);
// "0x" and 1 to 32 hex digits (leading zeros tolerated, as some nodes send them).
Expected<Uint128> parse_quantity(std::string_view text);
Expected<uint64_t> parse_quantity_u64(std::string_view text);

// Big-endian bytes without leading zeros (empty for zero): RLP's integer form.
Bytes minimal_big_endian(Uint128 value);

Word to_word(Uint128 value);
// The word's value when it fits in `bits` bits (1..128), else an error naming the limit.
Expected<Uint128> word_to_uint(const Word& word, int bits);

// "0x" + 64 hex digits (exactly), as hashes and bytes32 values are written.
Expected<Word> parse_word_hex(std::string_view text);
std::string word_hex(const Word& word);

// "0x" + hex of any length (an even number of digits; "0x" alone is empty).
Expected<Bytes> parse_data_hex(std::string_view text);
std::string data_hex(std::span<const uint8_t> bytes);

}  // namespace viddhana::evm
