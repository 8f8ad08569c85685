#include "base/hex.h"

namespace viddhana {

namespace {
constexpr char kDigits[] = "0123456789abcdef";
}

int hex_digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void append_hex(std::string& out, std::span<const uint8_t> bytes) {
    size_t pos = out.size();
    out.resize(pos + bytes.size() * 2);
    for (uint8_t b : bytes) {
        out[pos++] = kDigits[b >> 4];
        out[pos++] = kDigits[b & 0xf];
    }
}

std::string to_hex(std::span<const uint8_t> bytes) {
    std::string out;
    append_hex(out, bytes);
    return out;
}

bool from_hex_into(std::string_view hex, std::span<uint8_t> out) {
    if (hex.size() != out.size() * 2) return false;
    for (size_t i = 0; i < out.size(); ++i) {
        int hi = hex_digit_value(hex[2 * i]);
        int lo = hex_digit_value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return false;
        out[i] = static_cast<uint8_t>(hi << 4 | lo);
    }
    return true;
}

std::optional<Bytes> from_hex(std::string_view hex) {
    if (hex.size() % 2 != 0) return std::nullopt;
    Bytes out(hex.size() / 2);
    if (!from_hex_into(hex, out)) return std::nullopt;
    return out;
}

}  // namespace viddhana
