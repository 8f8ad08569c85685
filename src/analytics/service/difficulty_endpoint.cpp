#include "analytics/service/difficulty_endpoint.h"

#include <cmath>

#include <fmt/format.h>

#include "analytics/forecast_json.h"
#include "chain/retarget_rule.h"

namespace viddhana::analytics::service {

namespace {

// Without a trained model the retarget in progress still has the rule; its prior for the
// change is "no change", worth 16 blocks (sigma 0.25), so the mined blocks soon dominate it.
constexpr double kRulePriorSigma = 0.25;
constexpr size_t kMaxSeriesRows = 200000;

std::optional<DifficultyHistory> parse_series(const nlohmann::json& rows, RequestFields& f) {
    if (!rows.is_array()) {
        f.fail("series", fmt::format("series must be an array of {{height, time_unix, "
                                     "difficulty}} rows, not {}",
                                     json_type_name(rows)));
        return std::nullopt;
    }
    if (rows.size() < 3 || rows.size() > kMaxSeriesRows) {
        f.fail("series",
               fmt::format("series must have 3 to {} rows (got {})", kMaxSeriesRows, rows.size()));
        return std::nullopt;
    }
    DifficultyHistory h;
    h.source = "posted series";
    for (size_t i = 0; i < rows.size(); ++i) {
        std::string prefix = fmt::format("series[{}].", i);
        RequestFields row(rows[i], prefix);
        DifficultyPoint p;
        auto height = row.optional_integer("height", 0, int64_t{1} << 40);
        auto time = row.optional_integer("time_unix", 1, int64_t{1} << 40);
        auto difficulty = row.optional_number("difficulty", 0, 1e300);
        if (!row.failed()) {
            if (!height) row.fail("height", prefix + "height is required");
            if (!time) row.fail("time_unix", prefix + "time_unix is required");
            if (!difficulty) row.fail("difficulty", prefix + "difficulty is required");
            if (difficulty && !(*difficulty > 0))
                row.fail("difficulty", prefix + "difficulty must be above 0");
        }
        if (auto e = row.finish()) {
            f.fail(*e);
            return std::nullopt;
        }
        p.height = *height;
        p.time_unix = *time;
        p.difficulty = *difficulty;
        if (!h.points.empty() && p.height <= h.points.back().height) {
            f.fail(
                FieldError{fmt::format("series[{}].height", i),
                           fmt::format("series[{}].height {} does not increase (previous row: {})",
                                       i, p.height, h.points.back().height)});
            return std::nullopt;
        }
        h.points.push_back(p);
    }
    h.spacing = classify_spacing(h.points, &h.row_spacing_blocks);
    if (h.spacing == HistorySpacing::retarget_epochs) {
        for (size_t i = 1; i < h.points.size(); ++i) {
            if (h.points[i].time_unix <= h.points[i - 1].time_unix) {
                f.fail(FieldError{
                    fmt::format("series[{}].time_unix", i),
                    fmt::format("series[{}].time_unix {} does not increase (previous row: {})", i,
                                h.points[i].time_unix, h.points[i - 1].time_unix)});
                return std::nullopt;
            }
        }
    }
    return h;
}

bool model_fits(const TrainedForecaster& m, const DifficultyHistory& h, const std::string& chain) {
    if (m.spacing != h.spacing) return false;
    return h.spacing == HistorySpacing::per_row || chain.empty() || m.chain == chain;
}

DifficultyForecast steady_forecast(const ChainDifficulty& node, int horizons, double coverage) {
    const auto& coin = *node.coin;
    const int64_t interval = coin.retarget_interval;
    const auto& tip = node.progress;
    DifficultyForecast out;
    out.method = fmt::format(
        "protocol rule: {} {} does not retarget, the difficulty stays at the proof-of-work limit",
        coin.coin, chain::to_string(coin.network));
    out.model = "none";
    out.chain = coin.coin;
    out.spacing = HistorySpacing::retarget_epochs;
    out.coverage = coverage;
    out.last_height = node.epochs.empty() ? 0 : node.epochs.back().height;
    out.last_difficulty = node.tip_difficulty;
    const int64_t next = (tip.tip_height / interval + 1) * interval;
    auto time_at = [&](int64_t height) {
        return tip.tip_time_unix + (height - tip.tip_height) * coin.target_block_seconds;
    };
    EpochRetargetForecast epoch;
    epoch.retarget_height = next;
    epoch.blocks_mined = tip.tip_height - (next - interval) + 1;
    epoch.blocks_remaining = next - tip.tip_height;
    epoch.expected_retarget_time_unix = time_at(next);
    epoch.expected_timespan_s = static_cast<double>(interval * coin.target_block_seconds);
    epoch.difficulty = epoch.low = epoch.high = node.tip_difficulty;
    out.current_epoch = epoch;
    for (int h = 1; h <= horizons; ++h) {
        DifficultyStep s;
        s.horizon = h;
        s.height = next + (h - 1) * interval;
        s.expected_time_unix = time_at(s.height);
        s.difficulty = s.low = s.high = node.tip_difficulty;
        out.steps.push_back(s);
    }
    return out;
}

Expected<DifficultyForecast> rule_forecast(const ChainDifficulty& node,
                                           const chain::RetargetRule& rule, double coverage) {
    auto epoch = forecast_epoch_retarget(rule, node.epochs.back(), node.progress,
                                         ChangePrior{0, kRulePriorSigma}, coverage);
    if (!epoch) return epoch.error();
    DifficultyForecast out;
    out.method = fmt::format("{} retarget rule applied to the {} blocks mined in this epoch",
                             rule.chain, epoch->blocks_mined);
    out.model = "none";
    out.chain = rule.chain;
    out.spacing = HistorySpacing::retarget_epochs;
    out.coverage = coverage;
    out.last_height = node.epochs.back().height;
    out.last_difficulty = node.epochs.back().difficulty;
    out.current_epoch = *epoch;
    DifficultyStep s;
    s.horizon = 1;
    s.height = epoch->retarget_height;
    s.expected_time_unix = epoch->expected_retarget_time_unix;
    s.difficulty = epoch->difficulty;
    s.low = epoch->low;
    s.high = epoch->high;
    s.change_percent = 100.0 * (epoch->difficulty / out.last_difficulty - 1.0);
    out.steps.push_back(s);
    return out;
}

}  // namespace

Validated<DifficultyRequest> parse_difficulty_request(const nlohmann::json& body) {
    RequestFields f(body);
    DifficultyRequest r;
    r.horizons = static_cast<int>(f.integer_or("horizons", r.horizons, 1, kMaxForecastHorizon));
    r.coverage = f.number_or("coverage", r.coverage, 0.5, 0.999);
    if (f.has("coverage") && !(r.coverage > 0.5))
        f.fail("coverage", "coverage must be above 0.5 and at most 0.999");
    if (auto chain = f.optional_text("chain", 32)) {
        if (!chain::retarget_rule_for(*chain))
            f.fail("chain",
                   fmt::format("chain must be \"litecoin\" or \"bitcoin\" (got \"{}\")", *chain));
        r.chain = *chain;
    }
    if (const auto* series = f.raw("series")) r.series = parse_series(*series, f);
    if (const auto* tip = f.raw("tip")) {
        RequestFields t(*tip, "tip.");
        auto height = t.optional_integer("height", 0, int64_t{1} << 40);
        auto time = t.optional_integer("time_unix", 1, int64_t{1} << 40);
        auto previous = t.optional_integer("previous_block_time_unix", 1, int64_t{1} << 40);
        if (!t.failed() && !height) t.fail("height", "tip.height is required");
        if (!t.failed() && !time) t.fail("time_unix", "tip.time_unix is required");
        if (auto e = t.finish()) {
            f.fail(*e);
        } else {
            r.tip = EpochProgress{*height, *time, previous};
        }
    }
    if (!f.failed() && r.tip && !r.series)
        f.fail("tip", "tip goes with a posted series; without one the node's own tip is used");
    if (!f.failed() && !r.chain.empty() && !r.series)
        f.fail("chain", "chain goes with a posted series; without one the pool's coin is used");
    if (!f.failed() && r.tip && r.series->spacing != HistorySpacing::retarget_epochs)
        f.fail("tip", "tip applies only to a series of 2016-block epochs (heights k * 2016)");
    if (auto e = f.finish()) return *e;
    return r;
}

nlohmann::json model_status_json(const LoadedModel& model) {
    nlohmann::json j{{"loaded", model.forecaster != nullptr}, {"path", model.path}};
    if (model.forecaster) {
        const auto& m = *model.forecaster;
        j["name"] = m.model.spec.name();
        j["chain"] = m.chain;
        j["span"] = {{"source", m.span.source},
                     {"rows", m.span.rows},
                     {"first_height", m.span.first_height},
                     {"last_height", m.span.last_height},
                     {"first_time_unix", m.span.first_time_unix},
                     {"last_time_unix", m.span.last_time_unix}};
        j["message"] = fmt::format("learned model {} loaded", m.model.spec.name());
    } else {
        j["message"] = model.path.empty()
                           ? std::string(
                                 "the learned model is not loaded (analytics.model is not set): "
                                 "difficulty forecasts use the protocol rule only")
                           : fmt::format(
                                 "the learned model is not loaded ({}): difficulty forecasts use "
                                 "the protocol rule only",
                                 model.problem);
    }
    return j;
}

Expected<DifficultyForecast> forecast_for_request(const DifficultyRequest& request,
                                                  const ChainDifficulty* node,
                                                  const LoadedModel& model,
                                                  std::vector<std::string>& notes) {
    ForecastOptions options;
    options.horizons = request.horizons;
    options.coverage = request.coverage;
    if (request.series) {
        const auto& h = *request.series;
        options.progress = request.tip;
        if (model.forecaster && model_fits(*model.forecaster, h, request.chain)) {
            notes.push_back(fmt::format("the learned model {} forecasts the posted series",
                                        model.forecaster->model.spec.name()));
            return forecast_difficulty(h, *model.forecaster, options);
        }
        TrainOptions train;
        train.chain = request.chain;
        auto trained = train_forecaster(h, train);
        if (!trained) return trained.error();
        notes.push_back(fmt::format("{}; a model was trained on the posted series: {}",
                                    model.forecaster ? "the loaded model does not fit this series"
                                                     : "the learned model is not loaded",
                                    trained->selection));
        return forecast_difficulty(h, *trained, options);
    }

    if (!node || !node->coin || node->epochs.empty())
        return make_error("the node's difficulty history is not available");
    if (!node->retargets) return steady_forecast(*node, request.horizons, request.coverage);
    auto rule = chain::retarget_rule_for(node->coin->coin);
    if (!rule) return rule.error();

    DifficultyHistory history;
    history.points = node->epochs;
    history.spacing = HistorySpacing::retarget_epochs;
    history.row_spacing_blocks = node->coin->retarget_interval;
    history.source = "node";
    if (model.forecaster && model_fits(*model.forecaster, history, node->coin->coin) &&
        history.size() >= 3) {
        options.progress = node->progress;
        auto f = forecast_difficulty(history, *model.forecaster, options);
        if (f) return f;
        notes.push_back("the learned model could not forecast this chain (" + f.error().message +
                        "): the protocol rule alone is used");
    } else if (model.forecaster) {
        notes.push_back(fmt::format(
            "the learned model is for {} and needs 3 epochs; this chain is {} with {}: the "
            "protocol rule alone is used",
            model.forecaster->chain.empty() ? "per-row histories" : model.forecaster->chain,
            node->coin->coin, history.size()));
    } else {
        notes.push_back(
            "the learned model is not loaded: only the retarget in progress is forecast, by the "
            "protocol rule");
    }
    return rule_forecast(*node, **rule, request.coverage);
}

EndpointReply answer_difficulty(const DifficultyRequest& request, const ChainDifficulty* node,
                                const LoadedModel& model) {
    std::vector<std::string> notes;
    auto f = forecast_for_request(request, node, model, notes);
    if (!f) return error_reply(422, "cannot_forecast", f.error().message);
    nlohmann::json j = forecast_json(*f);
    j["source"] = request.series ? "series" : "node";
    if (!request.series && node) {
        j["network"] = chain::to_string(node->coin->network);
        j["tip"] = {{"height", node->progress.tip_height},
                    {"time_unix", node->progress.tip_time_unix},
                    {"difficulty", node->tip_difficulty}};
    }
    j["learned_model"] = model_status_json(model);
    j["notes"] = notes;
    return ok_reply(std::move(j));
}

}  // namespace viddhana::analytics::service
