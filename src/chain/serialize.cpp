// Bitcoin wire serialization primitives and the two script pushes a coinbase needs.
#include "chain/serialize.h"

#include <cstring>

namespace viddhana::chain {

Writer& Writer::u8(uint8_t v) {
    out_.push_back(v);
    return *this;
}

Writer& Writer::u32le(uint32_t v) {
    for (int i = 0; i < 4; ++i)
        out_.push_back(static_cast<uint8_t>(v >> (8 * i)));
    return *this;
}

Writer& Writer::u64le(uint64_t v) {
    for (int i = 0; i < 8; ++i)
        out_.push_back(static_cast<uint8_t>(v >> (8 * i)));
    return *this;
}

Writer& Writer::compact_size(uint64_t v) {
    if (v < 0xfd) return u8(static_cast<uint8_t>(v));
    if (v <= 0xffff) {
        u8(0xfd);
        out_.push_back(static_cast<uint8_t>(v));
        out_.push_back(static_cast<uint8_t>(v >> 8));
        return *this;
    }
    if (v <= 0xffffffff) return u8(0xfe).u32le(static_cast<uint32_t>(v));
    return u8(0xff).u64le(v);
}

Writer& Writer::bytes(std::span<const uint8_t> b) {
    out_.insert(out_.end(), b.begin(), b.end());
    return *this;
}

Writer& Writer::var_bytes(std::span<const uint8_t> b) {
    return compact_size(b.size()).bytes(b);
}

bool Reader::u8(uint8_t& v) {
    if (remaining() < 1) return false;
    v = in_[pos_++];
    return true;
}

bool Reader::peek_u8(uint8_t& v) const {
    if (remaining() < 1) return false;
    v = in_[pos_];
    return true;
}

bool Reader::u32le(uint32_t& v) {
    if (remaining() < 4) return false;
    v = 0;
    for (int i = 0; i < 4; ++i)
        v |= static_cast<uint32_t>(in_[pos_ + i]) << (8 * i);
    pos_ += 4;
    return true;
}

bool Reader::i32le(int32_t& v) {
    uint32_t u;
    if (!u32le(u)) return false;
    v = static_cast<int32_t>(u);
    return true;
}

bool Reader::u64le(uint64_t& v) {
    if (remaining() < 8) return false;
    v = 0;
    for (int i = 0; i < 8; ++i)
        v |= static_cast<uint64_t>(in_[pos_ + i]) << (8 * i);
    pos_ += 8;
    return true;
}

bool Reader::i64le(int64_t& v) {
    uint64_t u;
    if (!u64le(u)) return false;
    v = static_cast<int64_t>(u);
    return true;
}

// Non-canonical encodings (a longer form than the value needs) are rejected, as nodes do.
bool Reader::compact_size(uint64_t& v) {
    size_t start = pos_;
    uint8_t first;
    if (!u8(first)) return false;
    bool ok = true;
    if (first < 0xfd) {
        v = first;
    } else if (first == 0xfd) {
        if (remaining() < 2) {
            ok = false;
        } else {
            v = static_cast<uint64_t>(in_[pos_]) | static_cast<uint64_t>(in_[pos_ + 1]) << 8;
            pos_ += 2;
            ok = v >= 0xfd;
        }
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

bool Reader::bytes(size_t n, std::span<const uint8_t>& out) {
    if (remaining() < n) return false;
    out = in_.subspan(pos_, n);
    pos_ += n;
    return true;
}

bool Reader::var_bytes(std::span<const uint8_t>& out) {
    size_t start = pos_;
    uint64_t n;
    if (!compact_size(n)) return false;
    if (n > remaining()) {
        pos_ = start;
        return false;
    }
    return bytes(static_cast<size_t>(n), out);
}

// Bitcoin Core's CScript::push_int64 (what `CScript() << nHeight` emits, and what the BIP34 check
// compares the coinbase against): OP_0 for 0, OP_1NEGATE / OP_1..OP_16 for -1 and 1..16, else a
// push of the minimal little-endian sign-magnitude encoding (CScriptNum).
void append_script_number(Bytes& script, int64_t n) {
    if (n == 0) {
        script.push_back(0x00);  // OP_0
        return;
    }
    if (n == -1 || (n >= 1 && n <= 16)) {
        script.push_back(static_cast<uint8_t>(n + 0x50));  // OP_1NEGATE (0x4f), OP_1 (0x51)...
        return;
    }
    bool negative = n < 0;
    uint64_t magnitude = negative ? ~static_cast<uint64_t>(n) + 1 : static_cast<uint64_t>(n);
    uint8_t encoded[9];
    size_t len = 0;
    while (magnitude != 0) {
        encoded[len++] = static_cast<uint8_t>(magnitude & 0xff);
        magnitude >>= 8;
    }
    // The top bit of the last byte is the sign: add a byte when the magnitude uses it.
    if (encoded[len - 1] & 0x80) {
        encoded[len++] = negative ? 0x80 : 0x00;
    } else if (negative) {
        encoded[len - 1] |= 0x80;
    }
    append_script_push(script, std::span<const uint8_t>(encoded, len));
}

// CScript's operator<< for data: direct push up to 75 bytes, then PUSHDATA1/2/4.
void append_script_push(Bytes& script, std::span<const uint8_t> data) {
    size_t n = data.size();
    if (n < 0x4c) {
        script.push_back(static_cast<uint8_t>(n));
    } else if (n <= 0xff) {
        script.push_back(0x4c);
        script.push_back(static_cast<uint8_t>(n));
    } else if (n <= 0xffff) {
        script.push_back(0x4d);
        script.push_back(static_cast<uint8_t>(n));
        script.push_back(static_cast<uint8_t>(n >> 8));
    } else {
        script.push_back(0x4e);
        for (int i = 0; i < 4; ++i)
            script.push_back(static_cast<uint8_t>(n >> (8 * i)));
    }
    script.insert(script.end(), data.begin(), data.end());
}

}  // namespace viddhana::chain
