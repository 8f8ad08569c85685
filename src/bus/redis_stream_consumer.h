// The event bus across processes, consuming side: the ledger reads the stream that Stratum
// nodes publish to (redis_event_bus.h) through a consumer group, and acknowledges an entry only
// after it committed the entry's events. The loop is
//
//     consumer.poll(batch, ids, timeout);   // events appended to batch, entry ids to ids
//     commit(batch);                        // the ledger's transaction
//     consumer.ack(ids);                    // XACK: Redis forgets them for this group
//
// so an entry delivered but never acknowledged (the ledger crashed before its commit) is
// delivered again. poll() returns, in this order: the entries this consumer name had pending
// before (XREADGROUP ... 0: a restart picks up where the last run stopped), entries other
// consumers left unacknowledged for claim_min_idle (XAUTOCLAIM: a dead ledger's work), then new
// entries (XREADGROUP ... > with BLOCK). Delivery is at-least-once: de-duplicate by
// (node_id, sequence).
//
// An entry that cannot be decoded is moved to the dead-letter stream (its fields, plus
// "source_id" and "error") and acknowledged, with an error log: it never stops the stream.
// Redis being unreachable is not an error for the caller: poll() logs once per state change,
// retries with backoff and returns nothing until its timeout. The group is created (MKSTREAM,
// from the start of the stream) when missing, also after a Redis restart that lost it.
// Not thread-safe: one owner thread.
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "base/expected.h"
#include "bus/event_bus.h"
#include "bus/redis_config.h"

struct redisReply;

namespace viddhana::bus {

class RedisConnection;

// A stream entry id, "<ms>-<seq>".
using EntryId = std::string;

struct RedisConsumerStats {
    bool connected = false;
    uint64_t entries = 0;      // entries handed to the caller
    uint64_t redelivered = 0;  // of which came from a pending list (this consumer's or claimed)
    uint64_t claimed = 0;      // of which were claimed from other consumers
    uint64_t acknowledged = 0;
    uint64_t dead_lettered = 0;
    uint64_t trimmed = 0;  // entries removed by trim_acknowledged()
};

class RedisStreamConsumer {
  public:
    // No I/O here: the first poll() connects and creates the group.
    explicit RedisStreamConsumer(RedisBusConfig config);
    ~RedisStreamConsumer();
    RedisStreamConsumer(const RedisStreamConsumer&) = delete;
    RedisStreamConsumer& operator=(const RedisStreamConsumer&) = delete;

    // Waits up to `timeout` for entries; appends their events to `out` and their ids to `ids`.
    // Returns the number of entries appended (0 on timeout or while Redis is unreachable).
    size_t poll(EventBatch& out, std::vector<EntryId>& ids, std::chrono::milliseconds timeout);

    // Acknowledges entries whose events the caller committed. Ids that cannot be acknowledged
    // now (Redis down) are retried by later calls.
    void ack(const std::vector<EntryId>& ids);

    // Removes the entries that every group of the stream has acknowledged (below each group's
    // oldest pending entry and last delivered one). poll() calls it every trim_interval.
    // Returns the number of entries removed.
    Expected<int64_t> trim_acknowledged();

    bool connected() const;
    const std::string& consumer_name() const { return consumer_; }
    // Entries handed out and not yet acknowledged.
    size_t outstanding() const { return outstanding_.size(); }
    RedisConsumerStats stats() const;

  private:
    bool ensure_ready();
    void disconnect(const std::string& why);
    // One XREADGROUP; returns entries appended, or an Error (connection problem or NOGROUP).
    Expected<size_t> read_group(const std::string& id, std::chrono::milliseconds block,
                                EventBatch& out, std::vector<EntryId>& ids);
    Expected<size_t> claim(EventBatch& out, std::vector<EntryId>& ids);
    // Hands one entry to the caller, or moves it to the dead-letter stream.
    Expected<bool> take_entry(const redisReply* entry, bool redelivered, EventBatch& out,
                              std::vector<EntryId>& ids);
    Expected<bool> dead_letter(const std::string& id, const redisReply* fields,
                               const std::string& error);
    Expected<int64_t> trim_below_groups();
    bool flush_acks();
    void handle_error(const Error& e);

    const RedisBusConfig config_;
    const std::string consumer_;
    const std::string dead_letter_key_;

    std::unique_ptr<RedisConnection> connection_;
    bool group_ready_ = false;
    bool reading_pending_ = true;
    std::string pending_cursor_ = "0";
    std::string claim_cursor_ = "0-0";
    std::chrono::steady_clock::time_point next_claim_{};
    std::chrono::steady_clock::time_point next_trim_{};
    std::chrono::steady_clock::time_point next_attempt_{};
    std::chrono::milliseconds backoff_;
    bool reported_down_ = false;

    std::unordered_set<std::string> outstanding_;
    std::vector<EntryId> unsent_acks_;
    RedisConsumerStats stats_;
};

// EventSubscription over a RedisStreamConsumer: a poll acknowledges the previous poll's entries
// (the caller handled them before asking for more). What RedisEventBus::subscribe() returns.
class RedisStreamSubscription final : public EventSubscription {
  public:
    explicit RedisStreamSubscription(RedisBusConfig config);
    bool poll(EventBatch& out, std::chrono::milliseconds timeout) override;
    RedisStreamConsumer& consumer() { return consumer_; }

  private:
    RedisStreamConsumer consumer_;
    std::vector<EntryId> last_ids_;
};

}  // namespace viddhana::bus
