// Earnings projections: the interval is honest. In fixed-seed simulations of mining at a known
// hashrate (blocks as a Poisson process, PPS shares as a Poisson count, the difficulty drawn from
// the assumed spread), the share of outcomes inside the interval matches the probability the
// projection states for it, and the mean matches the expectation.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "analytics/earnings_projection.h"
#include "analytics/earnings_simulation.h"

namespace viddhana::analytics {
namespace {

TEST(EarningsProjection, IntervalsCoverSimulatedMining) {
    const size_t trials = 4000;
    uint64_t seed = 1000;
    for (const auto& scenario : standard_earnings_scenarios()) {
        auto rows = simulate_earnings_coverage(scenario, trials, seed++);
        ASSERT_TRUE(rows) << rows.error().message;
        ASSERT_EQ(rows->size(), 3u);
        for (const auto& r : *rows) {
            SCOPED_TRACE(r.scenario + " / " + r.period);
            // A central interval of a count holds at least the coverage asked for.
            EXPECT_GE(r.stated_probability, 0.9 - 1e-9);
            // 4 binomial standard deviations at 4000 trials (<= 1.9 points at p = 0.9), plus
            // half a point for the 41-node quadrature of the difficulty spread.
            double p = r.stated_probability;
            double tolerance = 4 * std::sqrt(p * (1 - p) / static_cast<double>(trials)) + 0.005;
            EXPECT_NEAR(r.simulated_coverage, p, tolerance);
        }
    }
}

TEST(EarningsProjection, MeanMatchesSimulatedMining) {
    const size_t trials = 4000;
    for (const auto& scenario : standard_earnings_scenarios()) {
        auto projection = project_earnings(scenario.inputs);
        ASSERT_TRUE(projection);
        auto rows = simulate_earnings_coverage(scenario, trials, 77);
        ASSERT_TRUE(rows);
        for (size_t i = 0; i < rows->size(); ++i) {
            const auto& r = (*rows)[i];
            double blocks = projection->periods[i].expected_blocks * static_cast<double>(trials);
            if (blocks < 2000) continue;  // too few simulated blocks for a sharp mean
            SCOPED_TRACE(r.scenario + " / " + r.period);
            // Relative sd of a Poisson total of `blocks` events is 1/sqrt(blocks); 4 sd.
            EXPECT_NEAR(r.simulated_mean / static_cast<double>(r.expected), 1.0,
                        4 / std::sqrt(blocks) + 0.002);
        }
    }
}

EarningsInputs litecoin_miner(ledger::payout::SchemeKind scheme) {
    EarningsInputs in;
    in.coin = chain::find_coin("litecoin", chain::Network::mainnet);
    in.network_difficulty = 2.0e7;
    in.chain_height = 2'500'000;
    in.typical_fees_per_block = 2'000'000;
    in.now_unix = 1'700'000'000;
    for (int i = 0; i < 24; ++i)
        in.hashrate_history.push_back({in.now_unix - 3600 * i, 1e9});
    std::reverse(in.hashrate_history.begin(), in.hashrate_history.end());
    in.pool_hashrate = 5e12;
    in.scheme = scheme;
    return in;
}

TEST(EarningsProjection, PpsIsNearlyDeterministicAndPplnsIsNot) {
    auto pps = project_earnings(litecoin_miner(ledger::payout::SchemeKind::pps));
    auto pplns = project_earnings(litecoin_miner(ledger::payout::SchemeKind::pplns));
    ASSERT_TRUE(pps && pplns);
    const auto& a = pps->periods[0];
    const auto& b = pplns->periods[0];
    double pps_width = static_cast<double>(a.high - a.low) / static_cast<double>(a.expected);
    double pplns_width = static_cast<double>(b.high - b.low) / static_cast<double>(b.expected);
    EXPECT_LT(pps_width, 0.05);
    EXPECT_GT(pplns_width, 1.0);  // about 5 pool blocks a day: Poisson luck dominates
    // 1 GH/s at difficulty 2e7: 1e9 * 86400 / (2e7 * 2^32) blocks a day, 12.5 LTC each below
    // height 2,520,000, 1% fee; PPS pays no fees.
    double blocks = 1e9 * 86400 / (2e7 * kHashesPerDifficulty);
    EXPECT_NEAR(static_cast<double>(a.expected), blocks * 1'250'000'000 * 0.99,
                0.001 * static_cast<double>(a.expected));
    EXPECT_GT(b.expected, a.expected);  // PPLNS passes on the fees
}

TEST(EarningsProjection, ARisingDifficultyForecastLowersTheMonth) {
    auto flat = litecoin_miner(ledger::payout::SchemeKind::pplns);
    auto rising = flat;
    for (int h = 1; h <= 6; ++h) {
        DifficultyStep s;
        s.horizon = h;
        s.expected_time_unix = flat.now_unix + h * 302400;
        s.difficulty = 2.0e7 * std::pow(1.05, h);
        s.low = s.difficulty * 0.9;
        s.high = s.difficulty * 1.1;
        rising.difficulty_forecast.push_back(s);
    }
    auto a = project_earnings(flat);
    auto b = project_earnings(rising);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->periods[0].expected, b->periods[0].expected);  // no retarget within the day
    EXPECT_LT(b->periods[2].expected, a->periods[2].expected * 0.95);
}

TEST(EarningsProjection, HashrateIsTimeWeightedOverTheWindow) {
    std::vector<HashrateSample> h{{1000, 100}, {2000, 100}, {2500, 400}};
    // Each sample covers the time since the one before; the first, the median gap (750 s).
    auto mean = mean_hashrate(h, 2500, 100000);
    ASSERT_TRUE(mean);
    EXPECT_NEAR(*mean, (750 * 100.0 + 1000 * 100.0 + 500 * 400.0) / 2250.0, 1e-9);
    auto recent = mean_hashrate(h, 2500, 500);
    ASSERT_TRUE(recent);
    EXPECT_NEAR(*recent, 400, 1e-9);
}

TEST(EarningsProjection, RejectsBadInputsWithReasons) {
    struct Case {
        std::function<void(EarningsInputs&)> change;
        const char* message_part;
    };
    std::vector<Case> cases{
        {[](EarningsInputs& in) { in.coin = nullptr; }, "coin"},
        {[](EarningsInputs& in) { in.network_difficulty = 0; }, "network difficulty"},
        {[](EarningsInputs& in) { in.pool_fee_bps = 12000; }, "pool fee"},
        {[](EarningsInputs& in) { in.pool_hashrate = 0; }, "needs the pool's hashrate"},
        {[](EarningsInputs& in) { in.pool_hashrate = 1e8; }, "exceeds the pool's"},
        {[](EarningsInputs& in) { in.hashrate_history.clear(); }, "history is empty"},
        {[](EarningsInputs& in) { std::swap(in.hashrate_history[0], in.hashrate_history[1]); },
         "time order"},
        {[](EarningsInputs& in) { in.hashrate_history[3].hashrate = -5; }, "sample 3"},
        {[](EarningsInputs& in) { in.now_unix += 10 * 86400; }, "no hashrate sample"},
        {[](EarningsInputs& in) { in.coverage = 1.0; }, "coverage"},
        {[](EarningsInputs& in) {
             in.difficulty_forecast.push_back(DifficultyStep{1, 0, 0, 5.0, 6.0, 7.0, 0});
         },
         "low <= point <= high"},
        // Regtest's difficulty with a mainnet hashrate: more coins than int64 base units hold.
        {[](EarningsInputs& in) { in.network_difficulty = 4.66e-10; }, "implausible"},
    };
    for (const auto& c : cases) {
        auto in = litecoin_miner(ledger::payout::SchemeKind::pplns);
        c.change(in);
        auto p = project_earnings(in);
        ASSERT_FALSE(p) << c.message_part;
        EXPECT_NE(p.error().message.find(c.message_part), std::string::npos) << p.error().message;
    }
}

}  // namespace
}  // namespace viddhana::analytics
