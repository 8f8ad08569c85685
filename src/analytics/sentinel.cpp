#include "analytics/sentinel.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "analytics/statistics.h"

namespace viddhana::analytics {

const char* to_string(AlertKind k) {
    switch (k) {
        case AlertKind::worker_offline:
            return "worker_offline";
        case AlertKind::worker_sick:
            return "worker_sick";
        case AlertKind::hashrate_jump:
            return "hashrate_jump";
        case AlertKind::invalid_spike:
            return "invalid_spike";
        case AlertKind::stale_spike:
            return "stale_spike";
        case AlertKind::duplicate_spike:
            return "duplicate_spike";
        case AlertKind::block_withholding:
            return "block_withholding";
        case AlertKind::pool_hopping:
            return "pool_hopping";
        case AlertKind::pool_hashrate_collapse:
            return "pool_hashrate_collapse";
        case AlertKind::orphan_rate:
            return "orphan_rate";
        case AlertKind::node_lag:
            return "node_lag";
    }
    return "?";
}

namespace {

constexpr int64_t kMinuteMs = 60'000;
// Workers silent this long are forgotten (after having been reported offline).
constexpr int64_t kForgetMinutes = 24 * 60;

int64_t minute_of(int64_t ms) {
    return ms >= 0 ? ms / kMinuteMs : (ms - kMinuteMs + 1) / kMinuteMs;
}

}  // namespace

Sentinel::Sentinel(SentinelConfig config) : config_(std::move(config)) {}

bool Sentinel::raise(std::map<AlertKind, bool>& active, AlertKind kind, bool condition) {
    bool& on = active[kind];
    bool fire = condition && !on;
    on = condition;
    return fire;
}

bool Sentinel::raise(Worker& w, AlertKind kind, bool condition, int64_t now_ms) {
    if (!raise(w.active, kind, condition)) return false;
    auto last = w.last_alert_ms.find(kind);
    if (last != w.last_alert_ms.end() && now_ms - last->second < config_.realert_min * kMinuteMs)
        return false;
    w.last_alert_ms[kind] = now_ms;
    return true;
}

Sentinel::Worker& Sentinel::worker_for(const ShareObservation& share) {
    std::string key = share.miner + '\n' + share.worker;
    auto it = workers_.find(key);
    if (it == workers_.end()) {
        Worker w;
        w.miner = share.miner;
        w.worker = share.worker;
        w.first_minute = minute_of(share.time_ms);
        it = workers_.emplace(std::move(key), std::move(w)).first;
    }
    return it->second;
}

void Sentinel::observe(const ShareObservation& share) {
    Worker& w = worker_for(share);
    const int64_t minute = minute_of(share.time_ms);
    Bucket* bucket = nullptr;
    if (w.buckets.empty() || w.buckets.back().minute < minute) {
        w.buckets.push_back(Bucket{minute, 0, 0, w.last_difficulty, 0, 0, 0});
        bucket = &w.buckets.back();
    } else {
        // Late shares (from another Stratum node) go to their minute when it is still kept.
        for (auto it = w.buckets.rbegin(); it != w.buckets.rend(); ++it)
            if (it->minute == minute) {
                bucket = &*it;
                break;
            }
        if (!bucket) return;
    }
    const int max_window =
        *std::max_element(config_.rate_windows_min.begin(), config_.rate_windows_min.end());
    const int64_t keep = std::max(max_window, config_.reject_window_min) + config_.baseline_min + 2;
    while (!w.buckets.empty() && w.buckets.front().minute < minute - keep)
        w.buckets.pop_front();

    switch (share.result) {
        case bus::ShareResult::accepted:
            break;
        case bus::ShareResult::stale:
            bucket->stale++;
            return;
        case bus::ShareResult::duplicate:
            bucket->duplicate++;
            return;
        case bus::ShareResult::low_difficulty:
        case bus::ShareResult::invalid:
            bucket->invalid++;
            return;
    }
    bucket->accepted++;
    bucket->accepted_difficulty += share.difficulty;
    bucket->difficulty = share.difficulty;
    w.last_difficulty = share.difficulty;

    Miner& m = miners_[share.miner];
    const double network = share.network_difficulty;
    if (network > 0) {
        network_difficulty_ = network;
        const double tail_threshold = network / config_.withholding_tail;
        if (share.difficulty <= tail_threshold && share.achieved_difficulty > 0) {
            m.expected_blocks += share.difficulty / network;
            if (share.achieved_difficulty >= tail_threshold) {
                m.tail_shares++;
                if (share.achieved_difficulty >= network || share.solved_block) m.block_shares++;
            }
        }
        if (rounds_ > 0) {
            bool early = round_work_ / network < config_.hop_round_fraction;
            m.total_round_shares++;
            pool_round_shares_++;
            if (early) {
                m.early_shares++;
                pool_early_shares_++;
            }
        }
    }
    round_work_ += share.difficulty;
    if (share.solved_block) {
        rounds_++;
        round_work_ = 0;
    }
}

void Sentinel::observe(const BlockOutcome& block) {
    blocks_.push_back(block);
    while (blocks_.size() > static_cast<size_t>(config_.orphan_window))
        blocks_.pop_front();
}

void Sentinel::observe(const NodeStatus& node) {
    nodes_[node.node] = node;
}

Sentinel::WindowCounts Sentinel::window_counts(const Worker& w, int64_t from_minute,
                                               int64_t to_minute, double rate) const {
    WindowCounts c;
    // The session difficulty in force at the window's start: the last one seen before it.
    double difficulty = 0;
    for (const auto& b : w.buckets) {
        if (b.minute >= from_minute) break;
        if (b.difficulty > 0) difficulty = b.difficulty;
    }
    auto it = std::find_if(w.buckets.begin(), w.buckets.end(),
                           [&](const Bucket& b) { return b.minute >= from_minute; });
    for (int64_t minute = from_minute; minute < to_minute; ++minute) {
        if (it != w.buckets.end() && it->minute == minute) {
            c.accepted += it->accepted;
            c.invalid += it->invalid;
            c.stale += it->stale;
            c.duplicate += it->duplicate;
            if (it->difficulty > 0) difficulty = it->difficulty;
            ++it;
        }
        if (difficulty > 0) c.expected += rate / difficulty;
    }
    c.total = c.accepted + c.invalid + c.stale + c.duplicate;
    return c;
}

void Sentinel::evaluate_worker(Worker& w, int64_t now_ms, std::vector<Alert>& out) {
    const int64_t now_minute = minute_of(now_ms);  // windows end before the current minute
    auto alert = [&](AlertKind kind, double p, std::string reason) {
        out.push_back(Alert{now_ms, kind, w.miner, w.worker, p, std::move(reason)});
    };

    bool offline = false, sick = false, jump = false;
    std::string offline_reason, sick_reason, jump_reason;
    double offline_p = 1, sick_p = 1, jump_p = 1;
    for (int window : config_.rate_windows_min) {
        const int64_t window_start = now_minute - window;
        const int64_t baseline_start = window_start - config_.baseline_min;
        if (w.first_minute > baseline_start) continue;  // not enough history yet
        // Exposure: minutes over session difficulty, so a vardiff change moves the expected count.
        auto before = window_counts(w, baseline_start, window_start, 1.0);
        auto now = window_counts(w, window_start, now_minute, 1.0);
        if (before.total < config_.min_baseline_shares || now.expected <= 0 || before.expected <= 0)
            continue;
        // Every share the rig sent (rejected ones too) shows it hashing. Given the shares of both
        // periods, the window's count is binomial with the window's part of the exposure, which
        // accounts for the baseline's own noise.
        const int64_t n = before.total + now.total;
        const double share = now.expected / (now.expected + before.expected);
        const double expected = static_cast<double>(before.total) * now.expected / before.expected;
        const double low_p = 1.0 - binomial_sf(now.total + 1, n, share);
        const double high_p = binomial_sf(now.total, n, share);
        const double ratio = static_cast<double>(now.total) / expected;
        auto describe = [&](double p) {
            return fmt::format(
                "{} shares in the last {} min where its hashrate in the hour before predicts "
                "{:.1f} (p = {:.2g})",
                now.total, window, expected, p);
        };
        if (low_p < config_.alpha && ratio < config_.sick_ratio) {
            if (now.total == 0 && !offline) {
                offline = true;
                offline_p = low_p;
                offline_reason = describe(low_p);
            } else if (now.total > 0 && !sick) {
                sick = true;
                sick_p = low_p;
                sick_reason = describe(low_p) + fmt::format(": running at {:.0f}%", 100 * ratio);
            }
        }
        if (high_p < config_.alpha && ratio > config_.jump_ratio && !jump) {
            jump = true;
            jump_p = high_p;
            jump_reason = describe(high_p) + fmt::format(": {:.1f}x", ratio);
        }
    }
    if (raise(w, AlertKind::worker_offline, offline, now_ms))
        alert(AlertKind::worker_offline, offline_p, offline_reason);
    if (raise(w, AlertKind::worker_sick, sick && !offline, now_ms))
        alert(AlertKind::worker_sick, sick_p, sick_reason);
    if (raise(w, AlertKind::hashrate_jump, jump, now_ms))
        alert(AlertKind::hashrate_jump, jump_p, jump_reason);

    // Reject spikes: the window's fraction of each kind against the worker's own earlier rate.
    const int64_t window_start = now_minute - config_.reject_window_min;
    const int64_t baseline_start = window_start - config_.baseline_min;
    auto window = window_counts(w, window_start, now_minute, 0);
    auto baseline = window_counts(w, baseline_start, window_start, 0);
    struct Kind {
        AlertKind alert;
        int64_t now, before;
        const char* name;
    };
    for (const Kind& k :
         {Kind{AlertKind::invalid_spike, window.invalid, baseline.invalid, "invalid"},
          Kind{AlertKind::stale_spike, window.stale, baseline.stale, "stale"},
          Kind{AlertKind::duplicate_spike, window.duplicate, baseline.duplicate, "duplicate"}}) {
        bool condition = false;
        double p = 1, p0 = config_.reject_floor;
        if (window.total > 0) {
            // One pseudo-share of prior keeps a clean history from making every reject a spike.
            if (baseline.total > 0)
                p0 = std::max(p0, static_cast<double>(k.before + 1) /
                                      static_cast<double>(baseline.total + 2));
            p = binomial_sf(k.now, window.total, p0);
            double rate = static_cast<double>(k.now) / static_cast<double>(window.total);
            condition = p < config_.alpha && rate >= config_.reject_ratio * p0;
            if (raise(w, k.alert, condition, now_ms))
                alert(k.alert, p,
                      fmt::format("{} of {} shares {} in the last {} min ({:.1f}%) against an "
                                  "expected {:.2f}% (binomial p = {:.2g})",
                                  k.now, window.total, k.name, config_.reject_window_min,
                                  100 * rate, 100 * p0, p));
        } else {
            raise(w.active, k.alert, false);
        }
    }
}

void Sentinel::evaluate_miners(int64_t now_ms, std::vector<Alert>& out) {
    const double c = config_.withholding_tail;
    const double pool_early = pool_round_shares_ > 0 ? static_cast<double>(pool_early_shares_) /
                                                           static_cast<double>(pool_round_shares_)
                                                     : 0;
    for (auto& [name, m] : miners_) {
        if (!m.withholding_alerted && m.tail_shares > 0) {
            // P(at most this many block shares | the 1/d tail continues past the network target).
            double p = 1.0 - binomial_sf(m.block_shares + 1, m.tail_shares, 1.0 / c);
            if (p < config_.withholding_alpha) {
                m.withholding_alerted = true;
                out.push_back(Alert{
                    now_ms, AlertKind::block_withholding, name, "", p,
                    fmt::format("{} shares reached 1/{:.0f} of the network difficulty, so about "
                                "{:.1f} should have solved a block; {} did (binomial p = {:.2g}; "
                                "its work predicts {:.1f} blocks)",
                                m.tail_shares, c, static_cast<double>(m.tail_shares) / c,
                                m.block_shares, p, m.expected_blocks)});
            }
        }
        if (!m.hopping_alerted && rounds_ >= config_.min_hop_rounds && m.total_round_shares >= 50 &&
            pool_early > 0 && pool_early < 1) {
            double p = binomial_sf(m.early_shares, m.total_round_shares, pool_early);
            double fraction =
                static_cast<double>(m.early_shares) / static_cast<double>(m.total_round_shares);
            if (p < config_.hopping_alpha && fraction > pool_early + 0.2) {
                m.hopping_alerted = true;
                out.push_back(
                    Alert{now_ms, AlertKind::pool_hopping, name, "", p,
                          fmt::format("{:.0f}% of its shares came in the first {:.3f} network "
                                      "difficulties of a round, where the pool's share is {:.0f}% "
                                      "(binomial p = {:.2g}, {} rounds)",
                                      100 * fraction, config_.hop_round_fraction, 100 * pool_early,
                                      p, rounds_)});
            }
        }
    }
}

void Sentinel::evaluate_pool(int64_t now_ms, std::vector<Alert>& out) {
    const int64_t now_minute = minute_of(now_ms);
    const int window = 15;
    // What the pool's shares in the window should be if every worker kept its rate of the hour
    // before (each worker's exposure, so vardiff changes cancel), against what arrived.
    int64_t in_window = 0, in_baseline = 0;
    double expected = 0;
    for (const auto& [key, w] : workers_) {
        const int64_t window_start = now_minute - window;
        const int64_t baseline_start = window_start - config_.baseline_min;
        auto now = window_counts(w, window_start, now_minute, 1.0);
        in_window += now.total;
        if (w.first_minute > baseline_start) continue;
        auto before = window_counts(w, baseline_start, window_start, 1.0);
        in_baseline += before.total;
        if (before.expected > 0)
            expected += static_cast<double>(before.total) * now.expected / before.expected;
    }
    bool collapse = false;
    double p = 1;
    if (in_baseline >= config_.min_baseline_shares && expected > 0) {
        p = poisson_cdf(in_window, expected);
        collapse = p < config_.alpha && static_cast<double>(in_window) < 0.5 * expected;
    }
    if (raise(pool_active_, AlertKind::pool_hashrate_collapse, collapse))
        out.push_back(Alert{now_ms, AlertKind::pool_hashrate_collapse, "", "", p,
                            fmt::format("{} shares in the pool in the last {} min where the hour "
                                        "before predicts {:.0f} (Poisson p = {:.2g})",
                                        in_window, window, expected, p)});

    int64_t orphans = 0;
    for (const auto& b : blocks_)
        orphans += b.orphaned ? 1 : 0;
    double orphan_p =
        binomial_sf(orphans, static_cast<int64_t>(blocks_.size()), config_.expected_orphan_rate);
    bool orphan_condition = orphans >= 3 && orphan_p < 1e-3;
    if (raise(pool_active_, AlertKind::orphan_rate, orphan_condition))
        out.push_back(Alert{
            now_ms, AlertKind::orphan_rate, "", "", orphan_p,
            fmt::format("{} of the last {} blocks were orphaned, against an "
                        "expected {:.1f}% (binomial p = {:.2g})",
                        orphans, blocks_.size(), 100 * config_.expected_orphan_rate, orphan_p)});

    for (const auto& [name, node] : nodes_) {
        int64_t lag = node.best_known_height - node.height;
        bool stale_template = config_.max_template_age_ms > 0 && node.last_template_ms > 0 &&
                              now_ms - node.last_template_ms > config_.max_template_age_ms;
        bool condition = lag >= config_.max_node_lag_blocks || stale_template;
        bool& on = node_lag_active_[name];
        if (condition && !on)
            out.push_back(Alert{
                now_ms, AlertKind::node_lag, "", name, 1,
                lag >= config_.max_node_lag_blocks
                    ? fmt::format("node {} is at height {}, {} blocks behind the best known {}",
                                  name, node.height, lag, node.best_known_height)
                    : fmt::format("node {} gave no new template for {} s", name,
                                  (now_ms - node.last_template_ms) / 1000)});
        on = condition;
    }
}

std::vector<Alert> Sentinel::evaluate(int64_t now_ms) {
    std::vector<Alert> out;
    const int64_t now_minute = minute_of(now_ms);
    for (auto it = workers_.begin(); it != workers_.end();) {
        Worker& w = it->second;
        int64_t last = w.buckets.empty() ? w.first_minute : w.buckets.back().minute;
        if (now_minute - last > kForgetMinutes) {
            it = workers_.erase(it);
            continue;
        }
        evaluate_worker(w, now_ms, out);
        ++it;
    }
    evaluate_miners(now_ms, out);
    evaluate_pool(now_ms, out);
    return out;
}

}  // namespace viddhana::analytics
