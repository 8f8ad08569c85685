#include "analytics/difficulty_forecaster.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "analytics/statistics.h"

namespace viddhana::analytics {

namespace {

std::vector<double> log_series_of(const DifficultyHistory& history) {
    std::vector<double> x;
    for (const auto& p : history.points)
        x.push_back(std::log(p.difficulty));
    return x;
}

double mean_mape(const ModelScore& score) {
    double sum = 0;
    for (const auto& h : score.horizons)
        sum += h.mape;
    return score.horizons.empty() ? 0 : sum / static_cast<double>(score.horizons.size());
}

std::string scores_text(const ModelScore& s) {
    std::string out;
    for (const auto& h : s.horizons)
        out += fmt::format("{}h{} {:.2f}%", out.empty() ? "" : ", ", h.horizon, h.mape);
    return out;
}

Expected<const chain::RetargetRule*> rule_of(const DifficultyHistory& history,
                                             const std::string& chain) {
    if (history.spacing != HistorySpacing::retarget_epochs) return nullptr;
    if (!chain.empty()) return chain::retarget_rule_for(chain);
    const chain::RetargetRule* rule = detect_retarget_rule(history);
    if (!rule)
        return make_error(fmt::format(
            "{}: the epochs' median length matches neither Bitcoin (14 days) nor Litecoin "
            "(3.5 days); name the chain",
            history.source));
    return rule;
}

}  // namespace

Expected<TrainedForecaster> train_forecaster(const DifficultyHistory& history,
                                             const TrainOptions& options) {
    auto rule = rule_of(history, options.chain);
    if (!rule) return rule.error();
    auto candidates = candidate_models();
    if (options.model &&
        std::none_of(candidates.begin(), candidates.end(),
                     [&](const ModelSpec& s) { return s.name() == options.model->name(); }))
        candidates.push_back(*options.model);
    auto report = run_backtest(history, candidates, options.backtest);
    if (!report) return report.error();

    const ModelSpec lv{ModelKind::last_value, 0, 0}, lc{ModelKind::last_change, 0, 0};
    ModelSpec chosen = default_model_spec();
    std::string selection;
    if (options.model) {
        chosen = *options.model;
        selection = fmt::format("{} was asked for; backtest MAPE {}", chosen.name(),
                                scores_text(*report->find(chosen)));
    } else if (report->beats_baselines(chosen)) {
        selection = fmt::format(
            "default {} beats both baselines: MAPE {} vs last-value {}, "
            "last-change {}",
            chosen.name(), scores_text(*report->find(chosen)), scores_text(*report->find(lv)),
            scores_text(*report->find(lc)));
    } else {
        const ModelScore* best = nullptr;
        for (const auto& m : report->models)
            if (!m.spec.is_baseline() && report->beats_baselines(m.spec) &&
                (!best || mean_mape(m) < mean_mape(*best)))
                best = &m;
        if (!best) {
            best = mean_mape(*report->find(lv)) <= mean_mape(*report->find(lc)) ? report->find(lv)
                                                                                : report->find(lc);
            selection = fmt::format(
                "no learned model beats both baselines on this data; using the better baseline "
                "{} (MAPE {})",
                best->spec.name(), scores_text(*best));
        } else {
            selection = fmt::format(
                "default {} does not beat both baselines here; {} does: MAPE {} vs last-value {}, "
                "last-change {}",
                chosen.name(), best->spec.name(), scores_text(*best),
                scores_text(*report->find(lv)), scores_text(*report->find(lc)));
        }
        chosen = best->spec;
    }

    auto x = log_series_of(history);
    auto fitted = fit_model(chosen, x);
    if (!fitted) return fitted.error();
    auto errors = walk_forward_errors(history, chosen, kMaxForecastHorizon,
                                      options.backtest.min_train_changes);
    if (!errors) return errors.error();

    TrainedForecaster out;
    out.model = std::move(*fitted);
    out.chain = *rule ? (*rule)->chain : "";
    out.spacing = history.spacing;
    out.span = {history.source,
                history.size(),
                history.points.front().height,
                history.points.back().height,
                history.points.front().time_unix,
                history.points.back().time_unix};
    for (auto& e : errors->by_horizon) {
        size_t keep = std::min(e.size(), options.backtest.residual_window);
        out.errors.emplace_back(e.end() - static_cast<std::ptrdiff_t>(keep), e.end());
    }
    for (const auto& m : report->models)
        if (m.spec.is_baseline() || m.spec.name() == chosen.name()) out.metrics.push_back(m);
    out.selection = std::move(selection);
    return out;
}

Expected<DifficultyForecast> forecast_difficulty(const DifficultyHistory& history,
                                                 const ForecastOptions& options) {
    auto trained = train_forecaster(history, TrainOptions{});
    if (!trained) return trained.error();
    return forecast_difficulty(history, *trained, options);
}

Expected<DifficultyForecast> forecast_difficulty(const DifficultyHistory& history,
                                                 const TrainedForecaster& forecaster,
                                                 const ForecastOptions& options) {
    if (options.horizons < 1 || options.horizons > kMaxForecastHorizon)
        return make_error(
            fmt::format("horizons must be 1..{}, got {}", kMaxForecastHorizon, options.horizons));
    if (!(options.coverage > 0.5 && options.coverage < 1))
        return make_error(fmt::format("coverage {} is not in (0.5, 1)", options.coverage));
    if (history.size() < 3) return make_error("a forecast needs at least 3 history rows");
    if (history.spacing != forecaster.spacing)
        return make_error(fmt::format("{} has {} rows but the model was trained on {} rows ({})",
                                      history.source, to_string(history.spacing),
                                      to_string(forecaster.spacing), forecaster.span.source));
    if (forecaster.errors.empty() || forecaster.errors[0].size() < 5)
        return make_error("the model holds too few walk-forward errors to size an interval");
    const chain::RetargetRule* rule = nullptr;
    if (history.spacing == HistorySpacing::retarget_epochs) {
        auto r = chain::retarget_rule_for(forecaster.chain);
        if (!r) return r.error();
        rule = *r;
    } else if (options.progress) {
        return make_error(
            "blocks mined in the current epoch apply only to a history of 2016-block epochs; "
            "this history is per-row");
    }

    auto x = log_series_of(history);
    const double last = x.back();
    const double lo_q = (1 - options.coverage) / 2, hi_q = 1 - lo_q;
    const double z = normal_quantile(hi_q);
    // Error quantiles at horizon h (log space); past the stored horizons, scaled by sqrt(h).
    auto quantiles = [&](int h) -> std::pair<double, double> {
        size_t i = static_cast<size_t>(h - 1);
        if (i < forecaster.errors.size() && forecaster.errors[i].size() >= 5)
            return {empirical_quantile(forecaster.errors[i], lo_q),
                    empirical_quantile(forecaster.errors[i], hi_q)};
        double s = std::sqrt(static_cast<double>(h));
        return {s * empirical_quantile(forecaster.errors[0], lo_q),
                s * empirical_quantile(forecaster.errors[0], hi_q)};
    };

    DifficultyForecast out;
    out.model = forecaster.model.spec.name();
    out.chain = forecaster.chain;
    out.spacing = history.spacing;
    out.coverage = options.coverage;
    out.last_height = history.points.back().height;
    out.last_difficulty = history.points.back().difficulty;
    out.method = rule ? fmt::format("retarget epochs, {} rule, model {}", rule->chain, out.model)
                      : fmt::format(
                            "per-row model {} (rows are not 2016-block epochs: no "
                            "protocol rule applied)",
                            out.model);

    // Row spacing in blocks and seconds, for heights and expected times.
    int64_t step_blocks = history.row_spacing_blocks;
    std::vector<double> gaps;
    for (size_t i = history.size() > 27 ? history.size() - 27 : 1; i < history.size(); ++i)
        gaps.push_back(
            static_cast<double>(history.points[i].time_unix - history.points[i - 1].time_unix));
    if (step_blocks <= 0) {
        std::vector<double> height_gaps;
        for (size_t i = 1; i < history.size(); ++i)
            height_gaps.push_back(
                static_cast<double>(history.points[i].height - history.points[i - 1].height));
        step_blocks = std::max<int64_t>(1, std::llround(median(height_gaps)));
    }

    std::vector<double> path = predict(forecaster.model, x, options.horizons);
    apply_rule_limits(path, last, rule);
    std::vector<double> low(path.size()), high(path.size());
    for (int h = 1; h <= options.horizons; ++h) {
        auto [ql, qh] = quantiles(h);
        low[static_cast<size_t>(h - 1)] = path[static_cast<size_t>(h - 1)] + ql;
        high[static_cast<size_t>(h - 1)] = path[static_cast<size_t>(h - 1)] + qh;
    }

    if (options.progress) {
        auto [ql, qh] = quantiles(1);
        ChangePrior prior{path[0] - last, std::max(1e-4, (qh - ql) / (2 * z))};
        auto epoch = forecast_epoch_retarget(*rule, history.points.back(), *options.progress, prior,
                                             options.coverage);
        if (!epoch) return epoch.error();
        out.current_epoch = *epoch;
        // Later retargets follow the model from the rule's estimate, their spread widened by the
        // estimate's own.
        double x1 = std::log(epoch->difficulty);
        double d_lo = x1 - std::log(epoch->low), d_hi = std::log(epoch->high) - x1;
        std::vector<double> extended = x;
        extended.push_back(x1);
        std::vector<double> rest = predict(forecaster.model, extended, options.horizons - 1);
        apply_rule_limits(rest, x1, rule);
        path[0] = x1;
        low[0] = std::log(epoch->low);
        high[0] = std::log(epoch->high);
        for (int h = 2; h <= options.horizons; ++h) {
            auto [rl, rh] = quantiles(h - 1);
            size_t i = static_cast<size_t>(h - 1);
            path[i] = rest[i - 1];
            low[i] = path[i] - std::hypot(rl, d_lo);
            high[i] = path[i] + std::hypot(rh, d_hi);
        }
    }

    int64_t time = history.points.back().time_unix;
    double prev = last;
    for (int h = 1; h <= options.horizons; ++h) {
        size_t i = static_cast<size_t>(h - 1);
        DifficultyStep s;
        s.horizon = h;
        s.height = out.last_height + h * step_blocks;
        if (rule) {
            // The change a retarget makes tells how long its epoch took.
            double timespan = static_cast<double>(rule->target_timespan_s) *
                              std::exp(-(path[i] - prev)) * static_cast<double>(rule->interval) /
                              static_cast<double>(rule->window_intervals(s.height));
            time += static_cast<int64_t>(std::llround(timespan));
            if (h == 1 && out.current_epoch) time = out.current_epoch->expected_retarget_time_unix;
        } else {
            time += static_cast<int64_t>(std::llround(median(gaps)));
        }
        s.expected_time_unix = time;
        s.difficulty = std::exp(path[i]);
        s.low = std::exp(std::min(low[i], path[i]));
        s.high = std::exp(std::max(high[i], path[i]));
        if (rule) s.low = std::max(s.low, rule->min_difficulty);
        s.change_percent = 100.0 * (std::exp(path[i] - last) - 1.0);
        out.steps.push_back(s);
        prev = path[i];
    }
    return out;
}

}  // namespace viddhana::analytics
