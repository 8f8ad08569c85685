// Hex encoding and decoding of byte strings.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace viddhana {

using Bytes = std::vector<uint8_t>;

std::string to_hex(std::span<const uint8_t> bytes);
// Appends the hex of `bytes` to `out` (no allocation when `out` has capacity).
void append_hex(std::string& out, std::span<const uint8_t> bytes);
std::optional<Bytes> from_hex(std::string_view hex);
// Decodes exactly out.size() bytes; false on wrong length or a non-hex digit.
bool from_hex_into(std::string_view hex, std::span<uint8_t> out);
// Value of one hex digit, or -1.
int hex_digit_value(char c);

}  // namespace viddhana
