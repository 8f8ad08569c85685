#include "evm/quantity.h"

#include <algorithm>

namespace viddhana::evm {
namespace {

constexpr Uint128 kMax = ~Uint128{0};

std::string_view strip_0x(std::string_view text, bool& had_prefix) {
    had_prefix = text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
    return had_prefix ? text.substr(2) : text;
}

}  // namespace

std::string to_decimal(Uint128 value) {
    if (value == 0) return "0";
    std::string out;
    while (value > 0) {
        out.push_back(static_cast<char>('0' + static_cast<int>(value % 10)));
        value /= 10;
    }
    std::reverse(out.begin(), out.end());
    return out;
}

Expected<Uint128> parse_decimal(std::string_view text) {
    if (text.empty()) return make_error("empty number");
    Uint128 value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') {
            return make_error("'" + std::string(text) + "' is not a decimal number");
        }
        auto digit = static_cast<Uint128>(c - '0');
        if (value > (kMax - digit) / 10) {
            return make_error("'" + std::string(text) + "' does not fit in 128 bits");
        }
        value = value * 10 + digit;
    }
    return value;
}

std::string to_quantity(Uint128 value) {
    if (value == 0) return "0x0";
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    while (value > 0) {
        out.push_back(kDigits[static_cast<int>(value & 0xf)]);
        value >>= 4;
    }
    out += "x0";
    std::reverse(out.begin(), out.end());
    return out;
}

Expected<Uint128> parse_quantity(std::string_view text) {
    bool prefixed = false;
    std::string_view digits = strip_0x(text, prefixed);
    if (!prefixed) return make_error("quantity '" + std::string(text) + "' does not start with 0x");
    if (digits.empty()) return make_error("quantity '" + std::string(text) + "' has no digits");
    while (digits.size() > 1 && digits.front() == '0')
        digits.remove_prefix(1);
    if (digits.size() > 32) {
        return make_error("quantity '" + std::string(text) + "' does not fit in 128 bits");
    }
    Uint128 value = 0;
    for (char c : digits) {
        int d = hex_digit_value(c);
        if (d < 0) return make_error("quantity '" + std::string(text) + "' is not hex");
        value = (value << 4) | static_cast<Uint128>(d);
    }
    return value;
}

Expected<uint64_t> parse_quantity_u64(std::string_view text) {
    auto value = parse_quantity(text);
    if (!value) return value.error();
    if (*value > UINT64_MAX) {
        return make_error("quantity '" + std::string(text) + "' does not fit in 64 bits");
    }
    return static_cast<uint64_t>(*value);
}

Bytes minimal_big_endian(Uint128 value) {
    Bytes out;
    while (value > 0) {
        out.push_back(static_cast<uint8_t>(value & 0xff));
        value >>= 8;
    }
    std::reverse(out.begin(), out.end());
    return out;
}

Word to_word(Uint128 value) {
    Word w{};
    for (int i = 31; i >= 16 && value > 0; --i) {
        w[i] = static_cast<uint8_t>(value & 0xff);
        value >>= 8;
    }
    return w;
}

Expected<Uint128> word_to_uint(const Word& word, int bits) {
    if (bits < 1 || bits > 128) return make_error("unsupported integer width");
    int leading_zero_bits = 256 - bits;
    for (int i = 0; i < leading_zero_bits / 8; ++i) {
        if (word[i] != 0) return make_error("value exceeds uint" + std::to_string(bits));
    }
    if (leading_zero_bits % 8 != 0 &&
        (word[leading_zero_bits / 8] >> (8 - leading_zero_bits % 8)) != 0) {
        return make_error("value exceeds uint" + std::to_string(bits));
    }
    Uint128 value = 0;
    for (int i = 16; i < 32; ++i)
        value = (value << 8) | word[i];
    return value;
}

Expected<Word> parse_word_hex(std::string_view text) {
    bool prefixed = false;
    std::string_view digits = strip_0x(text, prefixed);
    if (!prefixed || digits.size() != 64) {
        return make_error("'" + std::string(text) + "' is not 0x and 64 hex digits");
    }
    Word w{};
    if (!from_hex_into(digits, w)) {
        return make_error("'" + std::string(text) + "' contains a non-hex character");
    }
    return w;
}

std::string word_hex(const Word& word) {
    return "0x" + to_hex(word);
}

Expected<Bytes> parse_data_hex(std::string_view text) {
    bool prefixed = false;
    std::string_view digits = strip_0x(text, prefixed);
    if (!prefixed) return make_error("data does not start with 0x");
    if (digits.size() % 2 != 0) return make_error("data has an odd number of hex digits");
    auto bytes = from_hex(digits);
    if (!bytes) return make_error("data contains a non-hex character");
    return std::move(*bytes);
}

std::string data_hex(std::span<const uint8_t> bytes) {
    std::string out = "0x";
    append_hex(out, bytes);
    return out;
}

}  // namespace viddhana::evm
