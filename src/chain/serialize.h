// The two script pushes a coinbase needs. Bitcoin's integers and CompactSize are written and
// read by base/byte_writer.h and base/byte_reader.h.
#pragma once
#include <cstdint>
#include <span>
#include <string_view>

#include "base/hex.h"

namespace viddhana::chain {

// Script push of a number as consensus encodes it (BIP34 height: minimal CScriptNum push).
void append_script_number(Bytes& script, int64_t n);
// Script push of raw data with the shortest opcode (direct push, PUSHDATA1/2/4).
void append_script_push(Bytes& script, std::span<const uint8_t> data);

}  // namespace viddhana::chain
