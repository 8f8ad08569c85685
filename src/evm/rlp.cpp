#include "evm/rlp.h"

namespace viddhana::evm::rlp {
namespace {

// The prefix for a payload of `length` bytes: offset + length when short (< 56 bytes), else
// offset + 55 + the length's own byte count, then the length big-endian.
void append_length_prefix(Bytes& out, size_t length, uint8_t offset) {
    if (length < 56) {
        out.push_back(static_cast<uint8_t>(offset + length));
        return;
    }
    Bytes len = minimal_big_endian(length);
    out.push_back(static_cast<uint8_t>(offset + 55 + len.size()));
    out.insert(out.end(), len.begin(), len.end());
}

}  // namespace

Bytes encode_bytes(std::span<const uint8_t> bytes) {
    // A single byte below 0x80 is its own encoding.
    if (bytes.size() == 1 && bytes[0] < 0x80) return Bytes{bytes[0]};
    Bytes out;
    out.reserve(bytes.size() + 9);
    append_length_prefix(out, bytes.size(), 0x80);
    out.insert(out.end(), bytes.begin(), bytes.end());
    return out;
}

Bytes encode_string(std::string_view text) {
    return encode_bytes(
        std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

Bytes encode_uint(Uint128 value) {
    return encode_bytes(minimal_big_endian(value));
}

Bytes encode_list(std::span<const Bytes> items) {
    size_t payload = 0;
    for (const auto& item : items)
        payload += item.size();
    Bytes out;
    out.reserve(payload + 9);
    append_length_prefix(out, payload, 0xc0);
    for (const auto& item : items)
        out.insert(out.end(), item.begin(), item.end());
    return out;
}

}  // namespace viddhana::evm::rlp
