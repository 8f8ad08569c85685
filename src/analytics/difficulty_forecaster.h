// The trained difficulty forecaster and the forecast it gives: the current epoch's retarget by the
// protocol rule from the blocks already mined, and the next retargets (or rows) by the model, each
// with an interval sized from the model's own walk-forward errors on its training data.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analytics/difficulty_backtest.h"
#include "analytics/difficulty_history.h"
#include "analytics/epoch_forecast.h"
#include "analytics/forecast_model.h"
#include "base/expected.h"

namespace viddhana::analytics {

inline constexpr int kMaxForecastHorizon = 6;

struct TrainingSpan {
    std::string source;
    size_t rows = 0;
    int64_t first_height = 0, last_height = 0;
    int64_t first_time_unix = 0, last_time_unix = 0;
};

struct TrainedForecaster {
    FittedModel model;
    std::string chain;  // "bitcoin", "litecoin", or "" for per-row histories
    HistorySpacing spacing = HistorySpacing::per_row;
    TrainingSpan span;
    // Walk-forward errors (actual - forecast, log) per horizon 1..kMaxForecastHorizon, the most
    // recent BacktestOptions::residual_window of each.
    std::vector<std::vector<double>> errors;
    std::vector<ModelScore> metrics;  // backtest on the training data: chosen model + baselines
    std::string selection;            // why this model was chosen
};

struct TrainOptions {
    std::string chain;  // "" detects from the data
    BacktestOptions backtest;
    std::optional<ModelSpec> model;  // force a model (still backtested and reported)
};

// Backtests the candidates on the history, keeps the default model if it beats both baselines
// there (else the best candidate that does, else the better baseline), fits it on all rows.
Expected<TrainedForecaster> train_forecaster(const DifficultyHistory& history,
                                             const TrainOptions& options);

struct ForecastOptions {
    int horizons = kMaxForecastHorizon;  // retargets (rows) ahead, 1..6
    double coverage = 0.9;
    std::optional<EpochProgress> progress;  // blocks mined since the history's last row
};

struct DifficultyStep {
    int horizon = 0;  // 1 = the next retarget (the end of the epoch in progress)
    int64_t height = 0;
    int64_t expected_time_unix = 0;
    double difficulty = 0, low = 0, high = 0;
    double change_percent = 0;  // against the history's last difficulty
};

struct DifficultyForecast {
    std::string
        method;  // what produced it, e.g. "retarget-epochs, bitcoin rule, damped-trend(w104)"
    std::string model;
    std::string chain;
    HistorySpacing spacing = HistorySpacing::per_row;
    double coverage = 0.9;
    int64_t last_height = 0;
    double last_difficulty = 0;
    std::optional<EpochRetargetForecast> current_epoch;  // when progress was given
    std::vector<DifficultyStep> steps;
};

Expected<DifficultyForecast> forecast_difficulty(const DifficultyHistory& history,
                                                 const TrainedForecaster& forecaster,
                                                 const ForecastOptions& options);
// Trains on the history itself first (for callers without a model file).
Expected<DifficultyForecast> forecast_difficulty(const DifficultyHistory& history,
                                                 const ForecastOptions& options);

}  // namespace viddhana::analytics
