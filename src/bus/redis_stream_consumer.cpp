#include "bus/redis_stream_consumer.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <thread>

#include "bus/event_codec.h"
#include "bus/redis_connection.h"

namespace viddhana::bus {
namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kAckChunk = 1000;

std::string default_consumer_name() {
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') return "ledger";
    return host;
}

struct StreamId {
    uint64_t ms = 0;
    uint64_t seq = 0;
    auto operator<=>(const StreamId&) const = default;
};

bool parse_stream_id(std::string_view s, StreamId& out) {
    auto dash = s.find('-');
    if (dash == std::string_view::npos) return false;
    auto a = std::from_chars(s.data(), s.data() + dash, out.ms);
    auto b = std::from_chars(s.data() + dash + 1, s.data() + s.size(), out.seq);
    return a.ec == std::errc() && a.ptr == s.data() + dash && b.ec == std::errc() &&
           b.ptr == s.data() + s.size();
}

bool is_array(const redisReply* r) {
    return r && r->type == REDIS_REPLY_ARRAY;
}

// The value for `key` in a flat [key, value, key, value...] reply.
const redisReply* field(const redisReply* map, std::string_view key) {
    if (!is_array(map)) return nullptr;
    for (size_t i = 0; i + 1 < map->elements; i += 2) {
        if (reply_text(map->element[i]) == key) return map->element[i + 1];
    }
    return nullptr;
}

bool starts_with(const std::string& s, std::string_view prefix) {
    return s.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

RedisStreamConsumer::RedisStreamConsumer(RedisBusConfig config)
    : config_(std::move(config)),
      consumer_(config_.consumer.empty() ? default_consumer_name() : config_.consumer),
      dead_letter_key_(config_.dead_letter_stream()),
      backoff_(config_.retry_initial) {}

RedisStreamConsumer::~RedisStreamConsumer() = default;

bool RedisStreamConsumer::connected() const {
    return connection_ != nullptr;
}

RedisConsumerStats RedisStreamConsumer::stats() const {
    RedisConsumerStats s = stats_;
    s.connected = connected();
    return s;
}

bool RedisStreamConsumer::ensure_ready() {
    if (!connection_) {
        auto now = Clock::now();
        if (now < next_attempt_) return false;
        auto opened = RedisConnection::open(config_);
        if (!opened) {
            next_attempt_ = now + backoff_;
            backoff_ = std::min(backoff_ * 2, config_.retry_max);
            if (!reported_down_) {
                reported_down_ = true;
                spdlog::warn("event stream: Redis unreachable ({}); retrying",
                             opened.error().message);
            }
            return false;
        }
        connection_ = std::move(*opened);
        backoff_ = config_.retry_initial;
        if (reported_down_) {
            reported_down_ = false;
            spdlog::info("event stream: connected to Redis {} again", describe_server(config_));
        }
        // What this consumer had pending may include entries handed out before the
        // connection broke; those still outstanding are skipped when they come back.
        reading_pending_ = true;
        pending_cursor_ = "0";
        group_ready_ = false;
    }
    if (!group_ready_) {
        auto r = connection_->command(
            {"XGROUP", "CREATE", config_.stream_key, config_.group, "0", "MKSTREAM"});
        if (r) {
            spdlog::info("event stream: created consumer group {} on {}", config_.group,
                         config_.stream_key);
        } else if (!starts_with(r.error().message, "BUSYGROUP")) {
            handle_error(r.error());
            return false;
        }
        group_ready_ = true;
        reading_pending_ = true;
        pending_cursor_ = "0";
    }
    return true;
}

void RedisStreamConsumer::disconnect(const std::string& why) {
    connection_.reset();
    group_ready_ = false;
    next_attempt_ = Clock::now() + backoff_;
    backoff_ = std::min(backoff_ * 2, config_.retry_max);
    if (!reported_down_) {
        reported_down_ = true;
        spdlog::warn("event stream: lost Redis {} ({}); retrying", describe_server(config_), why);
    }
}

void RedisStreamConsumer::handle_error(const Error& e) {
    if (starts_with(e.message, "NOGROUP")) {
        // The stream or the group vanished (a Redis restart without persistence): recreate.
        spdlog::warn("event stream: group {} missing on {}; recreating it", config_.group,
                     config_.stream_key);
        group_ready_ = false;
        return;
    }
    if (connection_ && !connection_->broken()) {
        // An error reply on a sound connection: report it, and back off as for an outage.
        spdlog::error("event stream: Redis error: {}", e.message);
    }
    disconnect(e.message);
}

size_t RedisStreamConsumer::poll(EventBatch& out, std::vector<EntryId>& ids,
                                 std::chrono::milliseconds timeout) {
    const size_t before = ids.size();
    auto taken = [&] { return ids.size() - before; };
    auto deadline = Clock::now() + timeout;
    for (bool first = true;; first = false) {
        // Entries taken before a failure are the caller's: return them.
        if (taken() > 0) return taken();
        auto now = Clock::now();
        if (!first && now >= deadline) return 0;
        if (!ensure_ready()) {
            if (now >= deadline) return 0;
            // Waiting out the backoff within the caller's timeout.
            auto until =
                std::min(deadline, std::max(next_attempt_, now + std::chrono::milliseconds(1)));
            std::this_thread::sleep_until(until);
            continue;
        }
        flush_acks();
        if (!connection_) continue;

        if (reading_pending_) {
            auto n = read_group(pending_cursor_, std::chrono::milliseconds(-1), out, ids);
            if (!n) {
                handle_error(n.error());
                continue;
            }
            if (taken() > 0 || reading_pending_) continue;
            // The pending list is exhausted: on to claims and new entries.
        }

        if (config_.claim_min_idle.count() > 0 && now >= next_claim_) {
            auto n = claim(out, ids);
            if (!n) {
                handle_error(n.error());
                continue;
            }
            if (*n > 0) return taken();
        }

        if (config_.trim_interval.count() > 0 && now >= next_trim_) {
            next_trim_ = now + config_.trim_interval;
            auto trimmed = trim_acknowledged();
            if (!trimmed) {
                spdlog::warn("event stream: trim failed: {}", trimmed.error().message);
                if (!connection_) continue;
            }
        }

        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        // BLOCK 0 would wait forever: at least 1 ms.
        auto block = std::max(left, std::chrono::milliseconds(1));
        auto n = read_group(">", block, out, ids);
        if (!n) {
            handle_error(n.error());
            continue;
        }
        if (taken() > 0 || Clock::now() >= deadline) return taken();
    }
}

Expected<size_t> RedisStreamConsumer::read_group(const std::string& id,
                                                 std::chrono::milliseconds block, EventBatch& out,
                                                 std::vector<EntryId>& ids) {
    std::string count = std::to_string(std::max<size_t>(1, config_.read_count));
    std::vector<std::string_view> args{"XREADGROUP", "GROUP", config_.group,
                                       consumer_,    "COUNT", count};
    std::string block_ms;
    if (block.count() >= 0) {
        block_ms = std::to_string(block.count());
        args.push_back("BLOCK");
        args.push_back(block_ms);
        connection_->set_timeout(block + config_.command_timeout);
    }
    args.push_back("STREAMS");
    args.push_back(config_.stream_key);
    args.push_back(id);
    auto reply = connection_->command(args);
    if (block.count() >= 0 && connection_ && !connection_->broken()) {
        connection_->set_timeout(config_.command_timeout);
    }
    if (!reply) return reply.error();
    const redisReply* r = reply->get();
    if (r->type == REDIS_REPLY_NIL) return size_t{0};  // BLOCK timed out
    if (!is_array(r) || r->elements != 1 || !is_array(r->element[0]) ||
        r->element[0]->elements != 2 || !is_array(r->element[0]->element[1])) {
        return make_error("unexpected XREADGROUP reply");
    }
    const redisReply* entries = r->element[0]->element[1];
    bool pending = id != ">";
    if (pending && entries->elements == 0) {
        reading_pending_ = false;  // the pending list is exhausted
        return size_t{0};
    }
    size_t taken = 0;
    for (size_t i = 0; i < entries->elements; ++i) {
        const redisReply* e = entries->element[i];
        if (pending && is_array(e) && e->elements >= 1) {
            pending_cursor_ = std::string(reply_text(e->element[0]));
        }
        auto took = take_entry(e, pending, out, ids);
        if (!took) return took.error();
        if (*took) ++taken;
    }
    return taken;
}

Expected<size_t> RedisStreamConsumer::claim(EventBatch& out, std::vector<EntryId>& ids) {
    std::string idle = std::to_string(config_.claim_min_idle.count());
    std::string count = std::to_string(std::max<size_t>(1, config_.read_count));
    auto reply = connection_->command({"XAUTOCLAIM", config_.stream_key, config_.group, consumer_,
                                       idle, claim_cursor_, "COUNT", count});
    if (!reply) return reply.error();
    const redisReply* r = reply->get();
    if (!is_array(r) || r->elements < 2 || !is_array(r->element[1])) {
        return make_error("unexpected XAUTOCLAIM reply");
    }
    claim_cursor_ = std::string(reply_text(r->element[0]));
    if (claim_cursor_ == "0-0") next_claim_ = Clock::now() + config_.claim_interval;
    size_t taken = 0;
    const redisReply* entries = r->element[1];
    for (size_t i = 0; i < entries->elements; ++i) {
        const redisReply* e = entries->element[i];
        if (is_array(e) && e->elements >= 1 &&
            outstanding_.count(std::string(reply_text(e->element[0])))) {
            continue;  // ours, handed out and not yet acknowledged
        }
        auto took = take_entry(e, true, out, ids);
        if (!took) return took.error();
        if (*took) {
            ++taken;
            ++stats_.claimed;
        }
    }
    if (taken > 0) {
        spdlog::info("event stream: claimed {} entries idle for over {} ms", taken,
                     config_.claim_min_idle.count());
    }
    return taken;
}

Expected<bool> RedisStreamConsumer::take_entry(const redisReply* entry, bool redelivered,
                                               EventBatch& out, std::vector<EntryId>& ids) {
    if (!is_array(entry) || entry->elements != 2) return make_error("unexpected stream entry");
    std::string id(reply_text(entry->element[0]));
    const redisReply* fields = entry->element[1];
    if (outstanding_.count(id)) return false;  // already handed out by this process
    if (!is_array(fields)) {
        // Pending, but the entry itself is gone (trimmed or deleted): nothing to deliver.
        spdlog::warn("event stream: pending entry {} no longer exists; acknowledging it", id);
        auto r = connection_->command({"XACK", config_.stream_key, config_.group, id});
        if (!r) return r.error();
        return false;
    }
    const redisReply* data = field(fields, "d");
    if (!data || data->type != REDIS_REPLY_STRING) {
        return dead_letter(id, fields, "entry has no 'd' field");
    }
    auto batch = decode_events(reply_text(data));
    if (!batch) return dead_letter(id, fields, batch.error().message);

    if (out.empty()) {
        out = std::move(*batch);
    } else {
        std::move(batch->shares.begin(), batch->shares.end(), std::back_inserter(out.shares));
        std::move(batch->blocks.begin(), batch->blocks.end(), std::back_inserter(out.blocks));
    }
    ids.push_back(id);
    outstanding_.insert(std::move(id));
    ++stats_.entries;
    if (redelivered) ++stats_.redelivered;
    return true;
}

Expected<bool> RedisStreamConsumer::dead_letter(const std::string& id, const redisReply* fields,
                                                const std::string& error) {
    std::vector<std::string_view> args{
        "XADD", dead_letter_key_, "*",  "source_stream", config_.stream_key, "source_id",
        id,     "error",          error};
    for (size_t i = 0; i + 1 < fields->elements; i += 2) {
        args.push_back(reply_text(fields->element[i]));
        args.push_back(reply_text(fields->element[i + 1]));
    }
    auto added = connection_->command(args);
    if (!added) return added.error();
    auto acked = connection_->command({"XACK", config_.stream_key, config_.group, id});
    if (!acked) return acked.error();
    ++stats_.dead_lettered;
    spdlog::error("event stream: entry {} of {} is malformed ({}); moved to {}", id,
                  config_.stream_key, error, dead_letter_key_);
    return false;
}

void RedisStreamConsumer::ack(const std::vector<EntryId>& ids) {
    for (const auto& id : ids) {
        outstanding_.erase(id);
        unsent_acks_.push_back(id);
    }
    if (unsent_acks_.empty()) return;
    if (ensure_ready()) flush_acks();
}

bool RedisStreamConsumer::flush_acks() {
    while (!unsent_acks_.empty() && connection_) {
        size_t n = std::min(kAckChunk, unsent_acks_.size());
        std::vector<std::string_view> args{"XACK", config_.stream_key, config_.group};
        for (size_t i = 0; i < n; ++i)
            args.push_back(unsent_acks_[i]);
        auto r = connection_->command(args);
        if (!r) {
            handle_error(r.error());
            return false;
        }
        stats_.acknowledged += n;
        unsent_acks_.erase(unsent_acks_.begin(), unsent_acks_.begin() + static_cast<ptrdiff_t>(n));
    }
    return unsent_acks_.empty();
}

Expected<int64_t> RedisStreamConsumer::trim_acknowledged() {
    if (!ensure_ready()) return make_error("Redis unreachable");
    auto n = trim_below_groups();
    if (!n && connection_ && connection_->broken()) disconnect(n.error().message);
    return n;
}

Expected<int64_t> RedisStreamConsumer::trim_below_groups() {
    auto groups = connection_->command({"XINFO", "GROUPS", config_.stream_key});
    if (!groups) return groups.error();
    const redisReply* list = groups->get();
    if (!is_array(list) || list->elements == 0) return int64_t{0};
    StreamId keep_from{UINT64_MAX, UINT64_MAX};
    for (size_t g = 0; g < list->elements; ++g) {
        const redisReply* info = list->element[g];
        const redisReply* name = field(info, "name");
        const redisReply* pending = field(info, "pending");
        const redisReply* last = field(info, "last-delivered-id");
        if (!name || !pending || !last) return make_error("unexpected XINFO GROUPS reply");
        StreamId candidate;
        if (pending->integer > 0) {
            auto summary = connection_->command(
                {"XPENDING", config_.stream_key, std::string(reply_text(name))});
            if (!summary) return summary.error();
            const redisReply* s = summary->get();
            if (!is_array(s) || s->elements < 2 ||
                !parse_stream_id(reply_text(s->element[1]), candidate)) {
                return make_error("unexpected XPENDING reply");
            }
        } else if (!parse_stream_id(reply_text(last), candidate)) {
            return make_error("unexpected last-delivered-id");
        }
        keep_from = std::min(keep_from, candidate);
    }
    if (keep_from.ms == 0 && keep_from.seq == 0) return int64_t{0};
    std::string minid = std::to_string(keep_from.ms) + "-" + std::to_string(keep_from.seq);
    auto trimmed = connection_->command({"XTRIM", config_.stream_key, "MINID", minid});
    if (!trimmed) return trimmed.error();
    int64_t n = (*trimmed)->integer;
    stats_.trimmed += static_cast<uint64_t>(n);
    return n;
}

RedisStreamSubscription::RedisStreamSubscription(RedisBusConfig config)
    : consumer_(std::move(config)) {}

bool RedisStreamSubscription::poll(EventBatch& out, std::chrono::milliseconds timeout) {
    consumer_.ack(last_ids_);
    last_ids_.clear();
    consumer_.poll(out, last_ids_, timeout);
    return true;
}

}  // namespace viddhana::bus
