#include "analytics/cli/analytics_cli.h"

#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "analytics/cli/analytics_commands.h"
#include "analytics/cli/forecast_commands.h"

namespace viddhana::analytics::cli {

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
    c->add_option("--model", cmd->model,
                  "Model file from `analytics train` (default: train on --data)");
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

void add_earnings(CLI::App& ai) {
    auto cmd = std::make_shared<EarningsCommand>();
    auto* c = ai.add_subcommand("earnings", "Project a miner's earnings per day, week and month");
    c->add_option("--coin", cmd->coin, "litecoin or bitcoin")->capture_default_str();
    c->add_option("--hashrate", cmd->hashrate, "The miner's hashrate, H/s")->required();
    c->add_option("--pool-hashrate", cmd->pool_hashrate, "The pool's hashrate, H/s (PPLNS/PROP)");
    c->add_option("--difficulty", cmd->difficulty, "Network difficulty now");
    c->add_option("--height", cmd->height, "Chain height (for the subsidy)");
    c->add_option("--fees", cmd->fees, "Typical fees per block, base units");
    c->add_option("--scheme", cmd->scheme, "pps, fpps, pplns, prop or solo")->capture_default_str();
    c->add_option("--pool-fee-bps", cmd->pool_fee_bps, "Pool fee in basis points")
        ->capture_default_str();
    c->add_option("--coverage", cmd->coverage, "Interval coverage")->capture_default_str();
    c->add_option("--difficulty-sigma", cmd->difficulty_sigma,
                  "Log spread of the difficulty when no forecast is used");
    c->add_option("--difficulty-data", cmd->difficulty_data,
                  "Difficulty history CSV: project along its forecast");
    c->add_option("--model", cmd->model, "Model file for the forecast");
    c->add_option("--now", cmd->now_unix, "Projection start, Unix seconds (default: now)");
    c->callback(
        [cmd] { throw CLI::RuntimeError(run_earnings_command(*cmd, std::cout, std::cerr)); });
}

void add_evaluations(CLI::App& ai) {
    auto earnings = std::make_shared<EvaluateEarningsCommand>();
    auto* e = ai.add_subcommand("evaluate-earnings",
                                "Coverage of the earnings intervals in simulated mining");
    e->add_option("--trials", earnings->trials, "Trials per scenario")->capture_default_str();
    e->add_option("--seed", earnings->seed, "Random seed")->capture_default_str();
    e->callback([earnings] {
        throw CLI::RuntimeError(run_evaluate_earnings_command(*earnings, std::cout, std::cerr));
    });
    auto sentinel = std::make_shared<EvaluateSentinelCommand>();
    auto* s = ai.add_subcommand(
        "evaluate-sentinel", "Sentinel precision, recall and detection time on a simulated pool");
    s->add_option("--seed", sentinel->seed, "Random seed")->capture_default_str();
    s->add_option("--hours", sentinel->hours, "Simulated hours")->capture_default_str();
    s->add_option("--miners", sentinel->miners, "Honest miners")->capture_default_str();
    s->add_option("--faults", sentinel->faults, "Faults of each kind")->capture_default_str();
    s->add_option("--withholder-share", sentinel->withholder_share,
                  "Each withholder's part of the pool's hashrate")
        ->capture_default_str();
    s->callback([sentinel] {
        throw CLI::RuntimeError(run_evaluate_sentinel_command(*sentinel, std::cout, std::cerr));
    });
}

void add_advise_worker(CLI::App& ai) {
    auto cmd = std::make_shared<AdviseWorkerCommand>();
    auto* c = ai.add_subcommand("advise-worker", "Suggestions for a worker, with reasons");
    c->add_option("--coin", cmd->coin, "litecoin or bitcoin")->capture_default_str();
    c->add_option("--hashrate", cmd->hashrate, "The worker's hashrate, H/s")->required();
    c->add_option("--difficulty", cmd->difficulty, "Its current share difficulty");
    c->add_option("--target-share-seconds", cmd->target_share_seconds, "The pool's share target")
        ->capture_default_str();
    c->add_option("--shares", cmd->shares, "Shares behind the rates below");
    c->add_option("--stale-rate", cmd->stale_rate, "Stale fraction of those shares");
    c->add_option("--invalid-rate", cmd->invalid_rate, "Invalid fraction of those shares");
    c->add_option("--latency-ms", cmd->latency_ms, "Round trip to the pool");
    c->add_option("--job-switch-ms", cmd->job_switch_ms, "Time from a new job to its first share");
    c->add_option("--hardware", cmd->hardware, "Model, e.g. \"Antminer L7\"");
    c->add_option("--temperature", cmd->temperature, "Chip or core temperature, C");
    c->add_option("--power", cmd->power, "Power draw, W");
    c->add_option("--target", cmd->target, "efficiency, hashrate or temperature")
        ->capture_default_str();
    c->add_option("--hardware-table", cmd->hardware_table, "Hardware table JSON");
    c->callback(
        [cmd] { throw CLI::RuntimeError(run_advise_worker_command(*cmd, std::cout, std::cerr)); });
}

}  // namespace

CLI::App* add_analytics_commands(CLI::App& app) {
    auto* analytics = app.add_subcommand(
        "analytics",
        "The analytics service (port 8000) with --config, or one of its tools: difficulty "
        "forecasts, earnings, Sentinel, worker advice");
    analytics->require_subcommand(0, 1);
    add_backtest(*analytics);
    add_train(*analytics);
    add_forecast(*analytics);
    add_earnings(*analytics);
    add_evaluations(*analytics);
    add_advise_worker(*analytics);
    return analytics;
}

}  // namespace viddhana::analytics::cli
