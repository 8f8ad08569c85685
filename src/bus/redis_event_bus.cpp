#include "bus/redis_event_bus.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "bus/event_codec.h"
#include "bus/redis_connection.h"
#include "bus/redis_spool.h"
#include "bus/redis_stream_consumer.h"

namespace viddhana::bus {
namespace {

using Clock = std::chrono::steady_clock;

// During an outage the thread moves new entries to the spool this often: the window in which
// a crash can lose events that publish() accepted.
constexpr std::chrono::milliseconds kSpoolInterval{100};
// While batches keep coming the thread looks for them every kLinger instead of being woken by
// publish(): a wake-up costs the Stratum thread a system call and, on a busy machine, often a
// context switch (the woken thread preempts it) while it holds its publish lock. A batch may
// wait up to kLinger for that. After kIdleBeforeSleep without batches the thread sleeps until
// publish() wakes it.
constexpr std::chrono::milliseconds kLinger{2};
constexpr std::chrono::milliseconds kIdleBeforeSleep{200};
// Pipelines per loop turn while a backlog drains, so new batches keep being encoded.
constexpr int kPipelinesPerTurn = 16;
constexpr size_t kMaxPipelineBytes = 8u << 20;

}  // namespace

RedisEventBus::RedisEventBus(RedisBusConfig config)
    : config_(std::move(config)),
      node_field_(std::to_string(config_.node_id)),
      backoff_(config_.retry_initial) {
    if (!config_.spool_path.empty()) {
        spool_ = std::make_unique<PublishSpool>(config_.spool_path);
        truncated_bytes_ = spool_->truncated_bytes();
        if (truncated_bytes_ > 0) {
            spdlog::warn("event spool {}: cut off a damaged tail of {} bytes", config_.spool_path,
                         truncated_bytes_);
        }
        if (!spool_->empty()) {
            spdlog::info("event spool {}: {} entries from an earlier run go to Redis first",
                         config_.spool_path, spool_->undelivered());
        }
        spool_meta_.assign(spool_->undelivered(), Meta{0, 0});
    }
    update_gauges();
    thread_ = std::thread([this] { run(); });
}

RedisEventBus::~RedisEventBus() {
    close();
}

void RedisEventBus::publish(std::vector<ShareEvent>&& shares) {
    if (shares.empty()) return;
    bool wake;
    {
        std::lock_guard lock(mutex_);
        if (closing_) {
            dropped_after_close_.fetch_add(shares.size(), std::memory_order_relaxed);
            return;
        }
        incoming_events_ += shares.size();
        incoming_.emplace_back(next_ticket_++, std::move(shares));
        // Under load the thread collects batches without being told (see kLinger).
        wake = sleeping_ || incoming_events_ >= config_.max_events_per_entry;
        if (wake) sleeping_ = false;
    }
    if (wake) wake_.notify_one();
}

void RedisEventBus::publish(FoundBlock&& block) {
    {
        std::lock_guard lock(mutex_);
        if (closing_) {
            dropped_after_close_.fetch_add(1, std::memory_order_relaxed);
            return;
        }
        incoming_events_ += 1;
        incoming_.emplace_back(next_ticket_++, std::move(block));
    }
    wake_.notify_one();
}

std::unique_ptr<EventSubscription> RedisEventBus::subscribe() {
    return std::make_unique<RedisStreamSubscription>(config_);
}

void RedisEventBus::close() {
    std::call_once(close_once_, [this] {
        {
            std::lock_guard lock(mutex_);
            closing_ = true;
        }
        wake_.notify_one();
        if (thread_.joinable()) thread_.join();
        uint64_t dropped = dropped_after_close_.load();
        if (dropped > 0) spdlog::warn("event bus: {} events published after close", dropped);
    });
}

bool RedisEventBus::flush(std::chrono::milliseconds timeout) {
    uint64_t target;
    {
        std::lock_guard lock(mutex_);
        target = next_ticket_ - 1;
    }
    std::unique_lock lock(delivered_mutex_);
    return delivered_cv_.wait_for(lock, timeout, [&] { return delivered_ticket_ >= target; });
}

size_t RedisEventBus::backlog() const {
    std::lock_guard lock(mutex_);
    return incoming_events_ + encoded_events_.load(std::memory_order_relaxed);
}

RedisPublisherStats RedisEventBus::stats() const {
    RedisPublisherStats s;
    s.connected = connected_.load();
    s.backlog_entries = backlog_entries_.load();
    s.spooled_entries = spooled_entries_.load();
    {
        std::lock_guard lock(mutex_);
        s.backlog_events = incoming_events_ + encoded_events_.load(std::memory_order_relaxed);
        s.queued_batches = incoming_.size();
    }
    s.delivered_entries = delivered_entries_.load();
    s.delivered_events = delivered_events_.load();
    s.connections = connections_.load();
    s.dropped_after_close = dropped_after_close_.load();
    s.spool_truncated_bytes = truncated_bytes_;
    s.durable_batches = durable_ticket_.load();
    return s;
}

void RedisEventBus::run() {
    for (;;) {
        std::deque<std::pair<uint64_t, Queued>> batches;
        bool stopping;
        {
            std::unique_lock lock(mutex_);
            bool backlog = !memory_.empty() || (spool_ && !spool_->empty());
            if (connection_) {
                auto ready = [&] { return closing_ || !incoming_.empty(); };
                if (!backlog && !ready()) {
                    // Look for new batches every kLinger; sleep until told only when none came
                    // for kIdleBeforeSleep.
                    auto sleep_at = Clock::now() + kIdleBeforeSleep;
                    while (!wake_.wait_for(lock, kLinger, ready)) {
                        if (Clock::now() >= sleep_at) {
                            sleeping_ = true;
                            wake_.wait(lock, ready);
                            sleeping_ = false;
                            break;
                        }
                    }
                }
            } else {
                auto until = std::min(next_attempt_, Clock::now() + kSpoolInterval);
                wake_.wait_until(lock, until, [&] { return closing_; });
            }
            batches.swap(incoming_);
            encoded_events_.fetch_add(incoming_events_, std::memory_order_relaxed);
            incoming_events_ = 0;
            stopping = closing_;
        }
        encode(std::move(batches));
        if (stopping) break;

        if (!connection_) ensure_connected();
        if (connection_) {
            if (deliver_spool()) deliver_memory();
        }
        if (!connection_) spool_memory();
        update_gauges();
    }

    // Closing: one more chance to deliver, then keep what is left on disk.
    auto deadline = Clock::now() + config_.close_timeout;
    if (!connection_) {
        next_attempt_ = Clock::now();
        ensure_connected();
    }
    while (connection_ && (!memory_.empty() || (spool_ && !spool_->empty())) &&
           Clock::now() < deadline) {
        if (deliver_spool()) deliver_memory();
    }
    spool_memory();
    update_gauges();
    if (!memory_.empty()) {
        spdlog::error(
            "event bus: closing with {} events ({} entries) that reached neither Redis "
            "nor a spool",
            memory_events_, memory_.size());
    } else if (spool_ && !spool_->empty()) {
        spdlog::warn(
            "event bus: closing with {} entries in the spool {}; they go to Redis on the "
            "next start",
            spool_->undelivered(), config_.spool_path);
    }
    connection_.reset();
    connected_ = false;
}

void RedisEventBus::encode(std::deque<std::pair<uint64_t, Queued>>&& batches) {
    const size_t max_events = std::max<size_t>(1, config_.max_events_per_entry);
    std::vector<ShareEvent> shares;
    std::vector<FoundBlock> blocks;
    uint64_t last_ticket = 0;
    auto finish_entry = [&] {
        if (shares.empty() && blocks.empty()) return;
        Entry e;
        e.payload = encode_events(shares, blocks);
        e.last_ticket = last_ticket;
        e.events = static_cast<uint32_t>(shares.size() + blocks.size());
        memory_events_ += e.events;
        memory_.push_back(std::move(e));
        shares.clear();
        blocks.clear();
        last_ticket = 0;
    };
    for (auto& [ticket, queued] : batches) {
        if (auto* block = std::get_if<FoundBlock>(&queued)) {
            blocks.push_back(std::move(*block));
            last_ticket = ticket;
            if (shares.size() + blocks.size() >= max_events) finish_entry();
            continue;
        }
        auto& batch = std::get<std::vector<ShareEvent>>(queued);
        if (shares.empty() && blocks.empty() && batch.size() <= max_events) {
            shares = std::move(batch);
            last_ticket = ticket;
            if (shares.size() >= max_events) finish_entry();
            continue;
        }
        size_t i = 0;
        while (i < batch.size()) {
            size_t room = max_events - (shares.size() + blocks.size());
            size_t take = std::min(room, batch.size() - i);
            std::move(batch.begin() + static_cast<ptrdiff_t>(i),
                      batch.begin() + static_cast<ptrdiff_t>(i + take), std::back_inserter(shares));
            i += take;
            if (i == batch.size()) last_ticket = ticket;
            if (shares.size() + blocks.size() >= max_events) finish_entry();
        }
    }
    finish_entry();
}

bool RedisEventBus::ensure_connected() {
    if (connection_) return true;
    auto now = Clock::now();
    if (now < next_attempt_) return false;
    auto opened = RedisConnection::open(config_);
    if (!opened) {
        next_attempt_ = now + backoff_;
        backoff_ = std::min(backoff_ * 2, config_.retry_max);
        if (!reported_down_) {
            reported_down_ = true;
            spdlog::warn("event bus: Redis unreachable ({}); keeping events{} and retrying",
                         opened.error().message,
                         spool_ ? " in the spool " + config_.spool_path : " in memory");
        }
        return false;
    }
    connection_ = std::move(*opened);
    connected_ = true;
    connections_.fetch_add(1);
    backoff_ = config_.retry_initial;
    size_t backlog = memory_.size() + (spool_ ? spool_->undelivered() : 0);
    if (reported_down_) {
        reported_down_ = false;
        spdlog::info("event bus: connected to Redis {} again; delivering {} backlog entries",
                     describe_server(config_), backlog);
    } else {
        spdlog::info("event bus: publishing to Redis {} stream {}", describe_server(config_),
                     config_.stream_key);
    }
    return true;
}

void RedisEventBus::disconnect(const std::string& why) {
    connection_.reset();
    connected_ = false;
    next_attempt_ = Clock::now() + backoff_;
    backoff_ = std::min(backoff_ * 2, config_.retry_max);
    if (!reported_down_) {
        reported_down_ = true;
        spdlog::warn("event bus: lost Redis {} ({}); keeping {} entries{} and retrying",
                     describe_server(config_), why, memory_.size(),
                     spool_ ? " in the spool " + config_.spool_path : " in memory");
    }
}

size_t RedisEventBus::xadd(const std::vector<std::string_view>& payloads, std::string& error) {
    std::string maxlen = std::to_string(config_.max_stream_length);
    for (auto payload : payloads) {
        if (config_.max_stream_length > 0) {
            connection_->append({"XADD", config_.stream_key, "MAXLEN", "~", maxlen, "*", "node",
                                 node_field_, "d", payload});
        } else {
            connection_->append(
                {"XADD", config_.stream_key, "*", "node", node_field_, "d", payload});
        }
    }
    for (size_t i = 0; i < payloads.size(); ++i) {
        auto reply = connection_->reply();
        if (!reply) {
            error = reply.error().message;
            return i;
        }
        if ((*reply)->type != REDIS_REPLY_STRING) {
            // Entries after this one may have been added: they are sent again (at-least-once).
            error = (*reply)->type == REDIS_REPLY_ERROR ? std::string(reply_text(reply->get()))
                                                        : "unexpected XADD reply";
            return i;
        }
    }
    return payloads.size();
}

void RedisEventBus::delivered(const Meta& meta) {
    delivered_entries_.fetch_add(1, std::memory_order_relaxed);
    delivered_events_.fetch_add(meta.events, std::memory_order_relaxed);
    encoded_events_.fetch_sub(meta.events, std::memory_order_relaxed);
    if (meta.last_ticket == 0) return;
    if (durable_ticket_.load(std::memory_order_relaxed) < meta.last_ticket) {
        durable_ticket_.store(meta.last_ticket);
    }
    {
        std::lock_guard lock(delivered_mutex_);
        delivered_ticket_ = std::max(delivered_ticket_, meta.last_ticket);
    }
    delivered_cv_.notify_all();
}

bool RedisEventBus::deliver_spool() {
    if (!spool_) return true;
    for (int turn = 0; turn < kPipelinesPerTurn && connection_ && !spool_->empty(); ++turn) {
        std::vector<std::string> payloads;
        try {
            payloads = spool_->peek(config_.max_entries_per_pipeline, kMaxPipelineBytes);
        } catch (const std::exception& e) {
            // Back off as for an outage rather than spin; newer entries wait behind these.
            spdlog::error("event bus: cannot read the spool {}: {}", config_.spool_path, e.what());
            disconnect(std::string("spool unreadable: ") + e.what());
            return false;
        }
        std::vector<std::string_view> views(payloads.begin(), payloads.end());
        std::string error;
        size_t sent = xadd(views, error);
        if (sent > 0) {
            try {
                spool_->mark_delivered(sent);
            } catch (const std::exception& e) {
                // The entries are in Redis; a restart would send them again (duplicates only).
                if (!reported_spool_error_) {
                    reported_spool_error_ = true;
                    spdlog::error("event bus: cannot mark spool delivery: {}", e.what());
                }
            }
            for (size_t i = 0; i < sent; ++i) {
                delivered(spool_meta_.front());
                spool_meta_.pop_front();
            }
        }
        if (sent < payloads.size()) {
            disconnect(error);
            return false;
        }
    }
    return spool_->empty();
}

bool RedisEventBus::deliver_memory() {
    for (int turn = 0; turn < kPipelinesPerTurn && connection_ && !memory_.empty(); ++turn) {
        std::vector<std::string_view> views;
        size_t bytes = 0;
        for (const auto& e : memory_) {
            if (views.size() >= std::max<size_t>(1, config_.max_entries_per_pipeline)) break;
            if (!views.empty() && bytes + e.payload.size() > kMaxPipelineBytes) break;
            views.push_back(e.payload);
            bytes += e.payload.size();
        }
        std::string error;
        size_t sent = xadd(views, error);
        for (size_t i = 0; i < sent; ++i) {
            delivered(Meta{memory_.front().last_ticket, memory_.front().events});
            memory_events_ -= memory_.front().events;
            memory_.pop_front();
        }
        if (sent < views.size()) {
            disconnect(error);
            return false;
        }
    }
    return memory_.empty();
}

void RedisEventBus::spool_memory() {
    if (!spool_ || memory_.empty()) return;
    std::vector<std::string_view> views;
    views.reserve(memory_.size());
    for (const auto& e : memory_)
        views.push_back(e.payload);
    try {
        spool_->append(views);
    } catch (const std::exception& e) {
        if (!reported_spool_error_) {
            reported_spool_error_ = true;
            spdlog::error("event bus: cannot spool {} entries ({}); keeping them in memory",
                          memory_.size(), e.what());
        }
        return;
    }
    if (reported_spool_error_) {
        reported_spool_error_ = false;
        spdlog::info("event bus: spooling to {} works again", config_.spool_path);
    }
    for (const auto& e : memory_) {
        spool_meta_.push_back(Meta{e.last_ticket, e.events});
        if (e.last_ticket > durable_ticket_.load(std::memory_order_relaxed)) {
            durable_ticket_.store(e.last_ticket);
        }
    }
    memory_events_ = 0;
    memory_.clear();
}

void RedisEventBus::update_gauges() {
    size_t spooled = spool_ ? spool_->undelivered() : 0;
    spooled_entries_.store(spooled, std::memory_order_relaxed);
    backlog_entries_.store(spooled + memory_.size(), std::memory_order_relaxed);
}

}  // namespace viddhana::bus
