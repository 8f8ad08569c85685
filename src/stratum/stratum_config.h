// Settings of the Stratum role (the app's YAML config fills them in; defaults are the product's).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "base/ip_range.h"

#include "stratum/job_builder.h"
#include "stratum/vardiff.h"

namespace viddhana::stratum {

struct StratumConfig {
    std::string host = "0.0.0.0";
    uint16_t port = 3333;
    int max_connections = 10000;
    // Room for a farm of 1,000 rigs behind one address, and for the old connections of rigs that
    // reconnected before the pool noticed their previous one was gone.
    int max_connections_per_ip = 2000;
    int threads = 0;                    // 0: one per CPU core
    uint8_t node_id = 0;                // first byte of every extranonce1: unique per Stratum node
    size_t max_line_bytes = 16 * 1024;  // longer lines are garbage: the connection is dropped
    size_t max_pending_write_bytes = 1024 * 1024;  // a client that reads slower is dropped
    int idle_timeout_seconds = 600;                // no message for this long: disconnect
    int login_timeout_seconds = 60;  // not subscribed and authorized by then: disconnect
    uint32_t version_rolling_mask = 0x1fffe000;
    int job_refresh_seconds = 30;  // non-clean job for the same block at most this often
    // Abuse control (stratum/admission_control.h). A misbehaving connection is dropped and its
    // worker's reconnects from that address back off; an address is banned only for floods.
    int ban_seconds = 600;           // how long a banned address is refused
    int strikes_to_ban = 5;          // malformed messages / oversized lines that drop a connection
    int ban_min_shares = 20;         // judge a connection's invalid ratio after this many shares
    double ban_invalid_ratio = 0.9;  // ratio of invalid (malformed) shares that drops it
    int reconnect_backoff_seconds = 5;      // a dropped worker's first backoff, doubled per drop
    int ban_connections_per_minute = 6000;  // new connections from one address
    int64_t ban_garbage_bytes_per_minute = 4 << 20;  // bytes of malformed input
    int ban_handshake_timeouts_per_minute = 2000;    // connections that never logged in
    std::vector<IpRange> ban_exempt;                 // never banned, no per-address cap
    int reconnect_wait_seconds = 5;                  // client.reconnect's wait on graceful shutdown
    VardiffConfig vardiff;
    CoinbaseSpec coinbase;
    // SOLO: every connection mines a coinbase that pays its own miner's address (minus the pool
    // fee as a second output), so its blocks pay it even if the pool goes away.
    bool solo = false;
    Bytes solo_fee_script;
    int64_t solo_fee_basis_points = 0;
};

}  // namespace viddhana::stratum
