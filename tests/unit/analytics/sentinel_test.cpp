// The Sentinel on hand-made share streams (one behaviour at a time) and on a small simulated pool
// with every kind of injected fault among honest miners of varied speed.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "analytics/sentinel.h"
#include "analytics/sentinel_simulation.h"

namespace viddhana::analytics {
namespace {

constexpr int64_t kStart = 1'700'000'000'000;
constexpr int64_t kMinute = 60'000;

// A worker hashing `rate` difficulty units per second at session difficulty `difficulty`:
// Poisson arrivals, achieved difficulty from the 1/d tail.
struct StreamWorker {
    std::string miner = "ltc1qminer", worker = "rig1";
    double rate = 10, difficulty = 100, network = 1e9;
    double invalid = 0.001;
    bool truncate_at_network = false;  // withholding: block shares never arrive
};

class Stream {
  public:
    explicit Stream(uint64_t seed) : rng_(seed) {}
    // Feeds one minute of shares from each worker and evaluates at the minute's end.
    std::vector<Alert> minute(Sentinel& s, int64_t start_ms, const std::vector<StreamWorker>& ws) {
        for (const auto& w : ws) {
            std::poisson_distribution<int> count(w.rate * 60 / w.difficulty);
            int n = count(rng_);
            std::vector<int64_t> times;
            for (int i = 0; i < n; ++i)
                times.push_back(start_ms + static_cast<int64_t>(uniform_(rng_) * (kMinute - 1)));
            std::sort(times.begin(), times.end());
            for (int64_t t : times) {
                ShareObservation o;
                o.time_ms = t;
                o.miner = w.miner;
                o.worker = w.worker;
                o.difficulty = w.difficulty;
                o.network_difficulty = w.network;
                o.achieved_difficulty = w.difficulty / (1.0 - uniform_(rng_));
                o.result = uniform_(rng_) < w.invalid ? bus::ShareResult::invalid
                                                      : bus::ShareResult::accepted;
                if (o.result == bus::ShareResult::accepted && o.achieved_difficulty >= w.network) {
                    if (w.truncate_at_network) continue;
                    o.solved_block = true;
                }
                s.observe(o);
            }
        }
        return s.evaluate(start_ms + kMinute);
    }

