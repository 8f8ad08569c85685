#include "base/byte_reader.h"

namespace viddhana {

bool ByteReader::compact_size(uint64_t& v) {
    const size_t start = pos_;
    uint8_t first;
    if (!u8(first)) return false;
    bool ok = true;
    if (first < 0xfd) {
        v = first;
    } else if (first == 0xfd) {
        uint16_t w = 0;
        ok = u16le(w) && w >= 0xfd;
        v = w;
    } else if (first == 0xfe) {
        uint32_t w = 0;
        ok = u32le(w) && w > 0xffff;
        v = w;
    } else {
        ok = u64le(v) && v > 0xffffffff;
    }
    if (!ok) pos_ = start;
    return ok;
}

bool ByteReader::var_bytes(std::span<const uint8_t>& out) {
    const size_t start = pos_;
    uint64_t n;
    if (!compact_size(n)) return false;
    if (n > remaining()) {
        pos_ = start;
        return false;
    }
    return bytes(static_cast<size_t>(n), out);
}

bool ByteReader::str32(std::string& out) {
    const size_t start = pos_;
    uint32_t n;
    std::span<const uint8_t> b;
    if (!u32le(n) || !bytes(n, b)) {
        pos_ = start;
        return false;
    }
    out.assign(reinterpret_cast<const char*>(b.data()), b.size());
    return true;
}

}  // namespace viddhana
