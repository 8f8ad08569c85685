// The 2016-block retarget rule (chain/retarget_rule.h) against the real chains: every retarget in
// both histories is reproduced from the row times, the factor-4 clamp of July 2010 included, and
// Litecoin's window (2016 intervals, against Bitcoin's 2015) is the one its data agrees with. The
// forecast of an epoch in progress is checked on simulated block arrivals.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "analytics/epoch_forecast.h"
#include "analytics/statistics.h"
#include "test_data.h"

namespace viddhana::analytics {
namespace {

// Relative errors of the rule's retarget from each epoch's row-to-row time, and their mean signed
// log error. Row k+1 starts one block after epoch k's last block: Bitcoin's timespan (first to last
// block) is 2015/2016 of the row gap; Litecoin's (previous epoch's last block to this one's last)
// is the whole gap, shifted by one block.
struct RuleFit {
    double max_abs = 0;
    double mean_signed_log = 0;
};

RuleFit fit_rule(const DifficultyHistory& h, const chain::RetargetRule& rule,
                 int64_t window_override) {
    RuleFit fit;
    int n = 0;
    for (size_t k = 1; k + 1 < h.size(); ++k) {
        const auto& a = h.points[k];
        const auto& b = h.points[k + 1];
        int64_t window = window_override ? window_override : rule.window_intervals(b.height);
        double timespan =
            static_cast<double>(b.time_unix - a.time_unix) * static_cast<double>(window) / 2016.0;
        double predicted = rule.next_difficulty(a.difficulty, timespan);
        fit.max_abs = std::max(fit.max_abs, std::fabs(predicted / b.difficulty - 1));
        fit.mean_signed_log += std::log(predicted / b.difficulty);
        ++n;
    }
    fit.mean_signed_log /= n;
    return fit;
}

TEST(RetargetRule, ReproducesEveryRealBitcoinRetarget) {
    auto h = testing::load_or_die(testing::bitcoin_epochs_csv());
    RuleFit fit = fit_rule(h, chain::bitcoin_retarget_rule(), 0);
    // Block timestamps are only roughly ordered (up to 2 hours off), hence not exact.
    EXPECT_LT(fit.max_abs, 0.005);
}

TEST(RetargetRule, ReproducesEveryRealLitecoinRetarget) {
    auto h = testing::load_or_die(testing::litecoin_epochs_csv());
    RuleFit fit = fit_rule(h, chain::litecoin_retarget_rule(), 0);
    EXPECT_LT(fit.max_abs, 0.005);
}

TEST(RetargetRule, TheDataAgreesWithEachChainsWindow) {
    // With its own window each chain's mean error is smaller than with the other's (a 2015/2016
    // bias is 0.05%); the windows themselves are checked in unit_chain.
    auto btc = testing::load_or_die(testing::bitcoin_epochs_csv());
    auto ltc = testing::load_or_die(testing::litecoin_epochs_csv());
    EXPECT_LT(std::fabs(fit_rule(btc, chain::bitcoin_retarget_rule(), 2015).mean_signed_log),
              std::fabs(fit_rule(btc, chain::bitcoin_retarget_rule(), 2016).mean_signed_log));
    EXPECT_LT(std::fabs(fit_rule(ltc, chain::litecoin_retarget_rule(), 2016).mean_signed_log),
              std::fabs(fit_rule(ltc, chain::litecoin_retarget_rule(), 2015).mean_signed_log));
}

TEST(RetargetRule, ClampsAtFactorFourAsInJuly2010) {
    auto h = testing::load_or_die(testing::bitcoin_epochs_csv());
    const DifficultyPoint *before = nullptr, *after = nullptr;
    for (const auto& p : h.points) {
        if (p.height == 66528) before = &p;
        if (p.height == 68544) after = &p;
    }
    ASSERT_TRUE(before && after);
    // The epoch lasted 3.35 days: 14 / 3.35 > 4, so the rule caps the rise at 4.
    double days = static_cast<double>(after->time_unix - before->time_unix) / 86400.0;
    EXPECT_LT(days, 3.5);
    double predicted = chain::bitcoin_retarget_rule().next_difficulty(
        before->difficulty, static_cast<double>(after->time_unix - before->time_unix));
    EXPECT_DOUBLE_EQ(predicted, 4 * before->difficulty);
    EXPECT_NEAR(after->difficulty / before->difficulty, 4.0, 1e-4);
}

TEST(RetargetRule, DetectsTheChainFromEpochLengths) {
    auto btc = testing::load_or_die(testing::bitcoin_epochs_csv());
    auto ltc = testing::load_or_die(testing::litecoin_epochs_csv());
    auto per_row = testing::load_or_die(testing::per_block_csv());
    ASSERT_NE(detect_retarget_rule(btc), nullptr);
    EXPECT_EQ(detect_retarget_rule(btc)->chain, "bitcoin");
    EXPECT_EQ(detect_retarget_rule(ltc)->chain, "litecoin");
    EXPECT_EQ(detect_retarget_rule(per_row), nullptr);
}

TEST(EpochRetargetForecast, AtTheLastBlockItIsTheRuleItself) {
    const auto& rule = chain::bitcoin_retarget_rule();
    DifficultyPoint start{2016 * 300, 1'600'000'000, 0, 1e13};
    // The epoch took exactly 13 days over its 2015 intervals.
    EpochProgress progress{start.height + 2015, start.time_unix + 13 * 86400, std::nullopt};
    auto f = forecast_epoch_retarget(rule, start, progress, ChangePrior{0.0, 0.05}, 0.9);
    ASSERT_TRUE(f) << f.error().message;
    EXPECT_EQ(f->retarget_height, start.height + 2016);
    EXPECT_EQ(f->blocks_remaining, 1);
    EXPECT_NEAR(f->difficulty, 1e13 * 14.0 / 13.0, 1e13 * 1e-9);
    EXPECT_NEAR(f->low, f->difficulty, 1e13 * 1e-9);
    EXPECT_NEAR(f->high, f->difficulty, 1e13 * 1e-9);
}

TEST(EpochRetargetForecast, RejectsATipOutsideTheEpoch) {
    const auto& rule = chain::litecoin_retarget_rule();
    DifficultyPoint start{2016 * 10, 1'600'000'000, 0, 1e6};
    EXPECT_FALSE(forecast_epoch_retarget(rule, start, {start.height - 1, start.time_unix, {}},
                                         ChangePrior{}, 0.9));
    EXPECT_FALSE(forecast_epoch_retarget(rule, start, {start.height + 2016, start.time_unix, {}},
                                         ChangePrior{}, 0.9));
    EXPECT_FALSE(forecast_epoch_retarget(rule, start, {start.height + 5, start.time_unix, {}},
                                         ChangePrior{}, 1.5));
    DifficultyPoint unaligned{2017, 1'600'000'000, 0, 1e6};
    EXPECT_FALSE(
        forecast_epoch_retarget(rule, unaligned, {2020, 1'600'000'100, {}}, ChangePrior{}, 0.9));
}

// Simulated epochs at a hashrate the prior is unsure of: the 90% interval of the retarget covers
// the simulated outcome in about 90% of epochs, at every stage of the epoch.
TEST(EpochRetargetForecast, IntervalCoversSimulatedEpochs) {
    const auto& rule = chain::litecoin_retarget_rule();
    std::mt19937_64 rng(20240501);
    std::normal_distribution<double> hashrate_noise(0.0, 0.05);
    const int trials = 1500;
    for (int64_t mined : {0, 200, 1000, 1900}) {
        int covered = 0;
        for (int t = 0; t < trials; ++t) {
            // True mean interval: the prior's (150 s) times a lognormal surprise of sd 0.05.
            double mean_interval = 150.0 * std::exp(hashrate_noise(rng));
            std::exponential_distribution<double> gap(1.0 / mean_interval);
            DifficultyPoint start{2016 * 500, 1'600'000'000, 0, 1e7};
            double previous = start.time_unix - gap(rng);
            double time = start.time_unix, tip_time = time;
            for (int64_t i = 1; i <= 2015; ++i) {
                time += gap(rng);
                if (i == mined) tip_time = time;
            }
            if (mined == 0) tip_time = start.time_unix;
            double actual = rule.next_difficulty(start.difficulty, time - previous);
            EpochProgress progress{start.height + mined,
                                   static_cast<int64_t>(std::llround(tip_time)),
                                   static_cast<int64_t>(std::llround(previous))};
            // Prior: no change expected (150 s per block), uncertain by 5%.
            auto f = forecast_epoch_retarget(rule, start, progress, ChangePrior{0.0, 0.05}, 0.9);
            ASSERT_TRUE(f);
            if (actual >= f->low && actual <= f->high) ++covered;
        }
        double coverage = static_cast<double>(covered) / trials;
        // Binomial sd at 1500 trials is 0.8%; rounding of times to seconds adds a little.
        EXPECT_NEAR(coverage, 0.9, 0.035) << "after " << mined << " blocks";
    }
}

}  // namespace
}  // namespace viddhana::analytics
