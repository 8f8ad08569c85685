#include "analytics/cli/forecast_commands.h"

#include <ctime>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analytics/difficulty_backtest.h"
#include "analytics/difficulty_forecaster.h"
#include "analytics/forecast_json.h"
#include "analytics/forecaster_file.h"

namespace viddhana::analytics::cli {

namespace {

using nlohmann::json;

std::string utc(int64_t t) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace

int run_backtest_command(const BacktestCommand& cmd, std::ostream& out, std::ostream& err) {
    auto history = load_difficulty_csv(cmd.data);
    if (!history) {
        err << history.error().message << "\n";
        return 2;
    }
    if (!cmd.chain.empty() && history->spacing == HistorySpacing::retarget_epochs) {
        auto rule = chain::retarget_rule_for(cmd.chain);
        if (!rule) {
            err << rule.error().message << "\n";
            return 2;
        }
    }
    BacktestOptions options;
    options.horizons = cmd.horizons;
    options.coverage = cmd.coverage;
    options.first_scored_row = cmd.from_row;
    auto report = run_backtest(*history, candidate_models(), options);
    if (!report) {
        err << report.error().message << "\n";
        return 2;
    }
    // Which model training would ship on this data, by the same rule.
    TrainOptions train;
    train.chain = cmd.chain;
    train.backtest = options;
    auto trained = train_forecaster(*history, train);
    if (cmd.json) {
        json models = json::array();
        for (const auto& m : report->models) {
            json hs = json::array();
            for (const auto& h : m.horizons)
                hs.push_back({{"horizon", h.horizon},
                              {"forecasts", h.forecasts},
                              {"mape_percent", h.mape},
                              {"coverage", h.coverage},
                              {"mean_width_percent", h.mean_width}});
            models.push_back({{"model", m.spec.name()},
                              {"baseline", m.spec.is_baseline()},
                              {"beats_baselines", report->beats_baselines(m.spec)},
                              {"horizons", hs}});
        }
        json doc = {{"source", report->source},
                    {"rows", report->rows},
                    {"spacing", to_string(report->spacing)},
                    {"chain", report->chain},
                    {"first_scored_height", report->first_scored_height},
                    {"last_scored_height", report->last_scored_height},
                    {"coverage_target", cmd.coverage},
                    {"models", models}};
        if (trained)
            doc["selected"] = {{"model", trained->model.spec.name()},
                               {"reason", trained->selection}};
        out << doc.dump(2) << "\n";
        return 0;
    }
    if (report->spacing == HistorySpacing::per_row)
        out << "Rows are not 2016-block epochs: every model runs per row and no protocol rule "
               "applies.\n";
    out << format_backtest_table(*report, cmd.coverage);
    if (trained)
        out << "\nselected: " << trained->model.spec.name() << " (" << trained->selection << ")\n";
    return 0;
}

int run_train_command(const TrainCommand& cmd, std::ostream& out, std::ostream& err) {
    auto history = load_difficulty_csv(cmd.data);
    if (!history) {
        err << history.error().message << "\n";
        return 2;
    }
    TrainOptions options;
    options.chain = cmd.chain;
    if (!cmd.model.empty()) {
        auto spec = parse_model_spec(cmd.model);
        if (!spec) {
            err << spec.error().message << "\n";
            return 2;
        }
        options.model = *spec;
    }
    auto trained = train_forecaster(*history, options);
    if (!trained) {
        err << trained.error().message << "\n";
        return 2;
    }
    auto saved = save_forecaster(*trained, cmd.out);
    if (!saved) {
        err << saved.error().message << "\n";
        return 2;
    }
    out << fmt::format("trained {} on {} ({} rows, heights {}..{}, {}..{}); {}\nwrote {}\n",
                       trained->model.spec.name(), trained->span.source, trained->span.rows,
                       trained->span.first_height, trained->span.last_height,
                       utc(trained->span.first_time_unix), utc(trained->span.last_time_unix),
                       trained->selection, cmd.out);
    return 0;
}

int run_forecast_command(const ForecastCommand& cmd, std::ostream& out, std::ostream& err) {
    auto history = load_difficulty_csv(cmd.data);
    if (!history) {
        err << history.error().message << "\n";
        return 2;
    }
    ForecastOptions options;
    options.horizons = cmd.horizons;
    options.coverage = cmd.coverage;
    if (cmd.tip_height || cmd.tip_time) {
        if (!cmd.tip_height || !cmd.tip_time) {
            err << "--tip-height and --tip-time go together\n";
            return 2;
        }
        options.progress = EpochProgress{*cmd.tip_height, *cmd.tip_time, cmd.previous_block_time};
    }
    Expected<DifficultyForecast> forecast = make_error("no forecast");
    if (cmd.model.empty()) {
        forecast = forecast_difficulty(*history, options);
    } else {
        auto model = load_forecaster(cmd.model);
        if (!model) {
            err << model.error().message << "\n";
            return 2;
        }
        forecast = forecast_difficulty(*history, *model, options);
    }
    if (!forecast) {
        err << forecast.error().message << "\n";
        return 2;
    }
    const auto& f = *forecast;
    if (cmd.json) {
        out << forecast_json(f).dump(2) << "\n";
        return 0;
    }
    out << fmt::format("{}\nlast row: height {}, difficulty {:.6g}; intervals at {:.0f}%\n",
                       f.method, f.last_height, f.last_difficulty, f.coverage * 100);
    if (f.current_epoch)
        out << fmt::format(
            "epoch in progress: {} blocks mined, {} to go; by the rule the retarget at {} gives "
            "{:.6g} [{:.6g}, {:.6g}]{}\n",
            f.current_epoch->blocks_mined, f.current_epoch->blocks_remaining,
            f.current_epoch->retarget_height, f.current_epoch->difficulty, f.current_epoch->low,
            f.current_epoch->high,
            f.current_epoch->clamped ? " (clamped by the factor-4 limit)" : "");
    out << "| h | height | expected time | difficulty | low | high | change |\n"
           "|---:|---:|---|---:|---:|---:|---:|\n";
    for (const auto& s : f.steps)
        out << fmt::format("| {} | {} | {} | {:.6g} | {:.6g} | {:.6g} | {:+.2f}% |\n", s.horizon,
                           s.height, utc(s.expected_time_unix), s.difficulty, s.low, s.high,
                           s.change_percent);
    return 0;
}

}  // namespace viddhana::analytics::cli
