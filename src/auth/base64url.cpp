#include "auth/base64url.h"

namespace viddhana::auth {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int digit_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

}  // namespace

std::string base64url_encode(std::span<const uint8_t> data) {
    std::string out;
    out.reserve((data.size() * 4 + 2) / 3);
    size_t i = 0;
    for (; i + 3 <= data.size(); i += 3) {
        uint32_t v = uint32_t(data[i]) << 16 | uint32_t(data[i + 1]) << 8 | data[i + 2];
        out += kAlphabet[v >> 18];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += kAlphabet[v & 63];
    }
    size_t rest = data.size() - i;
    if (rest == 1) {
        uint32_t v = uint32_t(data[i]) << 16;
        out += kAlphabet[v >> 18];
        out += kAlphabet[(v >> 12) & 63];
    } else if (rest == 2) {
        uint32_t v = uint32_t(data[i]) << 16 | uint32_t(data[i + 1]) << 8;
        out += kAlphabet[v >> 18];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
    }
    return out;
}

std::string base64url_encode(std::string_view data) {
    return base64url_encode(
        std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(data.data()), data.size()));
}

Expected<Bytes> base64url_decode(std::string_view text) {
    if (text.size() % 4 == 1) {
        return make_error("base64url text has an impossible length " + std::to_string(text.size()));
    }
    Bytes out;
    out.reserve(text.size() * 3 / 4);
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        int v = digit_value(text[i]);
        if (v < 0) {
            return make_error("base64url text has an invalid character at position " +
                              std::to_string(i));
        }
        acc = (acc << 6) | static_cast<uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<uint8_t>(acc >> bits));
            acc &= (1u << bits) - 1;
        }
    }
    if (acc != 0) return make_error("base64url text has non-zero trailing bits");
    return out;
}

Expected<Bytes> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0) {
        return make_error("base64 text length " + std::to_string(text.size()) +
                          " is not a multiple of 4");
    }
    std::string url(text);
    size_t pad = 0;
    while (!url.empty() && url.back() == '=' && pad < 2) {
        url.pop_back();
        ++pad;
    }
    for (char& c : url) {
        if (c == '+') {
            c = '-';
        } else if (c == '/') {
            c = '_';
        } else if (c == '-' || c == '_' || c == '=') {
            return make_error("base64 text has an invalid character '" + std::string(1, c) + "'");
        }
    }
    return base64url_decode(url);
}

}  // namespace viddhana::auth
