#include "stratum/stratum_metrics.h"

namespace viddhana::stratum {

namespace {
constexpr const char* kShares = "stratum_shares_total";
constexpr const char* kSharesHelp = "Shares judged, by status";
constexpr const char* kBlocksSubmitted = "stratum_blocks_submitted_total";
constexpr const char* kBlocksSubmittedHelp = "Blocks submitted to the node, by the node's answer";
constexpr const char* kBans = "stratum_bans_total";
constexpr const char* kBansHelp = "Addresses banned, by the flood that got them banned";
constexpr const char* kDropped = "stratum_connections_dropped_total";
constexpr const char* kDroppedHelp =
    "Connections dropped for misbehaving (the address is not banned), by reason";
}  // namespace

StratumMetrics::StratumMetrics(metrics::Registry& r)
    : active_connections(r.gauge("stratum_active_connections", "Open miner connections")),
      connections_total(r.counter("stratum_connections_total", "Miner connections accepted")),
      connections_refused(r.counter("stratum_connections_refused_total",
                                    "Connections refused (banned, pool or IP full)")),
      shares_accepted(r.counter(kShares, kSharesHelp, {{"status", "accepted"}})),
      shares_stale(r.counter(kShares, kSharesHelp, {{"status", "stale"}})),
      shares_duplicate(r.counter(kShares, kSharesHelp, {{"status", "duplicate"}})),
      shares_low_difficulty(r.counter(kShares, kSharesHelp, {{"status", "low_difficulty"}})),
      shares_invalid(r.counter(kShares, kSharesHelp, {{"status", "invalid"}})),
      accepted_difficulty(r.counter("stratum_accepted_difficulty_total",
                                    "Sum of the difficulty credited to accepted shares")),
      share_processing_seconds(r.histogram("stratum_share_processing_seconds",
                                           "Time to judge one share, from parsed message to reply",
                                           metrics::latency_buckets())),
      blocks_found(r.counter("stratum_blocks_found_total", "Shares that solved a block")),
      blocks_accepted(r.counter(kBlocksSubmitted, kBlocksSubmittedHelp, {{"result", "accepted"}})),
      blocks_rejected(r.counter(kBlocksSubmitted, kBlocksSubmittedHelp, {{"result", "rejected"}})),
      current_block_height(
          r.gauge("stratum_current_block_height", "Height of the block the current job builds")),
      network_difficulty(
          r.gauge("stratum_network_difficulty", "Network difficulty of the current job")),
      jobs_generated(r.counter("stratum_jobs_generated_total", "Jobs sent to miners")),
      bans_connection_flood(r.counter(kBans, kBansHelp, {{"reason", "connection_flood"}})),
      bans_garbage_flood(r.counter(kBans, kBansHelp, {{"reason", "garbage_flood"}})),
      bans_handshake_flood(r.counter(kBans, kBansHelp, {{"reason", "handshake_flood"}})),
      dropped_malformed(r.counter(kDropped, kDroppedHelp, {{"reason", "malformed"}})),
      dropped_invalid_shares(r.counter(kDropped, kDroppedHelp, {{"reason", "invalid_shares"}})),
      dropped_oversized(r.counter(kDropped, kDroppedHelp, {{"reason", "oversized"}})),
      reconnects_refused(r.counter("stratum_reconnects_refused_total",
                                   "Logins refused during a dropped worker's reconnect backoff")),
      handshake_timeouts(r.counter("stratum_handshake_timeouts_total",
                                   "Connections that did not subscribe and authorize in time")),
      garbage_bytes(r.counter("stratum_garbage_bytes_total",
                              "Bytes of input that were not Stratum messages")),
      sessions_resumed(r.counter("stratum_sessions_resumed_total",
                                 "Subscribes that got their previous extranonce1 back")),
      malformed_messages(
          r.counter("stratum_malformed_messages_total", "Messages that were not valid Stratum")),
      slow_consumers_dropped(r.counter("stratum_slow_consumers_dropped_total",
                                       "Connections dropped because they did not read their data")),
      vardiff_retargets(r.counter("stratum_vardiff_retargets_total", "Difficulty changes sent")),
      last_share_time(r.gauge("stratum_last_share_timestamp_seconds",
                              "Unix time of the newest share judged (every share is an event)")) {}

}  // namespace viddhana::stratum
