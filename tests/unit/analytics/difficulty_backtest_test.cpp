// The walk-forward backtest on a short slice of real history (Bitcoin 2016-2021): the default model
// must beat both baselines there, and its 90% intervals must cover roughly 90%. The slice keeps the
// test fast; the full tables are in docs/analytics.md (`viddhana analytics backtest --data FILE`).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "analytics/difficulty_backtest.h"
#include "test_data.h"

namespace viddhana::analytics {
namespace {

const ModelSpec kLastValue{ModelKind::last_value, 0, 0};
const ModelSpec kLastChange{ModelKind::last_change, 0, 0};

TEST(DifficultyBacktest, DefaultModelBeatsBothBaselinesOnRecentBitcoin) {
    auto h = testing::load_or_die(testing::bitcoin_epochs_csv());
    BacktestOptions options;
    options.first_scored_row = 250;  // height 506016, March 2018, onwards: 100 origins
    auto report = run_backtest(h, {kLastValue, kLastChange, default_model_spec()}, options);
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->chain, "bitcoin");
    EXPECT_EQ(report->first_scored_height, 506016);
    const ModelScore* model = report->find(default_model_spec());
    ASSERT_NE(model, nullptr);
    for (const auto& hs : model->horizons) {
        const auto* lv = report->find(kLastValue)->at(hs.horizon);
        const auto* lc = report->find(kLastChange)->at(hs.horizon);
        EXPECT_LT(hs.mape, lv->mape) << "h=" << hs.horizon;
        EXPECT_LT(hs.mape, lc->mape) << "h=" << hs.horizon;
        EXPECT_GE(hs.forecasts, 95u);
        // About 100 forecasts: a 90% interval's coverage is 90% +- 3% (1 sd); the errors drift.
        EXPECT_GT(hs.coverage, 0.75) << "h=" << hs.horizon;
        EXPECT_LT(hs.coverage, 0.99) << "h=" << hs.horizon;
    }
    EXPECT_TRUE(report->beats_baselines(default_model_spec()));
    EXPECT_FALSE(report->beats_baselines(kLastValue));
}

TEST(DifficultyBacktest, UsesOnlyThePast) {
    // Changing a row after the origin must not change any forecast made before it: compare the
    // scores of two histories that differ only in their last row, on origins that never see it.
    auto h = testing::load_or_die(testing::bitcoin_epochs_csv());
    auto cut = h.prefix(300);
    auto altered = cut;
    altered.points.back().difficulty *= 1.5;
    BacktestOptions options;
    options.horizons = {1};
    options.first_scored_row = 200;
    auto a = run_backtest(cut, {default_model_spec()}, options);
    auto b = run_backtest(altered, {default_model_spec()}, options);
    ASSERT_TRUE(a && b);
    // Only the last forecast (origin 298, target row 299) scores against the altered row.
    const auto& sa = a->models[0].horizons[0];
    const auto& sb = b->models[0].horizons[0];
    ASSERT_EQ(sa.forecasts, sb.forecasts);
    double n = static_cast<double>(sa.forecasts);
    EXPECT_GT(std::fabs(sa.mape - sb.mape) * n, 1.0);  // that one forecast's error changed
    auto c = run_backtest(cut.prefix(299), {default_model_spec()}, options);
    auto d = run_backtest(altered.prefix(299), {default_model_spec()}, options);
    ASSERT_TRUE(c && d);
    EXPECT_DOUBLE_EQ(c->models[0].horizons[0].mape, d->models[0].horizons[0].mape);
}

TEST(DifficultyBacktest, PerRowHistoriesRunWithoutTheRule) {
    auto h = testing::load_or_die(testing::per_block_csv());
    auto report = run_backtest(h, candidate_models(), BacktestOptions{});
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->spacing, HistorySpacing::per_row);
    EXPECT_EQ(report->chain, "");
    for (const auto& m : report->models)
        for (const auto& hs : m.horizons) {
            EXPECT_GT(hs.forecasts, 200u);
            EXPECT_TRUE(std::isfinite(hs.mape));
        }
}

TEST(DifficultyBacktest, RejectsBadOptionsAndShortHistories) {
    auto h = testing::load_or_die(testing::bitcoin_epochs_csv());
    BacktestOptions bad;
    bad.horizons = {0};
    EXPECT_FALSE(run_backtest(h, candidate_models(), bad));
    bad = {};
    bad.coverage = 1.2;
    EXPECT_FALSE(run_backtest(h, candidate_models(), bad));
    auto short_history = run_backtest(h.prefix(30), candidate_models(), BacktestOptions{});
    ASSERT_FALSE(short_history);
    EXPECT_NE(short_history.error().message.find("too few"), std::string::npos);
}

TEST(ForecastModel, SpecNamesRoundTrip) {
    for (const auto& spec : candidate_models()) {
        auto parsed = parse_model_spec(spec.name());
        ASSERT_TRUE(parsed) << spec.name();
        EXPECT_EQ(parsed->name(), spec.name());
    }
    EXPECT_FALSE(parse_model_spec("ar(0,w10)"));
    EXPECT_FALSE(parse_model_spec("ar(2)"));
    EXPECT_FALSE(parse_model_spec("lstm"));
    EXPECT_FALSE(parse_model_spec("last-value(w3)"));
}

TEST(ForecastModel, ArRecoversKnownCoefficients) {
    // Changes follow r_t = 0.01 + 0.5 r_{t-1} + e_t: least squares finds the coefficients.
    std::mt19937_64 rng(11);
    std::normal_distribution<double> noise(0.0, 0.01);
    std::vector<double> x{0.0};
    double r = 0.0;
    for (int i = 0; i < 400; ++i) {
        r = 0.01 + 0.5 * r + noise(rng);
        x.push_back(x.back() + r);
    }
    auto m = fit_model({ModelKind::ar, 1, 0}, x);
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_NEAR(m->parameters[0], 0.01, 2e-3);
    EXPECT_NEAR(m->parameters[1], 0.5, 0.1);
    auto path = predict(*m, x, 3);
    ASSERT_EQ(path.size(), 3u);
    EXPECT_NEAR(path[0] - x.back(), m->parameters[0] + m->parameters[1] * r, 1e-12);
}

}  // namespace
}  // namespace viddhana::analytics
