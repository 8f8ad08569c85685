#include "analytics/forecast_model.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include <Eigen/Dense>

namespace viddhana::analytics {

const char* to_string(ModelKind k) {
    switch (k) {
        case ModelKind::last_value:
            return "last-value";
        case ModelKind::last_change:
            return "last-change";
        case ModelKind::drift:
            return "drift";
        case ModelKind::damped_trend:
            return "damped-trend";
        case ModelKind::ar:
            return "ar";
    }
    return "?";
}

Expected<ModelKind> parse_model_kind(std::string_view name) {
    for (auto k : {ModelKind::last_value, ModelKind::last_change, ModelKind::drift,
                   ModelKind::damped_trend, ModelKind::ar})
        if (name == to_string(k)) return k;
    return make_error(fmt::format(
        "unknown model kind \"{}\" (expected last-value, last-change, drift, damped-trend or ar)",
        name));
}

std::string ModelSpec::name() const {
    switch (kind) {
        case ModelKind::last_value:
        case ModelKind::last_change:
            return to_string(kind);
        case ModelKind::drift:
            return fmt::format("drift(w{})", window);
        case ModelKind::damped_trend:
            return fmt::format("damped-trend(w{})", window);
        case ModelKind::ar:
            return fmt::format("ar({},w{})", order, window);
    }
    return "?";
}

size_t ModelSpec::min_changes() const {
    switch (kind) {
        case ModelKind::last_value:
            return 0;
        case ModelKind::last_change:
            return 1;
        case ModelKind::drift:
            return 1;
        case ModelKind::damped_trend:
            return 4;
        // Enough equations for a meaningful least-squares fit of p + 1 unknowns.
        case ModelKind::ar:
            return static_cast<size_t>(order) + 2 * (static_cast<size_t>(order) + 1);
    }
    return 0;
}

namespace {

bool parse_int_field(std::string_view s, int& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

Expected<ModelSpec> parse_model_spec(std::string_view name) {
    // Accepts the names ModelSpec::name() writes: last-value, last-change, drift(w52),
    // damped-trend(w104), ar(2,w104).
    auto open = name.find('(');
    auto kind = parse_model_kind(name.substr(0, open));
    if (!kind) return kind.error();
    ModelSpec spec;
    spec.kind = *kind;
    if (spec.is_baseline()) {
        if (open != std::string_view::npos)
            return make_error(fmt::format("model \"{}\" takes no parameters", name));
        return spec;
    }
    auto bad = [&] {
        return make_error(fmt::format("model \"{}\": expected {}", name,
                                      spec.kind == ModelKind::ar ? "ar(P,wN), e.g. ar(2,w104)"
                                                                 : "NAME(wN), e.g. drift(w52)"));
    };
    if (open == std::string_view::npos || name.back() != ')') return bad();
    std::string_view args = name.substr(open + 1, name.size() - open - 2);
    if (spec.kind == ModelKind::ar) {
        auto comma = args.find(',');
        if (comma == std::string_view::npos) return bad();
        if (!parse_int_field(args.substr(0, comma), spec.order) || spec.order < 1 ||
            spec.order > 12)
            return bad();
        args = args.substr(comma + 1);
    }
    if (args.size() < 2 || args[0] != 'w' || !parse_int_field(args.substr(1), spec.window) ||
        spec.window < 0)
        return bad();
    return spec;
}

namespace {

std::vector<double> changes_of(std::span<const double> x) {
    std::vector<double> r;
    for (size_t i = 1; i < x.size(); ++i)
        r.push_back(x[i] - x[i - 1]);
    return r;
}

// The most recent `window` changes (all when window is 0 or larger than what exists).
std::span<const double> recent(const std::vector<double>& r, int window) {
    size_t n = window > 0 ? std::min(r.size(), static_cast<size_t>(window)) : r.size();
    return std::span<const double>(r).subspan(r.size() - n, n);
}

struct HoltState {
    double level, trend, sse;
};

HoltState run_damped_trend(std::span<const double> x, double alpha, double beta, double phi) {
    double level = x[0];
    double trend = x.size() > 1 ? x[1] - x[0] : 0.0;
    double sse = 0;
    for (size_t t = 1; t < x.size(); ++t) {
        double forecast = level + phi * trend;
        double err = x[t] - forecast;
        sse += err * err;
        double new_level = forecast + alpha * err;
        trend = phi * trend + alpha * beta * err;
        level = new_level;
    }
    return {level, trend, sse};
}

}  // namespace

Expected<FittedModel> fit_model(const ModelSpec& spec, std::span<const double> log_series) {
    if (log_series.empty()) return make_error("cannot fit a model on an empty series");
    auto r = changes_of(log_series);
    if (r.size() < spec.min_changes())
        return make_error(fmt::format("model {} needs at least {} changes, the series has {}",
                                      spec.name(), spec.min_changes(), r.size()));
    FittedModel model{spec, {}};
    switch (spec.kind) {
        case ModelKind::last_value:
        case ModelKind::last_change:
            break;
        case ModelKind::drift: {
            auto w = recent(r, spec.window);
            double sum = 0;
            for (double v : w)
                sum += v;
            model.parameters = {sum / static_cast<double>(w.size())};
            break;
        }
        case ModelKind::damped_trend: {
            // Grid search: the surface is smooth and the grid small enough to be exhaustive.
            size_t n = spec.window > 0
                           ? std::min(log_series.size(), static_cast<size_t>(spec.window) + 1)
                           : log_series.size();
            auto x = log_series.subspan(log_series.size() - n);
            double best = std::numeric_limits<double>::infinity();
            std::vector<double> best_params{0.5, 0.1, 0.9};
            for (double alpha = 0.1; alpha <= 1.0001; alpha += 0.1)
                for (double beta = 0.05; beta <= 1.0001; beta += 0.1)
                    for (double phi : {0.7, 0.8, 0.9, 0.95, 0.98}) {
                        double sse = run_damped_trend(x, alpha, beta, phi).sse;
                        if (sse < best) {
                            best = sse;
                            best_params = {alpha, beta, phi};
                        }
                    }
            model.parameters = best_params;
            break;
        }
        case ModelKind::ar: {
            auto w = recent(r, spec.window);
            int p = spec.order;
            int rows = static_cast<int>(w.size()) - p;
            Eigen::MatrixXd a(rows, p + 1);
            Eigen::VectorXd b(rows);
            for (int i = 0; i < rows; ++i) {
                a(i, 0) = 1.0;
                for (int j = 1; j <= p; ++j)
                    a(i, j) = w[static_cast<size_t>(p + i - j)];
                b(i) = w[static_cast<size_t>(p + i)];
            }
            Eigen::VectorXd coef = a.colPivHouseholderQr().solve(b);
            model.parameters.assign(coef.data(), coef.data() + coef.size());
            for (double c : model.parameters)
                if (!std::isfinite(c))
                    return make_error(
                        fmt::format("model {}: least squares gave a non-finite "
                                    "coefficient (degenerate window)",
                                    spec.name()));
            break;
        }
    }
    return model;
}

std::vector<double> predict(const FittedModel& model, std::span<const double> log_series,
                            int horizon) {
    std::vector<double> out;
    if (log_series.empty() || horizon <= 0) return out;
    double last = log_series.back();
    double last_change = log_series.size() >= 2 ? last - log_series[log_series.size() - 2] : 0.0;
    switch (model.spec.kind) {
        case ModelKind::last_value:
            for (int h = 1; h <= horizon; ++h)
                out.push_back(last);
            break;
        case ModelKind::last_change:
            for (int h = 1; h <= horizon; ++h)
                out.push_back(last + h * last_change);
            break;
        case ModelKind::drift:
            for (int h = 1; h <= horizon; ++h)
                out.push_back(last + h * model.parameters.at(0));
            break;
        case ModelKind::damped_trend: {
            double alpha = model.parameters.at(0), beta = model.parameters.at(1),
                   phi = model.parameters.at(2);
            size_t n = model.spec.window > 0
                           ? std::min(log_series.size(), static_cast<size_t>(model.spec.window) + 1)
                           : log_series.size();
            auto state =
                run_damped_trend(log_series.subspan(log_series.size() - n), alpha, beta, phi);
            double damp = 0, power = 1;
            for (int h = 1; h <= horizon; ++h) {
                power *= phi;
                damp += power;
                out.push_back(state.level + damp * state.trend);
            }
            break;
        }
        case ModelKind::ar: {
            auto r = changes_of(log_series);
            int p = model.spec.order;
            // Missing lags (a series shorter than p) count as no change.
            std::vector<double> lags(static_cast<size_t>(p), 0.0);
            for (int j = 0; j < p && j < static_cast<int>(r.size()); ++j)
                lags[static_cast<size_t>(j)] = r[r.size() - 1 - static_cast<size_t>(j)];
            double level = last;
            for (int h = 1; h <= horizon; ++h) {
                double next = model.parameters.at(0);
                for (int j = 0; j < p; ++j)
                    next += model.parameters.at(static_cast<size_t>(j) + 1) *
                            lags[static_cast<size_t>(j)];
                level += next;
                out.push_back(level);
                lags.insert(lags.begin(), next);
                lags.pop_back();
            }
            break;
        }
    }
    return out;
}

}  // namespace viddhana::analytics
