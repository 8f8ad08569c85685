// Training, saving and loading the difficulty forecaster, and the forecasts it gives: the next six
// retargets with intervals, the epoch in progress by the rule, the per-row fallback, and clear
// errors for missing or corrupt model files.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "analytics/difficulty_forecaster.h"
#include "analytics/forecaster_file.h"
#include "test_data.h"

namespace viddhana::analytics {
namespace {

std::string temp_path(const std::string& name) {
    return (std::filesystem::temp_directory_path() /
            ("viddhana-ai-" + std::to_string(::getpid()) + "-" + name))
        .string();
}

TEST(DifficultyForecaster, TrainsTheDefaultWhereItBeatsTheBaselines) {
    auto h = testing::load_or_die(testing::bitcoin_epochs_csv());
    auto trained = train_forecaster(h, TrainOptions{});
    ASSERT_TRUE(trained) << trained.error().message;
    EXPECT_EQ(trained->model.spec.name(), default_model_spec().name());
    EXPECT_EQ(trained->chain, "bitcoin");
    EXPECT_EQ(trained->span.rows, 355u);
    EXPECT_EQ(trained->span.last_height, 715680);
    ASSERT_EQ(trained->errors.size(), static_cast<size_t>(kMaxForecastHorizon));
    EXPECT_EQ(trained->errors[0].size(), 104u);
    EXPECT_EQ(trained->metrics.size(), 3u);  // the model and the two baselines
    EXPECT_NE(trained->selection.find("beats both baselines"), std::string::npos);
}

TEST(DifficultyForecaster, ForecastsSixRetargetsWithIntervals) {
    auto h = testing::load_or_die(testing::litecoin_epochs_csv());
    auto f = forecast_difficulty(h, ForecastOptions{});
    ASSERT_TRUE(f) << f.error().message;
    ASSERT_EQ(f->steps.size(), 6u);
    EXPECT_EQ(f->chain, "litecoin");
    int64_t previous_time = h.points.back().time_unix;
    for (const auto& s : f->steps) {
        EXPECT_EQ(s.height, h.points.back().height + 2016 * s.horizon);
        EXPECT_LT(s.low, s.difficulty);
        EXPECT_GT(s.high, s.difficulty);
        // An epoch lasts between a quarter and four times 3.5 days.
        EXPECT_GT(s.expected_time_unix - previous_time, 302400 / 4);
        EXPECT_LT(s.expected_time_unix - previous_time, 302400 * 4);
        previous_time = s.expected_time_unix;
    }
    // Intervals widen with the horizon.
    EXPECT_GT(f->steps[5].high / f->steps[5].low, f->steps[0].high / f->steps[0].low);
}

TEST(DifficultyForecaster, EpochInProgressNarrowsTheNextRetarget) {
    auto full = testing::load_or_die(testing::bitcoin_epochs_csv());
    auto h = full.prefix(full.size() - 1);  // the last row becomes the truth to forecast
    const auto& start = h.points.back();
    const auto& truth = full.points.back();
    // 1500 blocks into the epoch, at the pace the whole epoch actually had.
    double pace = static_cast<double>(truth.time_unix - start.time_unix) / 2016.0;
    EpochProgress progress{start.height + 1500, start.time_unix + static_cast<int64_t>(1500 * pace),
                           std::nullopt};
    ForecastOptions without;
    ForecastOptions with;
    with.progress = progress;
    auto a = forecast_difficulty(h, without);
    auto b = forecast_difficulty(h, with);
    ASSERT_TRUE(a && b);
    ASSERT_TRUE(b->current_epoch.has_value());
    EXPECT_EQ(b->current_epoch->retarget_height, truth.height);
    EXPECT_EQ(b->current_epoch->blocks_mined, 1501);
    EXPECT_LT(b->steps[0].high / b->steps[0].low, a->steps[0].high / a->steps[0].low);
    EXPECT_NEAR(b->steps[0].difficulty / truth.difficulty, 1.0, 0.01);
    EXPECT_LE(b->steps[0].low, truth.difficulty);
    EXPECT_GE(b->steps[0].high, truth.difficulty);
}

TEST(DifficultyForecaster, PerRowHistoryIsForecastPerRowAndSaysSo) {
    auto h = testing::load_or_die(testing::per_block_csv());
    auto f = forecast_difficulty(h, ForecastOptions{});
    ASSERT_TRUE(f) << f.error().message;
    EXPECT_EQ(f->spacing, HistorySpacing::per_row);
    EXPECT_NE(f->method.find("per-row model"), std::string::npos);
    EXPECT_NE(f->method.find("no protocol rule"), std::string::npos);
    EXPECT_EQ(f->steps[0].height, h.points.back().height + 1);
    ForecastOptions with_progress;
    with_progress.progress =
        EpochProgress{h.points.back().height + 1, h.points.back().time_unix, {}};
    auto rejected = forecast_difficulty(h, with_progress);
    ASSERT_FALSE(rejected);
    EXPECT_NE(rejected.error().message.find("per-row"), std::string::npos);
}

TEST(ForecasterFile, RoundTripsAndForecastsTheSame) {
    auto h = testing::load_or_die(testing::bitcoin_epochs_csv());
    auto trained = train_forecaster(h, TrainOptions{});
    ASSERT_TRUE(trained);
    std::string path = temp_path("model.json");
    ASSERT_TRUE(save_forecaster(*trained, path));
    auto loaded = load_forecaster(path);
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_EQ(loaded->model.spec.name(), trained->model.spec.name());
    EXPECT_EQ(loaded->span.last_height, 715680);
    EXPECT_EQ(loaded->metrics.size(), trained->metrics.size());
    auto a = forecast_difficulty(h, *trained, ForecastOptions{});
    auto b = forecast_difficulty(h, *loaded, ForecastOptions{});
    ASSERT_TRUE(a && b);
    for (size_t i = 0; i < a->steps.size(); ++i) {
        EXPECT_NEAR(a->steps[i].difficulty / b->steps[i].difficulty, 1.0, 1e-12);
        EXPECT_NEAR(a->steps[i].low / b->steps[i].low, 1.0, 1e-12);
    }
    std::remove(path.c_str());
}

TEST(ForecasterFile, MissingOrCorruptFilesGiveClearErrors) {
    auto missing = load_forecaster("/nonexistent/model.json");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("cannot open model file"), std::string::npos);

