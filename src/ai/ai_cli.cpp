#include "ai/ai_cli.h"

#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "ai/forecast_commands.h"

namespace viddhana::ai {

namespace {

void add_backtest(CLI::App& ai) {
    auto cmd = std::make_shared<BacktestCommand>();
    auto* c = ai.add_subcommand("backtest", "Walk-forward backtest of the difficulty models");
    c->add_option("--data", cmd->data, "Difficulty history CSV (height,time_unix,...,difficulty)")
        ->required();
    c->add_option("--chain", cmd->chain, "bitcoin or litecoin (default: from the epoch lengths)");
    c->add_option("--horizons", cmd->horizons, "Horizons to score, in rows")
        ->delimiter(',')
        ->capture_default_str();
    c->add_option("--coverage", cmd->coverage, "Interval coverage")->capture_default_str();
    c->add_option("--from-row", cmd->from_row, "Score only forecasts made at or after this row");
    c->add_flag("--json", cmd->json, "JSON output");
    c->callback(
        [cmd] { throw CLI::RuntimeError(run_backtest_command(*cmd, std::cout, std::cerr)); });
}

void add_train(CLI::App& ai) {
    auto cmd = std::make_shared<TrainCommand>();
    auto* c = ai.add_subcommand("train", "Train the difficulty forecaster and save it");
    c->add_option("--data", cmd->data, "Difficulty history CSV")->required();
    c->add_option("--out", cmd->out, "Model file to write (JSON)")->required();
    c->add_option("--chain", cmd->chain, "bitcoin or litecoin (default: from the epoch lengths)");
    c->add_option("--model", cmd->model, "Force a model, e.g. ar(2,w104) (default: selection)");
    c->callback([cmd] { throw CLI::RuntimeError(run_train_command(*cmd, std::cout, std::cerr)); });
}

void add_forecast(CLI::App& ai) {
    auto cmd = std::make_shared<ForecastCommand>();
    auto* c = ai.add_subcommand("forecast", "Forecast the next retargets (1-6) with intervals");
    c->add_option("--data", cmd->data, "Difficulty history CSV up to the epoch in progress")
        ->required();
    c->add_option("--model", cmd->model, "Model file from `ai train` (default: train on --data)");
    c->add_option("--horizons", cmd->horizons, "Retargets ahead (1-6)")->capture_default_str();
    c->add_option("--coverage", cmd->coverage, "Interval coverage")->capture_default_str();
    c->add_option("--tip-height", cmd->tip_height, "Height of the last block mined");
    c->add_option("--tip-time", cmd->tip_time, "Timestamp of the last block mined");
    c->add_option("--previous-block-time", cmd->previous_block_time,
                  "Litecoin: timestamp of the block before the epoch's first block");
    c->add_flag("--json", cmd->json, "JSON output");
    c->callback(
        [cmd] { throw CLI::RuntimeError(run_forecast_command(*cmd, std::cout, std::cerr)); });
}

}  // namespace

void add_ai_commands(CLI::App& app) {
    auto* ai =
        app.add_subcommand("ai", "Analytics: difficulty forecasts, earnings, Sentinel, advice");
    ai->require_subcommand(1);
    add_backtest(*ai);
    add_train(*ai);
    add_forecast(*ai);
}

}  // namespace viddhana::ai
