// Walk-forward backtest of difficulty models: at every origin the model is fitted on the rows up to
// it (never later ones), forecasts h rows ahead, and is scored when the truth arrives. Intervals
// come from the same model's own earlier walk-forward errors (empirical quantiles of the most
// recent ones whose truth was known at the origin), so they too use only the past.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analytics/difficulty_history.h"
#include "analytics/epoch_forecast.h"
#include "analytics/forecast_model.h"
#include "base/expected.h"

namespace viddhana::analytics {

struct BacktestOptions {
    std::vector<int> horizons{1, 2, 4};
    double coverage = 0.9;
    size_t min_train_changes = 24;  // changes a model sees before its first forecast
    size_t calibration = 24;        // past errors needed before an interval is scored
    size_t residual_window = 104;   // most recent past errors the interval quantiles use
    size_t first_scored_row = 0;    // score only origins at or after this row (a slice)
};

struct HorizonScore {
    int horizon = 0;
    size_t forecasts = 0;
    double mape = 0;        // mean |forecast - actual| / actual, in percent
    double coverage = 0;    // fraction of actuals inside the interval
    double mean_width = 0;  // mean (high - low) / actual, in percent
};

struct ModelScore {
    ModelSpec spec;
    std::vector<HorizonScore> horizons;  // in BacktestOptions::horizons order
    const HorizonScore* at(int horizon) const;
};

struct BacktestReport {
    std::string source;
    HistorySpacing spacing = HistorySpacing::per_row;
    std::string chain;  // detected rule, or "" for per-row histories
    size_t rows = 0;
    int64_t first_scored_height = 0;
    int64_t last_scored_height = 0;  // origin of the last scored forecast
    std::vector<ModelScore> models;

    const ModelScore* find(const ModelSpec& spec) const;
    // True when `spec` has a lower MAPE than both baselines at every horizon.
    bool beats_baselines(const ModelSpec& spec) const;
};

// The candidate set the backtest and training compare: the two baselines first.
std::vector<ModelSpec> candidate_models();
// The model forecasts use unless training finds it does not beat both baselines on its data.
ModelSpec default_model_spec();

// Changes are clamped to the rule's factor and the level to its minimum difficulty when a rule
// applies; nullptr leaves the path as predicted.
void apply_rule_limits(std::vector<double>& log_path, double last_log,
                       const chain::RetargetRule* rule);

Expected<BacktestReport> run_backtest(const DifficultyHistory& history,
                                      const std::vector<ModelSpec>& models,
                                      const BacktestOptions& options);

// Per-horizon walk-forward errors (actual - forecast, in log space) of one model over the whole
// history, most recent last: what a trained model keeps to size its intervals.
struct WalkForwardErrors {
    std::vector<std::vector<double>> by_horizon;  // index h-1
};
Expected<WalkForwardErrors> walk_forward_errors(const DifficultyHistory& history,
                                                const ModelSpec& spec, int max_horizon,
                                                size_t min_train_changes);

// Markdown table of a report (one line per model, MAPE and coverage per horizon).
std::string format_backtest_table(const BacktestReport& report, double coverage);

}  // namespace viddhana::analytics
