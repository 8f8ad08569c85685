// Address codecs: Base58Check (P2PKH/P2SH), Bech32 (BIP173) and Bech32m (BIP350) segwit addresses,
// and their scriptPubKeys. Decoding checks the encoding, then the network (version byte or HRP),
// then the program, and names the first thing wrong.
#include "chain/address.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "chain/sha256.h"

namespace viddhana::chain {

namespace {

constexpr char kBase58[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
constexpr char kBech32[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
constexpr uint32_t kBech32mConstant = 0x2bc830a3;
constexpr size_t kMaxBase58Length = 128;  // far above any address; bounds the quadratic decoder
constexpr size_t kMaxBech32Length = 90;

int base58_value(char c) {
    const char* p = std::strchr(kBase58, c);
    return (c != '\0' && p != nullptr) ? static_cast<int>(p - kBase58) : -1;
}

int bech32_value(char c) {
    const char* p = std::strchr(kBech32, c);
    return (c != '\0' && p != nullptr) ? static_cast<int>(p - kBech32) : -1;
}

std::string quote(char c) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x21 && u <= 0x7e) return std::string("'") + c + "'";
    static constexpr char kHex[] = "0123456789abcdef";
    return std::string("byte 0x") + kHex[u >> 4] + kHex[u & 0xf];
}

Expected<Bytes> base58_decode(std::string_view s) {
    if (s.empty()) return make_error("empty Base58 string");
    if (s.size() > kMaxBase58Length) return make_error("Base58 string too long");
    size_t zeros = 0;
    while (zeros < s.size() && s[zeros] == '1')
        ++zeros;
    // Base-256 digits, little-endian, of the number the Base58 digits spell.
    std::vector<uint8_t> num;
    for (char c : s.substr(zeros)) {
        int v = base58_value(c);
        if (v < 0) return make_error("invalid Base58 character " + quote(c));
        uint32_t carry = static_cast<uint32_t>(v);
        for (uint8_t& digit : num) {
            carry += static_cast<uint32_t>(digit) * 58;
            digit = static_cast<uint8_t>(carry);
            carry >>= 8;
        }
        while (carry != 0) {
            num.push_back(static_cast<uint8_t>(carry));
            carry >>= 8;
        }
    }
    Bytes out(zeros, 0);
    out.insert(out.end(), num.rbegin(), num.rend());
    return out;
}

std::string base58_encode(std::span<const uint8_t> data) {
    size_t zeros = 0;
    while (zeros < data.size() && data[zeros] == 0)
        ++zeros;
    std::vector<uint8_t> digits;  // base 58, little-endian
    for (uint8_t byte : data.subspan(zeros)) {
        uint32_t carry = byte;
        for (uint8_t& d : digits) {
            carry += static_cast<uint32_t>(d) << 8;
            d = static_cast<uint8_t>(carry % 58);
            carry /= 58;
        }
        while (carry != 0) {
            digits.push_back(static_cast<uint8_t>(carry % 58));
            carry /= 58;
        }
    }
    std::string out(zeros, '1');
    for (auto it = digits.rbegin(); it != digits.rend(); ++it)
        out.push_back(kBase58[*it]);
    return out;
}

uint32_t bech32_polymod(std::span<const uint8_t> values) {
    static constexpr uint32_t kGenerator[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd,
                                               0x2a1462b3};
    uint32_t chk = 1;
    for (uint8_t v : values) {
        uint8_t top = static_cast<uint8_t>(chk >> 25);
        chk = (chk & 0x1ffffff) << 5 ^ v;
        for (int i = 0; i < 5; ++i)
            if ((top >> i) & 1) chk ^= kGenerator[i];
    }
    return chk;
}

std::vector<uint8_t> hrp_expand(std::string_view hrp) {
    std::vector<uint8_t> out;
    out.reserve(hrp.size() * 2 + 1);
    for (char c : hrp)
        out.push_back(static_cast<uint8_t>(static_cast<unsigned char>(c) >> 5));
    out.push_back(0);
    for (char c : hrp)
        out.push_back(static_cast<uint8_t>(static_cast<unsigned char>(c) & 31));
    return out;
}

// Regroups bits; when !pad, leftover bits must be fewer than `from` and all zero (BIP173).
bool convert_bits(std::span<const uint8_t> in, int from, int to, bool pad,
                  std::vector<uint8_t>& out) {
    uint32_t acc = 0;
    int bits = 0;
    const uint32_t maxv = (1u << to) - 1;
    for (uint8_t v : in) {
        if (v >> from) return false;
        acc = (acc << from) | v;
        bits += from;
        while (bits >= to) {
            bits -= to;
            out.push_back(static_cast<uint8_t>((acc >> bits) & maxv));
        }
    }
    if (pad) {
        if (bits > 0) out.push_back(static_cast<uint8_t>((acc << (to - bits)) & maxv));
    } else if (bits >= from || ((acc << (to - bits)) & maxv) != 0) {
        return false;
    }
    return true;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

Bytes p2pkh_script(std::span<const uint8_t> hash) {
    Bytes s = {0x76, 0xa9, 0x14};
    s.insert(s.end(), hash.begin(), hash.end());
    s.push_back(0x88);
    s.push_back(0xac);
    return s;
}

Bytes p2sh_script(std::span<const uint8_t> hash) {
    Bytes s = {0xa9, 0x14};
    s.insert(s.end(), hash.begin(), hash.end());
    s.push_back(0x87);
    return s;
}

std::string network_name(const CoinParams& params) {
    return params.coin + " " + std::string(to_string(params.network));
}

std::string hex_byte(uint8_t b) {
    return "0x" + to_hex(std::span<const uint8_t>(&b, 1));
}

Expected<DecodedAddress> decode_segwit(std::string_view address, const CoinParams& params) {
    auto decoded = bech32_decode(address);
    if (!decoded) return decoded.error();
    if (decoded->hrp != params.bech32_hrp) {
        return make_error("wrong network: address prefix '" + decoded->hrp + "' is not " +
                          network_name(params) + "'s '" + params.bech32_hrp + "'");
    }
    const std::vector<uint8_t>& data = decoded->data;
    if (data.empty()) return make_error("empty data section: no witness version");
    uint8_t version = data[0];
    if (version > 16) return make_error("invalid witness version " + std::to_string(version));
    if (version == 0 && decoded->encoding != Bech32Encoding::bech32) {
        return make_error("witness v0 address must use bech32, not bech32m");
    }
    if (version != 0 && decoded->encoding != Bech32Encoding::bech32m) {
        return make_error("witness v" + std::to_string(version) +
                          " address must use bech32m, not bech32");
    }
    std::vector<uint8_t> program;
    if (!convert_bits(std::span<const uint8_t>(data).subspan(1), 5, 8, false, program)) {
        return make_error("invalid witness program padding");
    }
    if (program.size() < 2 || program.size() > 40) {
        return make_error("invalid witness program length " + std::to_string(program.size()) +
                          " (must be 2 to 40)");
    }
    if (version == 0 && program.size() != 20 && program.size() != 32) {
        return make_error("invalid witness v0 program length " + std::to_string(program.size()) +
                          " (must be 20 or 32)");
    }
    DecodedAddress out;
    if (version == 0) {
        out.type = program.size() == 20 ? AddressType::p2wpkh : AddressType::p2wsh;
    } else if (version == 1 && program.size() == 32) {
        out.type = AddressType::p2tr;
    } else {
        out.type = AddressType::witness_unknown;
    }
    out.script_pubkey.push_back(version == 0 ? 0x00 : static_cast<uint8_t>(0x50 + version));
    out.script_pubkey.push_back(static_cast<uint8_t>(program.size()));
    out.script_pubkey.insert(out.script_pubkey.end(), program.begin(), program.end());
    return out;
}

Expected<DecodedAddress> decode_base58(std::string_view address, const CoinParams& params) {
    auto payload = base58check_decode(address);
    if (!payload) return payload.error();
    if (payload->size() != 21) {
        return make_error("bad length: Base58 payload is " + std::to_string(payload->size()) +
                          " bytes, an address has 21");
    }
    uint8_t version = (*payload)[0];
    std::span<const uint8_t> hash = std::span<const uint8_t>(*payload).subspan(1);
    const auto& pkh = params.p2pkh_versions;
    const auto& sh = params.p2sh_versions;
    if (std::find(pkh.begin(), pkh.end(), version) != pkh.end())
        return DecodedAddress{AddressType::p2pkh, p2pkh_script(hash)};
    if (std::find(sh.begin(), sh.end(), version) != sh.end())
        return DecodedAddress{AddressType::p2sh, p2sh_script(hash)};
    return make_error("wrong version byte " + hex_byte(version) + ": not a " +
                      network_name(params) + " address");
}

}  // namespace

std::string_view to_string(AddressType t) {
    switch (t) {
        case AddressType::p2pkh:
            return "p2pkh";
        case AddressType::p2sh:
            return "p2sh";
        case AddressType::p2wpkh:
            return "p2wpkh";
        case AddressType::p2wsh:
            return "p2wsh";
        case AddressType::p2tr:
            return "p2tr";
        case AddressType::witness_unknown:
            return "witness_unknown";
    }
    return "unknown";
}

Expected<Bytes> base58check_decode(std::string_view s) {
    auto raw = base58_decode(s);
    if (!raw) return raw.error();
    if (raw->size() < 4) return make_error("Base58Check string too short for its checksum");
    size_t n = raw->size() - 4;
    uint8_t digest[32];
    sha256d(raw->data(), n, digest);
    if (std::memcmp(digest, raw->data() + n, 4) != 0) return make_error("bad Base58Check checksum");
    raw->resize(n);
    return std::move(raw).value();
}

std::string base58check_encode(std::span<const uint8_t> payload) {
    Bytes data(payload.begin(), payload.end());
    uint8_t digest[32];
    sha256d(payload.data(), payload.size(), digest);
    data.insert(data.end(), digest, digest + 4);
    return base58_encode(data);
}

Expected<Bech32Decoded> bech32_decode(std::string_view s) {
    if (s.size() > kMaxBech32Length) return make_error("bech32 string longer than 90 characters");
    bool has_lower = false, has_upper = false;
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (u < 33 || u > 126) return make_error("bech32 character out of range: " + quote(c));
        has_lower |= (c >= 'a' && c <= 'z');
        has_upper |= (c >= 'A' && c <= 'Z');
    }
    if (has_lower && has_upper) return make_error("mixed case in bech32 string");
    std::string text = lower(s);
    size_t sep = text.rfind('1');
    if (sep == std::string::npos) return make_error("no bech32 separator '1'");
    if (sep == 0) return make_error("empty bech32 human-readable part");
    if (text.size() - sep - 1 < 6) return make_error("bech32 checksum too short");
    Bech32Decoded out;
    out.hrp = text.substr(0, sep);
    std::vector<uint8_t> values = hrp_expand(out.hrp);
    for (size_t i = sep + 1; i < text.size(); ++i) {
        int v = bech32_value(text[i]);
        if (v < 0) return make_error("invalid bech32 data character " + quote(text[i]));
        values.push_back(static_cast<uint8_t>(v));
    }
    uint32_t check = bech32_polymod(values);
    if (check == 1) {
        out.encoding = Bech32Encoding::bech32;
    } else if (check == kBech32mConstant) {
        out.encoding = Bech32Encoding::bech32m;
    } else {
        return make_error("bad bech32 checksum");
    }
    size_t data_len = text.size() - sep - 1 - 6;
    out.data.assign(values.end() - static_cast<std::ptrdiff_t>(data_len + 6), values.end() - 6);
    return out;
}

std::string bech32_encode(std::string_view hrp, std::span<const uint8_t> data5,
                          Bech32Encoding enc) {
    std::string h = lower(hrp);
    std::vector<uint8_t> values = hrp_expand(h);
    values.insert(values.end(), data5.begin(), data5.end());
    values.insert(values.end(), 6, 0);
    uint32_t mod = bech32_polymod(values) ^ (enc == Bech32Encoding::bech32 ? 1 : kBech32mConstant);
    std::string out = h + '1';
    for (uint8_t v : data5)
        out.push_back(kBech32[v & 31]);
    for (int i = 0; i < 6; ++i)
        out.push_back(kBech32[(mod >> (5 * (5 - i))) & 31]);
    return out;
}

Expected<DecodedAddress> decode_address(std::string_view address, const CoinParams& params) {
    if (address.empty()) return make_error("empty address");
    // A string that starts with this network's HRP and separator is read as bech32; one that
    // parses as bech32 under another HRP is on another network; anything else is Base58.
    // A coin without an HRP (Dogecoin) has no segwit addresses at all.
    std::string prefix = params.bech32_hrp + "1";
    if (!params.bech32_hrp.empty() &&
        lower(address.substr(0, std::min(address.size(), prefix.size()))) == prefix) {
        return decode_segwit(address, params);
    }
    if (auto other = bech32_decode(address)) {
        if (params.bech32_hrp.empty()) {
            return make_error("wrong network: '" + other->hrp +
                              "' is a segwit address prefix and " + network_name(params) +
                              " has no segwit addresses");
        }
        return make_error("wrong network: address prefix '" + other->hrp + "' is not " +
                          network_name(params) + "'s '" + params.bech32_hrp + "'");
    }
    return decode_base58(address, params);
}

Expected<std::string> encode_address(std::span<const uint8_t> script, const CoinParams& params) {
    if (script.size() == 25 && script[0] == 0x76 && script[1] == 0xa9 && script[2] == 0x14 &&
        script[23] == 0x88 && script[24] == 0xac) {
        if (params.p2pkh_versions.empty())
            return make_error("no P2PKH prefix for " + network_name(params));
        Bytes payload = {params.p2pkh_versions[0]};
        payload.insert(payload.end(), script.begin() + 3, script.begin() + 23);
        return base58check_encode(payload);
    }
    if (script.size() == 23 && script[0] == 0xa9 && script[1] == 0x14 && script[22] == 0x87) {
        if (params.p2sh_versions.empty())
            return make_error("no P2SH prefix for " + network_name(params));
        Bytes payload = {params.p2sh_versions[0]};
        payload.insert(payload.end(), script.begin() + 2, script.begin() + 22);
        return base58check_encode(payload);
    }
    // Witness program: OP_0 or OP_1..OP_16, then one direct push of 2 to 40 bytes.
    if (script.size() >= 4 && script.size() <= 42 &&
        (script[0] == 0x00 || (script[0] >= 0x51 && script[0] <= 0x60)) &&
        script[1] + 2u == script.size()) {
        if (params.bech32_hrp.empty())
            return make_error(network_name(params) + " has no segwit addresses");
        int version = script[0] == 0x00 ? 0 : script[0] - 0x50;
        if (version == 0 && script[1] != 20 && script[1] != 32) {
            return make_error("witness v0 program must be 20 or 32 bytes");
        }
        std::vector<uint8_t> data = {static_cast<uint8_t>(version)};
        convert_bits(script.subspan(2), 8, 5, true, data);
        return bech32_encode(params.bech32_hrp, data,
                             version == 0 ? Bech32Encoding::bech32 : Bech32Encoding::bech32m);
    }
    return make_error("script is not a standard address script (P2PKH, P2SH or witness program)");
}

}  // namespace viddhana::chain
