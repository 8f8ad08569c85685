// Settings of the Stratum role (the app's YAML config fills them in; defaults are the product's).
#pragma once
#include <cstdint>
#include <string>

#include "stratum/job_builder.h"
#include "stratum/vardiff.h"

namespace viddhana::stratum {

struct StratumConfig {
    std::string host = "0.0.0.0";
    uint16_t port = 3333;
    int max_connections = 10000;
    int max_connections_per_ip = 1000;
    int threads = 0;                    // 0: one per CPU core
    uint8_t node_id = 0;                // first byte of every extranonce1: unique per Stratum node
    size_t max_line_bytes = 16 * 1024;  // longer lines are garbage: the connection is dropped
    size_t max_pending_write_bytes = 1024 * 1024;  // a client that reads slower is dropped
    int idle_timeout_seconds = 600;                // no message for this long: disconnect
    int login_timeout_seconds = 60;  // not subscribed and authorized by then: disconnect
    uint32_t version_rolling_mask = 0x1fffe000;
    int job_refresh_seconds = 30;  // non-clean job for the same block at most this often
    // Bans: an IP whose connections keep misbehaving is refused for ban_seconds.
    int ban_seconds = 600;
    int strikes_to_ban = 5;          // malformed messages / oversized lines within a session's life
    int ban_min_shares = 20;         // judge the invalid ratio only after this many shares
    double ban_invalid_ratio = 0.9;  // invalid share ratio that gets an IP banned
    int reconnect_wait_seconds = 5;  // client.reconnect's wait on graceful shutdown
    VardiffConfig vardiff;
    CoinbaseSpec coinbase;
    // SOLO: every connection mines a coinbase that pays its own miner's address (minus the pool
    // fee as a second output), so its blocks pay it even if the pool goes away.
    bool solo = false;
    Bytes solo_fee_script;
    int64_t solo_fee_basis_points = 0;
};

}  // namespace viddhana::stratum