    auto h = testing::load_or_die(testing::litecoin_epochs_csv());
    auto trained = train_forecaster(h, TrainOptions{});
    ASSERT_TRUE(trained);
    std::string good = forecaster_to_json(*trained);
    struct Case {
        std::string text;
        const char* message_part;
    };
    std::string wrong_params = good;
    auto pos = wrong_params.find("\"parameters\": [");
    ASSERT_NE(pos, std::string::npos);
    wrong_params.insert(pos + 15, "0.5, ");
    std::vector<Case> cases{
        {good.substr(0, good.size() / 2), "not valid JSON"},
        {"[]", "\"format\""},
        {R"({"format":"viddhana-difficulty-model","version":9})", "version"},
        {R"({"format":"viddhana-difficulty-model","version":1})", "missing or mistyped"},
        {wrong_params, "parameters"},
    };
    for (const auto& c : cases) {
        auto parsed = forecaster_from_json(c.text, "m.json");
        ASSERT_FALSE(parsed) << c.message_part;
        EXPECT_NE(parsed.error().message.find(c.message_part), std::string::npos)
            << parsed.error().message;
        EXPECT_NE(parsed.error().message.find("m.json"), std::string::npos);
    }
}

TEST(ForecasterFile, RefusesAHistoryOfAnotherShape) {
    auto epochs = testing::load_or_die(testing::litecoin_epochs_csv());
    auto per_row = testing::load_or_die(testing::per_block_csv());
    auto trained = train_forecaster(epochs, TrainOptions{});
    ASSERT_TRUE(trained);
    auto f = forecast_difficulty(per_row, *trained, ForecastOptions{});
    ASSERT_FALSE(f);
    EXPECT_NE(f.error().message.find("trained on retarget-epochs rows"), std::string::npos);
}

}  // namespace
}  // namespace viddhana::analytics
