// The binary form of an event batch, as it travels in one Redis stream entry and sits in the
// publisher's spool. One entry carries a whole batch (thousands of shares), so the format is
// compact: a per-batch string table (logins, workers and addresses repeat within a batch) and
// fixed-size little-endian share records that refer to it.
//
// Version 1 layout (all integers little-endian, doubles as their IEEE-754 bits):
//   u8  version (= 1)
//   u32 string count, then each string: u32 length, bytes
//   u32 share count, then each share (69 bytes):
//       i64 time_ms, u32 login, u32 worker (string indexes), f64 difficulty,
//       f64 actual_difficulty, u8 result, i64 height, f64 network_difficulty,
//       u32 block_hash, u32 ip (string indexes), u32 node_id, u64 sequence
//   u32 block count, then each block (a FoundBlock):
//       i64 found_ms, i64 height, str hash, str finder_login, str finder_worker, i64 reward,
//       f64 network_difficulty, f64 share_difficulty, u8 accepted (0|1), str node_answer,
//       str coinbase_txid, u32 node_id        (str = u32 length, bytes)
// Nothing may follow the last block. Decoding checks every length against the bytes left
// before it reads or allocates, so a malformed input is an Error, never an overrun.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/expected.h"
#include "bus/event_bus.h"

namespace viddhana::bus {

inline constexpr uint8_t kEventCodecVersion = 1;

std::string encode_events(std::span<const ShareEvent> shares, std::span<const FoundBlock> blocks);
inline std::string encode_events(const EventBatch& batch) {
    return encode_events(batch.shares, batch.blocks);
}

// The events in `bytes`, or an Error naming what is wrong (and at which byte offset).
Expected<EventBatch> decode_events(std::string_view bytes);

}  // namespace viddhana::bus
