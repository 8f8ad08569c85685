#include "analytics/difficulty_backtest.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "analytics/statistics.h"

namespace viddhana::analytics {

const HorizonScore* ModelScore::at(int horizon) const {
    for (const auto& h : horizons)
        if (h.horizon == horizon) return &h;
    return nullptr;
}

const ModelScore* BacktestReport::find(const ModelSpec& spec) const {
    for (const auto& m : models)
        if (m.spec.name() == spec.name()) return &m;
    return nullptr;
}

bool BacktestReport::beats_baselines(const ModelSpec& spec) const {
    const ModelScore* model = find(spec);
    const ModelScore* lv = find(ModelSpec{ModelKind::last_value, 0, 0});
    const ModelScore* lc = find(ModelSpec{ModelKind::last_change, 0, 0});
    if (!model || !lv || !lc) return false;
    for (const auto& h : model->horizons) {
        const HorizonScore* a = lv->at(h.horizon);
        const HorizonScore* b = lc->at(h.horizon);
        if (!a || !b || h.forecasts == 0) return false;
        if (!(h.mape < a->mape && h.mape < b->mape)) return false;
    }
    return true;
}

std::vector<ModelSpec> candidate_models() {
    return {
        {ModelKind::last_value, 0, 0},    {ModelKind::last_change, 0, 0},
        {ModelKind::drift, 0, 8},         {ModelKind::drift, 0, 26},
        {ModelKind::damped_trend, 0, 52}, {ModelKind::damped_trend, 0, 104},
        {ModelKind::ar, 1, 104},          {ModelKind::ar, 2, 104},
        {ModelKind::ar, 3, 104},
    };
}

ModelSpec default_model_spec() {
    return {ModelKind::damped_trend, 0, 104};
}

void apply_rule_limits(std::vector<double>& log_path, double last_log,
                       const chain::RetargetRule* rule) {
    if (!rule) return;
    double max_step = rule->max_log_change();
    double floor = std::log(rule->min_difficulty);
    double prev = last_log;
    for (double& x : log_path) {
        x = std::clamp(x, prev - max_step, prev + max_step);
        x = std::max(x, floor);
        prev = x;
    }
}

namespace {

std::vector<double> log_series_of(const DifficultyHistory& history) {
    std::vector<double> x;
    x.reserve(history.points.size());
    for (const auto& p : history.points)
        x.push_back(std::log(p.difficulty));
    return x;
}

// predictions[t][h-1]: forecast made at origin t (rows 0..t known) for row t+h; NaN when none.
std::vector<std::vector<double>> walk_forward(const std::vector<double>& x, const ModelSpec& spec,
                                              int max_h, size_t min_train_changes,
                                              const chain::RetargetRule* rule) {
    std::vector<std::vector<double>> out(x.size());
    size_t first = std::max(min_train_changes, spec.min_changes());
    for (size_t t = first; t + 1 < x.size(); ++t) {
        std::span<const double> past(x.data(), t + 1);
        auto model = fit_model(spec, past);
        if (!model) continue;
        auto path = predict(*model, past, max_h);
        apply_rule_limits(path, past.back(), rule);
        out[t] = std::move(path);
    }
    return out;
}

}  // namespace

Expected<WalkForwardErrors> walk_forward_errors(const DifficultyHistory& history,
                                                const ModelSpec& spec, int max_horizon,
                                                size_t min_train_changes) {
    auto x = log_series_of(history);
    auto predictions =
        walk_forward(x, spec, max_horizon, min_train_changes, detect_retarget_rule(history));
    WalkForwardErrors errors;
    errors.by_horizon.resize(static_cast<size_t>(max_horizon));
    for (size_t t = 0; t < x.size(); ++t) {
        for (int h = 1; h <= max_horizon; ++h) {
            if (predictions[t].size() < static_cast<size_t>(h) || t + h >= x.size()) continue;
            errors.by_horizon[static_cast<size_t>(h - 1)].push_back(
                x[t + h] - predictions[t][static_cast<size_t>(h - 1)]);
        }
    }
    if (errors.by_horizon[0].empty())
        return make_error(fmt::format("{}: {} rows are too few to measure {}'s errors",
                                      history.source, history.size(), spec.name()));
    return errors;
}

Expected<BacktestReport> run_backtest(const DifficultyHistory& history,
                                      const std::vector<ModelSpec>& models,
                                      const BacktestOptions& options) {
    if (options.horizons.empty()) return make_error("no horizons to score");
    for (int h : options.horizons)
        if (h < 1 || h > 52) return make_error(fmt::format("horizon {} is not in 1..52", h));
    if (!(options.coverage > 0 && options.coverage < 1))
        return make_error(fmt::format("coverage {} is not in (0, 1)", options.coverage));
    if (options.residual_window < options.calibration || options.calibration < 5)
        return make_error("the residual window must hold at least the calibration count (>= 5)");
    const int max_h = *std::max_element(options.horizons.begin(), options.horizons.end());
    const auto x = log_series_of(history);
    // The first origin every model and horizon can score at, so all are scored on the same rows.
    size_t first_scored =
        options.min_train_changes + options.calibration + static_cast<size_t>(max_h) - 1;
    for (const auto& spec : models)
        first_scored = std::max(first_scored, spec.min_changes() + options.calibration +
                                                  static_cast<size_t>(max_h) - 1);
    first_scored = std::max(first_scored, options.first_scored_row);
    if (first_scored + static_cast<size_t>(max_h) >= x.size())
        return make_error(fmt::format(
            "{}: {} rows are too few for a walk-forward backtest at horizon {} (the first scored "
            "origin is row {}: {} training changes + {} calibration errors)",
            history.source, x.size(), max_h, first_scored + 1, options.min_train_changes,
            options.calibration));

    const chain::RetargetRule* rule = detect_retarget_rule(history);
    BacktestReport report;
    report.source = history.source;
    report.spacing = history.spacing;
    report.chain = rule ? rule->chain : "";
    report.rows = x.size();
    report.first_scored_height = history.points[first_scored].height;
    const double lo_q = (1 - options.coverage) / 2, hi_q = 1 - lo_q;

    for (const auto& spec : models) {
        auto predictions = walk_forward(x, spec, max_h, options.min_train_changes, rule);
        ModelScore score{spec, {}};
        for (int h : options.horizons) {
            HorizonScore hs{h, 0, 0, 0, 0};
            size_t covered = 0;
            std::vector<double> errors;  // errors whose truth is known, in origin order
            size_t next_error_origin = 0;
            for (size_t t = 0; t + static_cast<size_t>(h) < x.size(); ++t) {
                // Errors of origins s with s + h <= t are known at origin t.
                for (; next_error_origin + static_cast<size_t>(h) <= t; ++next_error_origin) {
                    const auto& p = predictions[next_error_origin];
                    if (p.size() >= static_cast<size_t>(h))
                        errors.push_back(x[next_error_origin + static_cast<size_t>(h)] -
                                         p[static_cast<size_t>(h - 1)]);
                }
                if (t < first_scored || predictions[t].size() < static_cast<size_t>(h)) continue;
                if (errors.size() < options.calibration) continue;
                size_t n = std::min(errors.size(), options.residual_window);
                std::vector<double> recent(errors.end() - static_cast<std::ptrdiff_t>(n),
                                           errors.end());
                double forecast = predictions[t][static_cast<size_t>(h - 1)];
                double actual = x[t + static_cast<size_t>(h)];
                double low = forecast + empirical_quantile(recent, lo_q);
                double high = forecast + empirical_quantile(recent, hi_q);
                hs.forecasts++;
                hs.mape += std::fabs(std::exp(forecast - actual) - 1.0);
                hs.mean_width += (std::exp(high) - std::exp(low)) / std::exp(actual);
                if (actual >= low && actual <= high) covered++;
                report.last_scored_height =
                    std::max(report.last_scored_height, history.points[t].height);
            }
            if (hs.forecasts > 0) {
                double n = static_cast<double>(hs.forecasts);
                hs.mape = 100.0 * hs.mape / n;
                hs.mean_width = 100.0 * hs.mean_width / n;
                hs.coverage = static_cast<double>(covered) / n;
            }
            score.horizons.push_back(hs);
        }
        report.models.push_back(std::move(score));
    }
    return report;
}

std::string format_backtest_table(const BacktestReport& report, double coverage) {
    std::string out = fmt::format("{}: {} rows ({}{}), origins scored from height {} to {}\n\n",
                                  report.source, report.rows, to_string(report.spacing),
                                  report.chain.empty() ? "" : ", " + report.chain + " rule",
                                  report.first_scored_height, report.last_scored_height);
    out += "| model |";
    std::string rule = "|---|";
    if (report.models.empty()) return out;
    for (const auto& h : report.models.front().horizons) {
        out += fmt::format(" h={} MAPE % | h={} cover {:.0f}% |", h.horizon, h.horizon,
                           coverage * 100);
        rule += "---:|---:|";
    }
    out += "\n" + rule + "\n";
    for (const auto& m : report.models) {
        out += "| " + m.spec.name() + " |";
        for (const auto& h : m.horizons)
            out += fmt::format(" {:.2f} | {:.1f}% |", h.mape, h.coverage * 100);
        out += "\n";
    }
    return out;
}

}  // namespace viddhana::analytics
