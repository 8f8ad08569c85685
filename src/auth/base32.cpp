#include "auth/base32.h"

namespace viddhana::auth {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int digit_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a';
    if (c >= '2' && c <= '7') return c - '2' + 26;
    return -1;
}

}  // namespace

std::string base32_encode(std::span<const uint8_t> data, bool pad) {
    std::string out;
    uint32_t acc = 0;
    int bits = 0;
    for (uint8_t b : data) {
        acc = (acc << 8) | b;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out += kAlphabet[(acc >> bits) & 31];
        }
        acc &= (1u << bits) - 1;
    }
    if (bits > 0) out += kAlphabet[(acc << (5 - bits)) & 31];
    if (pad) {
        while (out.size() % 8 != 0)
            out += '=';
    }
    return out;
}

Expected<Bytes> base32_decode(std::string_view text) {
    size_t data_len = text.size();
    while (data_len > 0 && text[data_len - 1] == '=')
        --data_len;
    if (data_len != text.size() && text.size() % 8 != 0) {
        return make_error("base32 text is padded to " + std::to_string(text.size()) +
                          " characters, not a multiple of 8");
    }
    // Only these remainders encode whole bytes (1..4 trailing bytes).
    size_t rest = data_len % 8;
    if (rest == 1 || rest == 3 || rest == 6) {
        return make_error("base32 text has an impossible length " + std::to_string(data_len));
    }
    if (data_len != text.size() && text.size() - data_len != (8 - rest) % 8) {
        return make_error("base32 text has the wrong amount of padding");
    }
    Bytes out;
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < data_len; ++i) {
        int v = digit_value(text[i]);
        if (v < 0) {
            return make_error("base32 text has an invalid character at position " +
                              std::to_string(i));
        }
        acc = (acc << 5) | static_cast<uint32_t>(v);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<uint8_t>(acc >> bits));
            acc &= (1u << bits) - 1;
        }
    }
    if (acc != 0) return make_error("base32 text has non-zero trailing bits");
    return out;
}

}  // namespace viddhana::auth
