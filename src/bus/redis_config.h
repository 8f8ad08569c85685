// Where the Redis event bus lives and how it behaves: the server (the app's redis.host, port,
// password and db), the stream, the consumer group, the publisher's spool, and the tuning knobs
// with their production defaults. parse_redis_url() reads the
// redis://[user][:password]@host:port/db form (REDIS_URL) into the same fields.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/expected.h"

namespace viddhana::bus {

struct RedisBusConfig {
    // The server.
    std::string host = "127.0.0.1";
    uint16_t port = 6379;
    std::string username;  // Redis 6 ACL user; empty: the default user
    std::string password;  // empty: no AUTH
    int db = 0;
    std::chrono::milliseconds connect_timeout{2000};
    // A command that takes longer counts as a failure (the connection is dropped and retried).
    std::chrono::milliseconds command_timeout{5000};

    // The share/block event stream.
    std::string stream_key = "viddhana:events";

    // Publishing side (a Stratum node).
    uint32_t node_id = 0;  // written with every entry, for operators reading the stream
    // Where unsent batches go while Redis is unreachable; empty disables the spool (an outage
    // then keeps them in memory only).
    std::string spool_path;
    // XADD ... MAXLEN ~ N; 0 (the default) never trims on publish: entries are removed by the
    // consumer once every group has acknowledged them (RedisStreamConsumer::trim_acknowledged).
    uint64_t max_stream_length = 0;
    size_t max_events_per_entry = 4096;  // larger publish() batches are split
    size_t max_entries_per_pipeline = 64;
    std::chrono::milliseconds retry_initial{100};
    std::chrono::milliseconds retry_max{5000};
    // How long close() keeps trying to deliver the backlog before spooling it.
    std::chrono::milliseconds close_timeout{5000};

    // Consuming side (the ledger).
    std::string group = "ledger";
    std::string consumer;  // empty: this machine's host name (stable across restarts)
    // Where entries that cannot be decoded are moved; empty: stream_key + ":dead".
    std::string dead_letter_key;
    size_t read_count = 64;  // entries per XREADGROUP
    // Entries pending on another consumer for this long are claimed (XAUTOCLAIM); 0 disables.
    std::chrono::milliseconds claim_min_idle{60'000};
    std::chrono::milliseconds claim_interval{10'000};
    // Removes entries that every group has acknowledged, at most this often; 0 disables.
    std::chrono::milliseconds trim_interval{10'000};

    // The pub/sub channel of live events for API nodes: next to the stream, so pools sharing a
    // Redis keep apart.
    std::string live_channel() const { return stream_key + ":live"; }
    std::string dead_letter_stream() const {
        return dead_letter_key.empty() ? stream_key + ":dead" : dead_letter_key;
    }
};

// Fills host, port, username, password and db of `base` from a URL of the form
// redis://[[user]:password@]host[:port][/db]. The user and password may be percent-encoded;
// an IPv6 host goes in brackets. TLS (rediss://), unix sockets and query options are rejected
// with an Error naming the part.
Expected<RedisBusConfig> parse_redis_url(std::string_view url, RedisBusConfig base = {});

// "host:port/db" for log lines: never the password.
std::string describe_server(const RedisBusConfig& config);

}  // namespace viddhana::bus
