// A model file that is missing, truncated or edited into nonsense gives an error naming what is
// wrong; saving writes a temporary file and renames it, so a crash never leaves half a model.
#include "analytics/forecaster_file.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace viddhana::analytics {

namespace {

using nlohmann::json;

constexpr const char* kFormat = "viddhana-difficulty-model";
constexpr int kVersion = 1;

json score_to_json(const ModelScore& s) {
    json horizons = json::array();
    for (const auto& h : s.horizons)
        horizons.push_back({{"horizon", h.horizon},
                            {"forecasts", h.forecasts},
                            {"mape_percent", h.mape},
                            {"coverage", h.coverage},
                            {"mean_width_percent", h.mean_width}});
    return {{"model", s.spec.name()}, {"horizons", horizons}};
}

}  // namespace

std::string forecaster_to_json(const TrainedForecaster& f) {
    json metrics = json::array();
    for (const auto& m : f.metrics)
        metrics.push_back(score_to_json(m));
    json doc = {
        {"format", kFormat},
        {"version", kVersion},
        {"model", {{"name", f.model.spec.name()}, {"parameters", f.model.parameters}}},
        {"chain", f.chain},
        {"spacing", to_string(f.spacing)},
        {"training",
         {{"source", f.span.source},
          {"rows", f.span.rows},
          {"first_height", f.span.first_height},
          {"last_height", f.span.last_height},
          {"first_time_unix", f.span.first_time_unix},
          {"last_time_unix", f.span.last_time_unix}}},
        {"selection", f.selection},
        {"walk_forward_errors", f.errors},
        {"backtest", metrics},
    };
    return doc.dump(2) + "\n";
}

Expected<TrainedForecaster> forecaster_from_json(std::string_view text, const std::string& origin) {
    json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded())
        return make_error(fmt::format("model file {} is not valid JSON", origin));
    auto bad = [&](const std::string& what) {
        return make_error(fmt::format("model file {}: {}", origin, what));
    };
    if (!doc.is_object() || doc.value("format", "") != kFormat)
        return bad(fmt::format("\"format\" is not \"{}\"", kFormat));
    if (!doc.contains("version") || !doc["version"].is_number_integer() ||
        doc["version"].get<int>() != kVersion)
        return bad(fmt::format("unsupported \"version\" (this build reads version {})", kVersion));
    try {
        TrainedForecaster f;
        const json& model = doc.at("model");
        auto spec = parse_model_spec(model.at("name").get<std::string>());
        if (!spec) return bad(spec.error().message);
        f.model.spec = *spec;
        f.model.parameters = model.at("parameters").get<std::vector<double>>();
        size_t expected = 0;
        switch (spec->kind) {
            case ModelKind::last_value:
            case ModelKind::last_change:
                expected = 0;
                break;
            case ModelKind::drift:
                expected = 1;
                break;
            case ModelKind::damped_trend:
                expected = 3;
                break;
            case ModelKind::ar:
                expected = static_cast<size_t>(spec->order) + 1;
                break;
        }
        if (f.model.parameters.size() != expected)
            return bad(fmt::format("model {} needs {} parameters, the file has {}", spec->name(),
                                   expected, f.model.parameters.size()));
        for (double p : f.model.parameters)
            if (!std::isfinite(p)) return bad("a model parameter is not a finite number");
        if (spec->kind == ModelKind::damped_trend)
            for (double p : f.model.parameters)
                if (p < 0 || p > 1) return bad("damped-trend parameters must lie in [0, 1]");

        f.chain = doc.at("chain").get<std::string>();
        std::string spacing = doc.at("spacing").get<std::string>();
        if (spacing == to_string(HistorySpacing::retarget_epochs)) {
            f.spacing = HistorySpacing::retarget_epochs;
            auto rule = chain::retarget_rule_for(f.chain);
            if (!rule) return bad(rule.error().message);
        } else if (spacing == to_string(HistorySpacing::per_row)) {
            f.spacing = HistorySpacing::per_row;
        } else {
            return bad(fmt::format("unknown spacing \"{}\"", spacing));
        }
        const json& t = doc.at("training");
        f.span.source = t.at("source").get<std::string>();
        f.span.rows = t.at("rows").get<size_t>();
        f.span.first_height = t.at("first_height").get<int64_t>();
        f.span.last_height = t.at("last_height").get<int64_t>();
        f.span.first_time_unix = t.at("first_time_unix").get<int64_t>();
        f.span.last_time_unix = t.at("last_time_unix").get<int64_t>();
        f.selection = doc.value("selection", "");
        f.errors = doc.at("walk_forward_errors").get<std::vector<std::vector<double>>>();
        if (f.errors.empty() || f.errors[0].size() < 5)
            return bad("\"walk_forward_errors\" needs at least 5 errors at horizon 1");
        for (const auto& e : f.errors)
            for (double v : e)
                if (!std::isfinite(v)) return bad("a walk-forward error is not a finite number");
        for (const json& m : doc.at("backtest")) {
            auto s = parse_model_spec(m.at("model").get<std::string>());
            if (!s) return bad(s.error().message);
            ModelScore score{*s, {}};
            for (const json& h : m.at("horizons"))
                score.horizons.push_back(
                    {h.at("horizon").get<int>(), h.at("forecasts").get<size_t>(),
                     h.at("mape_percent").get<double>(), h.at("coverage").get<double>(),
                     h.at("mean_width_percent").get<double>()});
            f.metrics.push_back(std::move(score));
        }
        return f;
    } catch (const json::exception& e) {
        return bad(fmt::format("missing or mistyped field ({})", e.what()));
    }
}

Expected<bool> save_forecaster(const TrainedForecaster& forecaster, const std::string& path) {
    std::string text = forecaster_to_json(forecaster);
    std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) return make_error(fmt::format("cannot write model file {}", tmp));
        out << text;
        if (!out.flush()) return make_error(fmt::format("cannot write model file {}", tmp));
    }
    // Replace the old file only once the new one is complete.
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
        return make_error(fmt::format("cannot move {} to {}", tmp, path));
    return true;
}

Expected<TrainedForecaster> load_forecaster(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return make_error(
            fmt::format("cannot open model file {} (train one with `viddhana analytics "
                        "train --data FILE --out {}`)",
                        path, path));
    std::stringstream buffer;
    buffer << in.rdbuf();
    return forecaster_from_json(buffer.str(), path);
}

}  // namespace viddhana::analytics
