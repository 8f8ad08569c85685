// Feeds the Sentinel from the store: every share (accepted or not) stored since the last pull, in
// time order, and the fate of found blocks. The ledger stores shares in batches, a little after
// they were judged, so each pull re-reads a short overlap and skips the ids it has already fed.
#pragma once
#include <cstdint>
#include <set>
#include <string>

#include "analytics/sentinel.h"
#include "store/store.h"

namespace viddhana::analytics::service {

class SentinelShareFeed {
  public:
    // Starts `history_ms` before `start_ms`: the Sentinel judges a worker against its last hour.
    SentinelShareFeed(double share_multiplier, int64_t start_ms,
                      int64_t history_ms = 2 * 3600 * 1000, int64_t overlap_ms = 30'000);

    // Feeds what was stored up to now; returns the number of shares fed. Throws what the store
    // throws (StoreUnavailable) with the cursor unchanged.
    size_t pull(store::Store& store, Sentinel& sentinel, int64_t now_ms);
    int64_t shares_fed() const { return shares_fed_; }

  private:
    double share_multiplier_;
    int64_t cursor_ms_;  // shares at or after this time are read on the next pull
    int64_t overlap_ms_;
    std::set<std::pair<int64_t, int64_t>> recent_;  // (time_ms, id) fed within the overlap
    std::set<int64_t> blocks_seen_;                 // block ids whose fate was fed
    int64_t shares_fed_ = 0;
};

}  // namespace viddhana::analytics::service
