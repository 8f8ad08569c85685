// The Sentinel: anomaly detection over the share stream, per worker, per miner and for the pool.
// Every test is a statistical one against what the worker's own recent past predicts, not a fixed
// timeout:
//   offline / sick   shares in the last 5, 15 or 60 minutes far below the count its hashrate in
//                    the hour before predicts (given both counts, the window's is binomial with
//                    its part of the exposure, time over session difficulty: lower tail);
//   hashrate jump    far above it (upper tail), e.g. pool hopping or a hijacked rig;
//   reject spikes    invalid, stale or duplicate share fractions far above the worker's own
//                    earlier rate and the pool's (binomial upper tail);
//   withholding      among a miner's shares whose hash reached 1/c of the network difficulty, a
//                    fraction 1/c should also reach the network difficulty (the hash tail is 1/d);
//                    a miner whose tail is cut off at the block target is withholding blocks;
//   pool hopping     a miner whose shares crowd into the early part of rounds (pool work since
//                    the last block, in network difficulties) more than the pool's do;
//   pool level       pool share rate collapse, orphan rate, nodes lagging the best height.
// Time is an argument (milliseconds); nothing here reads a clock or does I/O.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analytics/share_observation.h"

namespace viddhana::analytics {

enum class AlertKind {
    worker_offline,
    worker_sick,
    hashrate_jump,
    invalid_spike,
    stale_spike,
    duplicate_spike,
    block_withholding,
    pool_hopping,
    pool_hashrate_collapse,
    orphan_rate,
    node_lag,
};
const char* to_string(AlertKind k);

struct Alert {
    int64_t time_ms = 0;
    AlertKind kind = AlertKind::worker_sick;
    std::string miner;   // "" for pool-level alerts
    std::string worker;  // "" for miner- and pool-level alerts (node name for node_lag)
    double p_value = 1;  // of the test that fired (1 for threshold checks)
    std::string reason;
};

struct SentinelConfig {
    double alpha = 1e-6;  // per test, for the rate tests run every evaluation
    double withholding_alpha = 1e-5;
    double hopping_alpha = 1e-6;
    std::vector<int> rate_windows_min{5, 15, 60};  // windows the share-rate tests look at
    int baseline_min = 60;         // the hour before the window sets the expected rate
    int min_baseline_shares = 30;  // a worker needs this many shares before it is judged
    int realert_min = 60;          // the same alert for the same worker at most this often
    double sick_ratio = 0.5;       // observed/expected below this (and p < alpha): sick
    double jump_ratio = 3.0;       // observed/expected above this (and p < alpha): jump
    int reject_window_min = 15;
    double reject_floor = 0.01;         // the rate a reject spike is tested against, at least
    double reject_ratio = 4.0;          // and the observed rate must be this many times it
    double withholding_tail = 64;       // c: shares at >= network/c are the tail sample
    double hop_round_fraction = 0.435;  // "early" part of a round, in network difficulties
    int min_hop_rounds = 8;             // rounds seen before hopping is judged
    double expected_orphan_rate = 0.02;
    int orphan_window = 50;  // last blocks the orphan test looks at
    int max_node_lag_blocks = 2;
    int64_t max_template_age_ms = 0;  // 0: not checked
};

class Sentinel {
  public:
    explicit Sentinel(SentinelConfig config = {});

    void observe(const ShareObservation& share);
    void observe(const BlockOutcome& block);
    void observe(const NodeStatus& node);
    // Runs every test at `now_ms` and returns the alerts that were not already raised. An alert
    // is raised again only after its condition has cleared, and not within realert_min of the
    // last one of its kind for that worker.
    std::vector<Alert> evaluate(int64_t now_ms);

    size_t workers() const { return workers_.size(); }

  private:
    struct Bucket {
        int64_t minute = 0;
        int64_t accepted = 0;
        double accepted_difficulty = 0;
        double difficulty = 0;  // the session difficulty in this minute (last seen)
        int64_t invalid = 0, stale = 0, duplicate = 0;
    };
    struct Worker {
        std::string miner, worker;
        std::deque<Bucket> buckets;  // one per minute with activity, oldest first
        double last_difficulty = 0;
        int64_t first_minute = 0;
        std::map<AlertKind, bool> active;
        std::map<AlertKind, int64_t> last_alert_ms;
    };
    struct Miner {
        int64_t tail_shares = 0;   // accepted shares with achieved >= network / c
        int64_t block_shares = 0;  // ... and >= network
        double expected_blocks = 0;
        int64_t early_shares = 0, total_round_shares = 0;
        bool withholding_alerted = false, hopping_alerted = false;
    };
    struct WindowCounts {
        int64_t accepted = 0;
        double expected = 0;  // shares `rate` (difficulty per minute) predicts: the exposure
        int64_t invalid = 0, stale = 0, duplicate = 0, total = 0;
    };

    Worker& worker_for(const ShareObservation& share);
    WindowCounts window_counts(const Worker& w, int64_t from_minute, int64_t to_minute,
                               double rate) const;
    void evaluate_worker(Worker& w, int64_t now_ms, std::vector<Alert>& out);
    void evaluate_miners(int64_t now_ms, std::vector<Alert>& out);
    void evaluate_pool(int64_t now_ms, std::vector<Alert>& out);
    bool raise(std::map<AlertKind, bool>& active, AlertKind kind, bool condition);
    bool raise(Worker& w, AlertKind kind, bool condition, int64_t now_ms);

    SentinelConfig config_;
    std::map<std::string, Worker> workers_;  // key: miner + '\n' + worker
    std::map<std::string, Miner> miners_;
    // Pool rounds: work (share units) accepted since the last block, and the pool's early share.
    double round_work_ = 0;
    int64_t rounds_ = 0;
    int64_t pool_early_shares_ = 0, pool_round_shares_ = 0;
    double network_difficulty_ = 0;
    std::map<AlertKind, bool> pool_active_;
    std::deque<BlockOutcome> blocks_;
    std::map<std::string, NodeStatus> nodes_;
    std::map<std::string, bool> node_lag_active_;
};

}  // namespace viddhana::analytics
