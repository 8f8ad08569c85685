// Hands out extranonce1 values: 4 bytes, the first the Stratum node's id (so several nodes never
// give two miners the same coinbase space), the other three a counter that skips values still in
// use after it wraps. A released value is kept resumable for a while: a client reconnecting with
// the session id of its last subscribe (cgminer, bfgminer) gets it back when no one holds it, with
// the record of the shares credited on it in the current block, so a share it resends after the
// reconnect is still a duplicate. Thread-safe.
#pragma once
#include <array>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "stratum/duplicate_filter.h"

namespace viddhana::stratum {

using Extranonce1 = std::array<uint8_t, 4>;

class ExtranonceAllocator {
  public:
    explicit ExtranonceAllocator(uint8_t node_id);
    // nullopt only when all 2^24 values are in use.
    std::optional<Extranonce1> acquire();
    void release(const Extranonce1& value);
    // Releases a value whose connection ended, keeping its duplicate record for a resume within
    // the same block (`block_key`).
    void release(const Extranonce1& value, DuplicateFilter&& credited, uint64_t block_key,
                 int64_t now_ms);
    // A subscribe presenting session id `wanted`: when that value was released here and no one
    // holds it, `current` is released and `wanted` taken; `credited` then holds what was credited
    // on it in block `block_key` (nothing when the block changed since). False otherwise.
    bool resume(const Extranonce1& wanted, const Extranonce1& current, uint64_t block_key,
                DuplicateFilter& credited, int64_t now_ms);
    // Values handed out from now on carry this node id; values in use stay theirs until
    // released.
    void set_node_id(uint8_t node_id);
    uint8_t node_id() const;
    size_t in_use() const;
    size_t resumable() const;

    // How long a released value stays resumable, and how many are kept at most.
    static constexpr int64_t kResumableMs = 10 * 60'000;
    static constexpr size_t kMaxResumable = 50'000;

  private:
    struct Parked {
        uint64_t block_key = 0;
        DuplicateFilter credited;
        uint64_t seq = 0;
    };
    struct Released {
        uint32_t value;
        uint64_t seq;
        int64_t at_ms;
    };
    void expire(int64_t now_ms);  // with mutex_ held

    mutable std::mutex mutex_;
    uint8_t node_id_;
    uint32_t next_ = 0;
    std::unordered_set<uint32_t> used_;  // whole 4-byte values, big-endian
    std::unordered_map<uint32_t, Parked> parked_;
    std::deque<Released> released_;  // oldest first
    uint64_t seq_ = 0;
};

}  // namespace viddhana::stratum
