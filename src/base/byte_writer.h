// Little-endian binary writing, appended to a byte vector or string: the one writer behind the
// Bitcoin wire format (transactions, coinbases, blocks), the event bus's batches and the spool
// files. byte_reader.h reads all of it back.
#pragma once
#include <bit>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include "base/little_endian.h"

namespace viddhana {

// Buffer: std::vector<uint8_t> (Bytes) or std::string.
template <typename Buffer>
class ByteWriter {
  public:
    explicit ByteWriter(Buffer& out) : out_(out) {}

    ByteWriter& u8(uint8_t v) {
        out_.push_back(static_cast<typename Buffer::value_type>(v));
        return *this;
    }
    ByteWriter& u16le(uint16_t v) { return put(v); }
    ByteWriter& u32le(uint32_t v) { return put(v); }
    ByteWriter& i32le(int32_t v) { return put(static_cast<uint32_t>(v)); }
    ByteWriter& u64le(uint64_t v) { return put(v); }
    ByteWriter& i64le(int64_t v) { return put(static_cast<uint64_t>(v)); }
    // IEEE-754 bits.
    ByteWriter& f64le(double v) { return put(std::bit_cast<uint64_t>(v)); }
    // Bitcoin's CompactSize: one byte below 0xfd, else a marker and 2, 4 or 8 bytes.
    ByteWriter& compact_size(uint64_t v) {
        if (v < 0xfd) return u8(static_cast<uint8_t>(v));
        if (v <= 0xffff) return u8(0xfd).u16le(static_cast<uint16_t>(v));
        if (v <= 0xffffffff) return u8(0xfe).u32le(static_cast<uint32_t>(v));
        return u8(0xff).u64le(v);
    }
    ByteWriter& bytes(std::span<const uint8_t> b) {
        append(b.data(), b.size());
        return *this;
    }
    ByteWriter& bytes(std::string_view b) {
        append(reinterpret_cast<const uint8_t*>(b.data()), b.size());
        return *this;
    }
    // CompactSize length, then the bytes (Bitcoin scripts, witness items).
    ByteWriter& var_bytes(std::span<const uint8_t> b) { return compact_size(b.size()).bytes(b); }
    ByteWriter& var_bytes(std::string_view b) { return compact_size(b.size()).bytes(b); }
    // u32 length, then the bytes (the event codec's and spools' strings).
    ByteWriter& str32(std::string_view s) {
        return u32le(static_cast<uint32_t>(s.size())).bytes(s);
    }

  private:
    template <typename T>
    ByteWriter& put(T v) {
        uint8_t b[sizeof(T)];
        store_le(b, v);
        append(b, sizeof(T));
        return *this;
    }
    void append(const uint8_t* p, size_t n) {
        if constexpr (std::is_same_v<Buffer, std::string>) {
            out_.append(reinterpret_cast<const char*>(p), n);
        } else {
            out_.insert(out_.end(), p, p + n);
        }
    }

    Buffer& out_;
};

}  // namespace viddhana
