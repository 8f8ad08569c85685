#include "analytics/service/share_feed.h"

#include <algorithm>

#include "analytics/share_observation.h"

namespace viddhana::analytics::service {

namespace {
constexpr int64_t kPageRows = 20000;
}

SentinelShareFeed::SentinelShareFeed(double share_multiplier, int64_t start_ms, int64_t history_ms,
                                     int64_t overlap_ms)
    : share_multiplier_(share_multiplier),
      cursor_ms_(start_ms - history_ms),
      overlap_ms_(overlap_ms) {}

size_t SentinelShareFeed::pull(store::Store& store, Sentinel& sentinel, int64_t now_ms) {
    size_t fed = 0;
    int64_t from = cursor_ms_ - overlap_ms_;
    int64_t newest = cursor_ms_;
    while (true) {
        auto page = store.shares().shares_between(from, now_ms + 1, kPageRows);
        if (!page) throw store::StoreError(page.error().message);
        for (const auto& s : *page) {
            auto key = std::make_pair(s.share.time_ms, s.id);
            if (s.share.time_ms < cursor_ms_ - overlap_ms_ || recent_.count(key)) continue;
            recent_.insert(key);
            sentinel.observe(observation_from_share_event(s.share, share_multiplier_));
            newest = std::max(newest, s.share.time_ms);
            ++fed;
        }
        if (static_cast<int64_t>(page->size()) < kPageRows) break;
        // A full page: continue from its last time (the ids seen there are skipped).
        int64_t last = page->back().share.time_ms;
        if (last == from) break;  // a single millisecond holds a whole page: take what we got
        from = last;
    }
    cursor_ms_ = newest;
    // Forget what is older than the overlap: it is never read again.
    while (!recent_.empty() && recent_.begin()->first < cursor_ms_ - overlap_ms_)
        recent_.erase(recent_.begin());

    auto blocks = store.blocks().blocks({100, 0});
    if (blocks) {
        std::vector<const store::Block*> decided;
        for (const auto& b : *blocks) {
            if (b.status == store::BlockStatus::pending || blocks_seen_.count(b.id)) continue;
            decided.push_back(&b);
        }
        // Oldest first, as the Sentinel keeps the last blocks in order.
        std::reverse(decided.begin(), decided.end());
        for (const auto* b : decided) {
            blocks_seen_.insert(b->id);
            sentinel.observe(
                BlockOutcome{b->updated_ms, b->height, b->status == store::BlockStatus::orphaned});
        }
    }
    shares_fed_ += static_cast<int64_t>(fed);
    return fed;
}

}  // namespace viddhana::analytics::service