  private:
    std::mt19937_64 rng_;
    std::uniform_real_distribution<double> uniform_{0.0, 1.0};
};

std::vector<Alert> of_kind(const std::vector<Alert>& alerts, AlertKind kind) {
    std::vector<Alert> out;
    for (const auto& a : alerts)
        if (a.kind == kind) out.push_back(a);
    return out;
}

TEST(Sentinel, AnOfflineRigIsReportedWithinMinutesAndNotBefore) {
    Sentinel s;
    Stream stream(1);
    StreamWorker w;  // 10 units/s at difficulty 100: a share every 10 s
    std::vector<Alert> before, after;
    int64_t t = kStart;
    for (int m = 0; m < 180; ++m, t += kMinute) {
        auto a = stream.minute(s, t, {w});
        before.insert(before.end(), a.begin(), a.end());
    }
    EXPECT_TRUE(before.empty()) << before.front().reason;
    int64_t stopped = t;
    for (int m = 0; m < 30; ++m, t += kMinute) {
        auto a = stream.minute(s, t, {});
        after.insert(after.end(), a.begin(), a.end());
    }
    auto offline = of_kind(after, AlertKind::worker_offline);
    ASSERT_EQ(offline.size(), 1u);
    EXPECT_EQ(offline[0].worker, "rig1");
    EXPECT_LE(offline[0].time_ms - stopped, 6 * kMinute);  // 5-minute window, 30 shares expected
    EXPECT_NE(offline[0].reason.find("0 shares"), std::string::npos);
}

TEST(Sentinel, AVardiffChangeIsNotASickRig) {
    Sentinel s;
    Stream stream(2);
    StreamWorker w;
    std::vector<Alert> alerts;
    int64_t t = kStart;
    for (int m = 0; m < 120; ++m, t += kMinute)
        stream.minute(s, t, {w});
    w.difficulty *= 4;  // a quarter of the shares, same hashrate
    for (int m = 0; m < 120; ++m, t += kMinute) {
        auto a = stream.minute(s, t, {w});
        alerts.insert(alerts.end(), a.begin(), a.end());
    }
    EXPECT_TRUE(alerts.empty()) << alerts.front().reason;
}

TEST(Sentinel, ASickRigAndAHashrateJumpAreTold) {
    Sentinel s;
    Stream stream(3);
    StreamWorker sick, jumping;
    jumping.worker = "rig2";
    std::vector<Alert> alerts;
    int64_t t = kStart;
    for (int m = 0; m < 120; ++m, t += kMinute)
        stream.minute(s, t, {sick, jumping});
    sick.rate *= 0.3;
    jumping.rate *= 4;
    for (int m = 0; m < 30; ++m, t += kMinute) {
        auto a = stream.minute(s, t, {sick, jumping});
        alerts.insert(alerts.end(), a.begin(), a.end());
    }
    auto sick_alerts = of_kind(alerts, AlertKind::worker_sick);
    auto jumps = of_kind(alerts, AlertKind::hashrate_jump);
    ASSERT_EQ(sick_alerts.size(), 1u);
    EXPECT_EQ(sick_alerts[0].worker, "rig1");
    ASSERT_EQ(jumps.size(), 1u);
    EXPECT_EQ(jumps[0].worker, "rig2");
}

TEST(Sentinel, AnInvalidShareFloodIsTold) {
    Sentinel s;
    Stream stream(4);
    StreamWorker w;
    int64_t t = kStart;
    for (int m = 0; m < 90; ++m, t += kMinute)
        stream.minute(s, t, {w});
    w.invalid = 0.3;
    std::vector<Alert> alerts;
    for (int m = 0; m < 20; ++m, t += kMinute) {
        auto a = stream.minute(s, t, {w});
        alerts.insert(alerts.end(), a.begin(), a.end());
    }
    auto spikes = of_kind(alerts, AlertKind::invalid_spike);
    ASSERT_EQ(spikes.size(), 1u);
    EXPECT_NE(spikes[0].reason.find("invalid"), std::string::npos);
    EXPECT_TRUE(of_kind(alerts, AlertKind::worker_sick).empty());  // it still hashes as before
}

TEST(Sentinel, ATailCutAtTheBlockTargetIsWithholding) {
    // Network difficulty 1e4 with shares at 100: one share in 100 solves a block, about 3.6 an
    // hour for each miner; the withholder's never arrive.
    Sentinel s;
    Stream stream(5);
    StreamWorker honest, withholder;
    honest.network = withholder.network = 1e4;
    withholder.miner = "ltc1qwithholder";
    withholder.truncate_at_network = true;
    std::vector<Alert> alerts;
    int64_t t = kStart;
    for (int m = 0; m < 6 * 60; ++m, t += kMinute) {
        auto a = stream.minute(s, t, {honest, withholder});
        alerts.insert(alerts.end(), a.begin(), a.end());
    }
    auto withholding = of_kind(alerts, AlertKind::block_withholding);
    ASSERT_EQ(withholding.size(), 1u);
    EXPECT_EQ(withholding[0].miner, "ltc1qwithholder");
    EXPECT_LT(withholding[0].p_value, 1e-5);
    EXPECT_NE(withholding[0].reason.find("0 did"), std::string::npos);
}

TEST(Sentinel, PoolLevelChecks) {
    SentinelConfig config;
    config.max_template_age_ms = 5 * kMinute;
    Sentinel s(config);
    Stream stream(6);
    std::vector<StreamWorker> pool;
    for (int i = 0; i < 10; ++i) {
        StreamWorker w;
        w.miner = "miner" + std::to_string(i);
        pool.push_back(w);
    }
    int64_t t = kStart;
    for (int m = 0; m < 90; ++m, t += kMinute)
        stream.minute(s, t, pool);
    pool.resize(3);  // most of the pool leaves at once
    std::vector<Alert> alerts;
    for (int m = 0; m < 20; ++m, t += kMinute) {
        auto a = stream.minute(s, t, pool);
        alerts.insert(alerts.end(), a.begin(), a.end());
    }
    EXPECT_EQ(of_kind(alerts, AlertKind::pool_hashrate_collapse).size(), 1u);

    for (int i = 0; i < 40; ++i)
        s.observe(BlockOutcome{t, 1000 + i, i % 5 == 0});
    s.observe(NodeStatus{t, "ltc-a", 2000, 2003, t});
    s.observe(NodeStatus{t, "ltc-b", 2003, 2003, t - 10 * kMinute});
    s.observe(NodeStatus{t, "ltc-c", 2003, 2003, t});
    auto a = s.evaluate(t);
    auto orphan = of_kind(a, AlertKind::orphan_rate);
    ASSERT_EQ(orphan.size(), 1u);
    EXPECT_NE(orphan[0].reason.find("8 of the last 40"), std::string::npos);
    auto lag = of_kind(a, AlertKind::node_lag);
    ASSERT_EQ(lag.size(), 2u);
    EXPECT_EQ(lag[0].worker, "ltc-a");
    EXPECT_NE(lag[0].reason.find("3 blocks behind"), std::string::npos);
    EXPECT_EQ(lag[1].worker, "ltc-b");
    EXPECT_TRUE(of_kind(s.evaluate(t + 1), AlertKind::node_lag).empty());  // raised once
}

TEST(Sentinel, ObservationsComeFromShareEvents) {
    bus::ShareEvent e;
    e.time_ms = 123;
    e.login = "ltc1qabc";
    e.worker = "w1";
    e.difficulty = 512;
    e.actual_difficulty = 4096;
    e.result = bus::ShareResult::stale;
    e.network_difficulty = 2e7;
    e.block_hash = "00ab";
    auto o = observation_from_share_event(e, 65536);
    EXPECT_EQ(o.time_ms, 123);
    EXPECT_EQ(o.miner, "ltc1qabc");
    EXPECT_EQ(o.worker, "w1");
    EXPECT_DOUBLE_EQ(o.achieved_difficulty, 4096);
    EXPECT_DOUBLE_EQ(o.network_difficulty, 2e7 * 65536);
    EXPECT_EQ(o.result, bus::ShareResult::stale);
    EXPECT_TRUE(o.solved_block);
}

// Every injected fault kind is found in a small fixed-seed pool, with no false alarm on the
// honest miners. The full evaluation (`viddhana analytics evaluate-sentinel`) is in docs/analytics.md.
TEST(SentinelEvaluation, FindsEveryInjectedFaultKind) {
    PoolSimulationConfig config;
    config.seed = 3;
    config.hours = 24;
    config.honest_miners = 20;
    config.faults_per_kind = 2;
    config.withholder_pool_share = 0.15;  // enough blocks in a day to see the tail cut
    auto e = evaluate_sentinel(config, SentinelConfig{});
    ASSERT_TRUE(e) << e.error().message;
    ASSERT_EQ(e->scores.size(), 6u);
    for (const auto& s : e->scores) {
        SCOPED_TRACE(to_string(s.kind));
        EXPECT_EQ(s.injected, 2);
        EXPECT_EQ(s.detected, 2);
        EXPECT_GE(s.precision, 0.9);
    }
    EXPECT_LE(e->false_alerts, 1);
    EXPECT_GT(e->blocks, 50);
}

TEST(SentinelEvaluation, RejectsConfigurationsItCannotRun) {
    PoolSimulationConfig config;
    config.honest_miners = 2;
    EXPECT_FALSE(evaluate_sentinel(config, SentinelConfig{}));
    config = {};
    config.hours = 1;
    EXPECT_FALSE(evaluate_sentinel(config, SentinelConfig{}));
}

}  // namespace
}  // namespace viddhana::analytics
