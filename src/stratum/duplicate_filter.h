// Remembers the headers a connection was credited for on its live jobs, so a share sent twice
// is credited once. A header is identified by 16 bytes of its SHA256d: two different headers
// colliding there is beyond any practical concern.
#pragma once
#include <cstddef>
#include <cstdint>
#include <unordered_set>

#include "chain/uint256.h"

namespace viddhana::stratum {

class DuplicateFilter {
  public:
    // True when the key was new (and is now remembered).
    bool insert(const chain::Uint256& header_hash);
    void clear() { seen_.clear(); }
    size_t size() const { return seen_.size(); }

  private:
    struct Key {
        uint64_t a, b;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        size_t operator()(const Key& k) const { return k.a ^ (k.b * 0x9e3779b97f4a7c15ULL); }
    };
    std::unordered_set<Key, KeyHash> seen_;
};

}  // namespace viddhana::stratum
