// The share log: batched, idempotent appends (with the hashrate roll-ups, workers and miners
// updated in the same transaction), range reads, the PPLNS window walk and retention.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "base/expected.h"
#include "bus/share_event.h"
#include "store/records.h"

namespace viddhana::store {

class ShareRepository {
  public:
    virtual ~ShareRepository() = default;

    // Stores a batch in ONE transaction. Each share's (node_id, sequence) is checked against
    // its node's high-water mark, stored in the same transaction: shares at or below it are
    // skipped as duplicates, so replaying a batch never doubles it. A node's shares must
    // therefore arrive in increasing sequence order (the event bus keeps per-node order).
    // Bad input (empty login, negative or non-finite difficulty, sequence >= 2^63) rejects the
    // whole batch. Throws StoreUnavailable when the database is unreachable: nothing of the
    // batch is committed then, and replaying it later is safe.
    virtual Expected<AppendResult> append_shares(std::span<const bus::ShareEvent> shares) = 0;

    // Stores shares that were set aside and never stored (the quarantine's), whatever their
    // node's high-water mark, which stays as it is: a share already stored (same node, sequence
    // and time) is skipped, so a retry interrupted by a crash never stores one twice. One
    // transaction; bad input rejects the whole call, as for append_shares.
    virtual Expected<AppendResult> restore_shares(std::span<const bus::ShareEvent> shares) = 0;

    // The highest sequence stored for a node (none before its first share).
    virtual std::optional<uint64_t> high_water_mark(uint32_t node_id) = 0;

    // Shares with from_ms <= time_ms < to_ms, oldest first, at most `limit` (1..100000).
    virtual Expected<std::vector<StoredShare>> shares_between(int64_t from_ms, int64_t to_ms,
                                                              int64_t limit) = 0;

    virtual int64_t share_count() = 0;

    // The newest accepted share, the usual start of a PPLNS walk.
    virtual std::optional<ShareCursor> newest_accepted_share() = 0;

    // Walks accepted shares back from `from` (inclusive; the newest share when absent),
    // summing difficulty until `target` (> 0) is reached, and sums difficulty per miner with
    // the boundary share counted in part. Reads only the shares inside the window, newest
    // first along the (time_ms, id) index.
    virtual Expected<PplnsWindow> pplns_window(double target,
                                               std::optional<ShareCursor> from = std::nullopt) = 0;

    // The position of the share that solved the block with this hash (display hex), if stored.
    virtual std::optional<ShareCursor> block_share(const std::string& block_hash) = 0;

    // Accepted difficulty per miner over the shares after `after` (exclusive; from the start of
    // the log when absent) up to `upto` (inclusive), in (time_ms, id) order: a PROP round.
    virtual Expected<std::vector<MinerDifficulty>> miner_difficulty_between(
        std::optional<ShareCursor> after, ShareCursor upto) = 0;

    // Accepted shares stored after the share with id `after_id` (all when absent), in the order
    // they were stored (ids grow with every append), at most `limit` (1..100000).
    virtual Expected<std::vector<StoredShare>> accepted_shares_after(
        std::optional<int64_t> after_id, int64_t limit) = 0;

    // Prepares storage for shares up to now + the configured days ahead (PostgreSQL creates
    // daily partitions; SQLite has nothing to do). append_shares also does it on demand.
    virtual void ensure_share_storage(int64_t now_ms) = 0;

    // Drops shares and roll-ups older than the configured retention, counted back from now.
    virtual RetentionResult apply_retention(int64_t now_ms) = 0;
};

}  // namespace viddhana::store
