// Forecasting models on a log-difficulty series x_0..x_{n-1} (one value per retarget epoch, or per
// row for chains that retarget every block). Each model is fitted on the past only and predicts
// x_{n-1+h} for h = 1..H. The baselines need no fitting; the learned ones hold their parameters,
// which a model file stores.
#pragma once
#include <span>
#include <string>
#include <vector>

#include "base/expected.h"

namespace viddhana::analytics {

enum class ModelKind {
    last_value,    // baseline: x_{n-1+h} = x_{n-1}
    last_change,   // baseline: the last change repeated, x_{n-1} + h (x_{n-1} - x_{n-2})
    drift,         // mean change over the window, repeated
    damped_trend,  // Holt's linear smoothing with a damped trend, fitted by one-step SSE
    ar,            // AR(p) on changes with an intercept, least squares over the window
};
const char* to_string(ModelKind k);
Expected<ModelKind> parse_model_kind(std::string_view name);

struct ModelSpec {
    ModelKind kind = ModelKind::last_value;
    int order = 0;   // AR order p
    int window = 0;  // how many most recent changes the fit uses (0: all)

    std::string name() const;  // "ar(2,w104)", "last-value", ...
    bool is_baseline() const {
        return kind == ModelKind::last_value || kind == ModelKind::last_change;
    }
    // Changes needed before the model can be fitted.
    size_t min_changes() const;
};
Expected<ModelSpec> parse_model_spec(std::string_view name);

struct FittedModel {
    ModelSpec spec;
    // ar: [c, phi_1..phi_p]; drift: [mean change]; damped_trend: [alpha, beta, phi].
    std::vector<double> parameters;
};

// Fits on the series (only its past is ever passed). Fails when the series is too short.
Expected<FittedModel> fit_model(const ModelSpec& spec, std::span<const double> log_series);
// Predicted log values for horizons 1..horizon after the series' last value.
std::vector<double> predict(const FittedModel& model, std::span<const double> log_series,
                            int horizon);

}  // namespace viddhana::analytics
