// Bitcoin wire serialization primitives: little-endian integers, CompactSize, scripts.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "base/hex.h"

namespace viddhana::chain {

class Writer {
public:
    explicit Writer(Bytes& out) : out_(out) {}
    Writer& u8(uint8_t v);
    Writer& u32le(uint32_t v);
    Writer& i32le(int32_t v) { return u32le(static_cast<uint32_t>(v)); }
    Writer& u64le(uint64_t v);
    Writer& i64le(int64_t v) { return u64le(static_cast<uint64_t>(v)); }
    Writer& compact_size(uint64_t v);
    Writer& bytes(std::span<const uint8_t> b);
    // CompactSize length followed by the bytes.
    Writer& var_bytes(std::span<const uint8_t> b);

private:
    Bytes& out_;
};

// Reads from a byte span; every read reports failure instead of reading past the end.
class Reader {
public:
    explicit Reader(std::span<const uint8_t> in) : in_(in) {}
    bool u8(uint8_t& v);
    bool u32le(uint32_t& v);
    bool i32le(int32_t& v);
    bool u64le(uint64_t& v);
    bool i64le(int64_t& v);
    bool compact_size(uint64_t& v);
    bool bytes(size_t n, std::span<const uint8_t>& out);
    bool var_bytes(std::span<const uint8_t>& out);
    size_t remaining() const { return in_.size() - pos_; }
    size_t position() const { return pos_; }
    bool peek_u8(uint8_t& v) const;

private:
    std::span<const uint8_t> in_;
    size_t pos_ = 0;
};

// Script push of a number as consensus encodes it (BIP34 height: minimal CScriptNum push).
void append_script_number(Bytes& script, int64_t n);
// Script push of raw data with the shortest opcode (direct push, PUSHDATA1/2/4).
void append_script_push(Bytes& script, std::span<const uint8_t> data);

}  // namespace viddhana::chain
