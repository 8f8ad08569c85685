// Little-endian binary reading from a byte span or string: the one reader behind the Bitcoin wire
// format, the event bus's batches and the spool files (byte_writer.h writes them). Every read
// reports failure instead of reading past the end, and leaves the position where it was.
#pragma once
#include <bit>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/little_endian.h"

namespace viddhana {

class ByteReader {
  public:
    explicit ByteReader(std::span<const uint8_t> in) : in_(in) {}
    explicit ByteReader(std::string_view in)
        : in_(reinterpret_cast<const uint8_t*>(in.data()), in.size()) {}

    bool u8(uint8_t& v) {
        if (remaining() < 1) return false;
        v = in_[pos_++];
        return true;
    }
    bool peek_u8(uint8_t& v) const {
        if (remaining() < 1) return false;
        v = in_[pos_];
        return true;
    }
    bool u16le(uint16_t& v) { return get(v); }
    bool u32le(uint32_t& v) { return get(v); }
    bool u64le(uint64_t& v) { return get(v); }
    bool i32le(int32_t& v) { return get_signed<uint32_t>(v); }
    bool i64le(int64_t& v) { return get_signed<uint64_t>(v); }
    bool f64le(double& v) {
        uint64_t bits;
        if (!get(bits)) return false;
        v = std::bit_cast<double>(bits);
        return true;
    }
    // Bitcoin's CompactSize. Non-canonical encodings (a longer form than the value needs) are
    // refused, as nodes refuse them.
    bool compact_size(uint64_t& v);
    bool bytes(size_t n, std::span<const uint8_t>& out) {
        if (remaining() < n) return false;
        out = in_.subspan(pos_, n);
        pos_ += n;
        return true;
    }
    // CompactSize length, then the bytes.
    bool var_bytes(std::span<const uint8_t>& out);
    // u32 length, then the bytes.
    bool str32(std::string& out);

    size_t remaining() const { return in_.size() - pos_; }
    size_t position() const { return pos_; }

  private:
    template <typename T>
    bool get(T& v) {
        if (remaining() < sizeof(T)) return false;
        v = load_le<T>(in_.data() + pos_);
        pos_ += sizeof(T);
        return true;
    }
    template <typename U, typename S>
    bool get_signed(S& v) {
        U u;
        if (!get(u)) return false;
        v = static_cast<S>(u);
        return true;
    }

    std::span<const uint8_t> in_;
    size_t pos_ = 0;
};

}  // namespace viddhana
