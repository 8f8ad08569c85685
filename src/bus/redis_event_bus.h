// The event bus across processes, publishing side: a Stratum node's share and block events go
// to a Redis stream, one entry per batch (event_codec.h), for the ledger's consumer group
// (redis_stream_consumer.h) to read.
//
// publish() never waits for Redis: it queues the batch under a short lock and returns (under
// load without a system call: the thread, lingering, collects new batches every 2 ms). A
// dedicated thread with its own connection encodes the queue into entries and XADDs them,
// pipelined, in publish order. When Redis is unreachable (or answers with an error) the thread
// keeps the entries, retries with exponential backoff, logs once per state change, and moves
// them to the spool file (redis_spool.h) so that they survive a crash of this process; the
// spool is replayed first, in order, on start and after reconnection. Delivery is
// at-least-once: an entry whose XADD reply was lost with the connection is sent again, and
// consumers de-duplicate by (node_id, sequence).
//
// Entry fields: "node" = the publisher's node_id (decimal, for operators), "d" = the encoded
// batch. The stream is not trimmed on publish by default (see RedisBusConfig::max_stream_length):
// trimming with MAXLEN removes entries whether or not the ledger has read them.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <variant>
#include <vector>

#include "bus/event_bus.h"
#include "bus/redis_config.h"

namespace viddhana::bus {

class PublishSpool;
class RedisConnection;

struct RedisPublisherStats {
    bool connected = false;
    size_t backlog_entries = 0;  // entries not yet in Redis, in memory and in the spool
    size_t spooled_entries = 0;  // of which on disk
    size_t backlog_events = 0;   // events of this process not yet in Redis (queued or encoded)
    size_t queued_batches = 0;   // publish() calls the thread has not taken yet
    // publish() calls (counted from the first) whose events are all in Redis or in the spool
    // file: what a crash of this process can no longer lose.
    uint64_t durable_batches = 0;
    uint64_t delivered_entries = 0;
    uint64_t delivered_events = 0;
    uint64_t connections = 0;          // successful connects, the first one included
    uint64_t dropped_after_close = 0;  // events published after close()
    uint64_t spool_truncated_bytes = 0;
};

class RedisEventBus final : public EventBus {
  public:
    // Opens the spool (when config.spool_path is set; throws what PublishSpool throws) and
    // starts the publisher thread, which connects in the background.
    explicit RedisEventBus(RedisBusConfig config);
    ~RedisEventBus() override;
    RedisEventBus(const RedisEventBus&) = delete;
    RedisEventBus& operator=(const RedisEventBus&) = delete;

    void publish(std::vector<ShareEvent>&& shares) override;
    void publish(FoundBlock&& block) override;
    // A consumer-group reader of the same stream (group and consumer from the config) that
    // acknowledges a poll's entries when the next poll starts. The ledger, which must
    // acknowledge only after its commit, uses RedisStreamConsumer directly.
    std::unique_ptr<EventSubscription> subscribe() override;
    // Stops accepting events, delivers the backlog for up to config.close_timeout, spools what
    // is left, and stops the thread.
    void close() override;

    // Waits until every event published before the call is in Redis; false on timeout.
    bool flush(std::chrono::milliseconds timeout);

    bool connected() const { return connected_.load(std::memory_order_relaxed); }
    // Events published by this process and not yet in Redis.
    size_t backlog() const;
    RedisPublisherStats stats() const;

  private:
    struct Entry {
        std::string payload;
        uint64_t last_ticket = 0;  // the newest publish() call this entry completes (0: none)
        uint32_t events = 0;
    };
    struct Meta {
        uint64_t last_ticket;
        uint32_t events;
    };
    using Queued = std::variant<std::vector<ShareEvent>, FoundBlock>;

    void run();
    void encode(std::deque<std::pair<uint64_t, Queued>>&& batches);
    bool ensure_connected();
    void disconnect(const std::string& why);
    bool deliver_spool();
    bool deliver_memory();
    // XADDs the payloads; returns how many reached Redis in order (all of them on success).
    size_t xadd(const std::vector<std::string_view>& payloads, std::string& error);
    void spool_memory();
    void delivered(const Meta& meta);
    void update_gauges();

    const RedisBusConfig config_;
    const std::string node_field_;

    // Shared with publish().
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::pair<uint64_t, Queued>> incoming_;
    uint64_t next_ticket_ = 1;
    size_t incoming_events_ = 0;
    bool closing_ = false;
    bool sleeping_ = false;  // the thread waits until notified (not lingering)

    // Owned by the publisher thread.
    std::unique_ptr<RedisConnection> connection_;
    std::unique_ptr<PublishSpool> spool_;
    std::deque<Meta> spool_meta_;  // per undelivered spool entry, oldest first
    std::deque<Entry> memory_;     // undelivered entries not in the spool; newer than the spool's
    size_t memory_events_ = 0;
    std::chrono::milliseconds backoff_;
    std::chrono::steady_clock::time_point next_attempt_{};
    std::chrono::steady_clock::time_point next_spool_{};
    bool reported_down_ = false;
    bool reported_spool_error_ = false;

    // Published for stats() and flush().
    std::atomic<bool> connected_{false};
    std::atomic<size_t> backlog_entries_{0};
    std::atomic<size_t> spooled_entries_{0};
    std::atomic<size_t> encoded_events_{0};
    std::atomic<uint64_t> delivered_entries_{0};
    std::atomic<uint64_t> delivered_events_{0};
    std::atomic<uint64_t> connections_{0};
    std::atomic<uint64_t> dropped_after_close_{0};
    std::atomic<uint64_t> durable_ticket_{0};
    uint64_t truncated_bytes_ = 0;
    std::mutex delivered_mutex_;
    std::condition_variable delivered_cv_;
    uint64_t delivered_ticket_ = 0;

    std::thread thread_;
    std::once_flag close_once_;
};

}  // namespace viddhana::bus
