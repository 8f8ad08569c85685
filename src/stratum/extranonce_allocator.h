// Hands out extranonce1 values: 4 bytes, the first the Stratum node's id (so several nodes never
// give two miners the same coinbase space), the other three a counter that skips values still in
// use after it wraps. Thread-safe.
#pragma once
#include <array>
#include <cstdint>
#include <mutex>
#include <optional>
#include <unordered_set>

namespace viddhana::stratum {

class ExtranonceAllocator {
  public:
    explicit ExtranonceAllocator(uint8_t node_id);
    // nullopt only when all 2^24 values are in use.
    std::optional<std::array<uint8_t, 4>> acquire();
    void release(const std::array<uint8_t, 4>& value);
    size_t in_use() const;

  private:
    mutable std::mutex mutex_;
    uint8_t node_id_;
    uint32_t next_ = 0;
    std::unordered_set<uint32_t> used_;
};

}  // namespace viddhana::stratum
