// The Stratum role's Prometheus metrics, registered once and updated from the hot path without
// lookups.
#pragma once
#include "metrics/registry.h"

namespace viddhana::stratum {

struct StratumMetrics {
    explicit StratumMetrics(metrics::Registry& r);

    metrics::Gauge& active_connections;
    metrics::Counter& connections_total;
    metrics::Counter& connections_refused;
    metrics::Counter& shares_accepted;
    metrics::Counter& shares_stale;
    metrics::Counter& shares_duplicate;
    metrics::Counter& shares_low_difficulty;
    metrics::Counter& shares_invalid;
    metrics::Counter& accepted_difficulty;  // sum of credited difficulty: rate() gives hashrate
    metrics::Histogram& share_processing_seconds;
    metrics::Counter& blocks_found;
    metrics::Counter& blocks_accepted;
    metrics::Counter& blocks_rejected;
    metrics::Gauge& current_block_height;
    metrics::Gauge& network_difficulty;
    metrics::Counter& jobs_generated;
    // Abuse control: address bans by reason, connections dropped by reason (never the address),
    // logins refused during a dropped worker's backoff.
    metrics::Counter& bans_connection_flood;
    metrics::Counter& bans_garbage_flood;
    metrics::Counter& bans_handshake_flood;
    metrics::Counter& dropped_malformed;
    metrics::Counter& dropped_invalid_shares;
    metrics::Counter& dropped_oversized;
    metrics::Counter& reconnects_refused;
    metrics::Counter& handshake_timeouts;
    metrics::Counter& garbage_bytes;
    metrics::Counter& sessions_resumed;
    metrics::Counter& malformed_messages;
    metrics::Counter& slow_consumers_dropped;
    metrics::Counter& vardiff_retargets;
    // Unix time of the newest judged share: against the ledger's, how far accounting lags.
    metrics::Gauge& last_share_time;
};

}  // namespace viddhana::stratum
