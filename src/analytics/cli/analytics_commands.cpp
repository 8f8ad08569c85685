#include "analytics/cli/analytics_commands.h"

#include <chrono>

#include <fmt/format.h>

#include "analytics/difficulty_forecaster.h"
#include "analytics/earnings_projection.h"
#include "analytics/earnings_simulation.h"
#include "analytics/forecaster_file.h"
#include "analytics/sentinel_simulation.h"
#include "analytics/worker_advisor.h"
#include "chain/coin.h"
#include "ledger/payout/scheme_kind.h"

namespace viddhana::analytics::cli {

namespace {

std::string coins(int64_t base_units, int64_t per_coin) {
    return fmt::format("{:.8f}", static_cast<double>(base_units) / static_cast<double>(per_coin));
}

}  // namespace

int run_earnings_command(const EarningsCommand& cmd, std::ostream& out, std::ostream& err) {
    const chain::CoinParams* coin = chain::find_coin(cmd.coin, chain::Network::mainnet);
    if (!coin) {
        err << fmt::format("unknown coin \"{}\" (expected litecoin or bitcoin)\n", cmd.coin);
        return 2;
    }
    auto scheme = ledger::payout::parse_scheme(cmd.scheme);
    if (!scheme) {
        err << scheme.error().message << "\n";
        return 2;
    }
    EarningsInputs in;
    in.coin = coin;
    in.scheme = *scheme;
    in.pool_hashrate = cmd.pool_hashrate;
    in.chain_height = cmd.height;
    in.typical_fees_per_block = cmd.fees;
    in.pool_fee_bps = cmd.pool_fee_bps;
    in.coverage = cmd.coverage;
    in.difficulty_log_sigma = cmd.difficulty_sigma;
    in.now_unix = cmd.now_unix.value_or(std::chrono::duration_cast<std::chrono::seconds>(
                                            std::chrono::system_clock::now().time_since_epoch())
                                            .count());
    if (!cmd.difficulty_data.empty()) {
        auto history = load_difficulty_csv(cmd.difficulty_data);
        if (!history) {
            err << history.error().message << "\n";
            return 2;
        }
        Expected<DifficultyForecast> forecast = make_error("no forecast");
        if (!cmd.model.empty()) {
            auto model = load_forecaster(cmd.model);
            if (!model) {
                err << model.error().message << "\n";
                return 2;
            }
            forecast = forecast_difficulty(*history, *model, ForecastOptions{});
        } else {
            forecast = forecast_difficulty(*history, ForecastOptions{});
        }
        if (!forecast) {
            err << forecast.error().message << "\n";
            return 2;
        }
        in.difficulty_forecast = forecast->steps;
        // The history ends at its last retarget: project from there.
        if (!cmd.now_unix) in.now_unix = history->points.back().time_unix;
        in.network_difficulty = cmd.difficulty.value_or(history->points.back().difficulty);
        if (cmd.height == 0) in.chain_height = history->points.back().height;
    } else {
        if (!cmd.difficulty) {
            err << "give --difficulty or --difficulty-data\n";
            return 2;
        }
        in.network_difficulty = *cmd.difficulty;
    }
    for (int i = 0; i < 24; ++i)
        in.hashrate_history.push_back({in.now_unix - 3600 * (23 - i), cmd.hashrate});
    auto p = project_earnings(in);
    if (!p) {
        err << p.error().message << "\n";
        return 2;
    }
    out << fmt::format(
        "{} {} at {:.6g} H/s, pool fee {:.2f}%, reward per block {} {}; "
        "intervals at {:.0f}%\n",
        coin->symbol, ledger::payout::to_string(p->scheme), p->hashrate, cmd.pool_fee_bps / 100.0,
        coins(p->reward_per_block, coin->coin_units), coin->symbol, 100 * cmd.coverage);
    out << "| period | expected | low | high | P(in interval) | P(nothing) | blocks |\n"
           "|---|---:|---:|---:|---:|---:|---:|\n";
    for (const auto& period : p->periods)
        out << fmt::format("| {} | {} | {} | {} | {:.3f} | {:.3f} | {:.3g} |\n", period.name,
                           coins(period.expected, coin->coin_units),
                           coins(period.low, coin->coin_units),
                           coins(period.high, coin->coin_units), period.interval_probability,
                           period.probability_of_nothing, period.expected_blocks);
    for (const auto& a : p->assumptions)
        out << "- " << a << "\n";
    return 0;
}

int run_evaluate_earnings_command(const EvaluateEarningsCommand& cmd, std::ostream& out,
                                  std::ostream& err) {
    std::vector<EarningsCoverage> rows;
    uint64_t seed = cmd.seed;
    for (const auto& scenario : standard_earnings_scenarios()) {
        auto r = simulate_earnings_coverage(scenario, cmd.trials, seed++);
        if (!r) {
            err << r.error().message << "\n";
            return 2;
        }
        rows.insert(rows.end(), r->begin(), r->end());
    }
    out << format_earnings_coverage(rows);
    return 0;
}

int run_evaluate_sentinel_command(const EvaluateSentinelCommand& cmd, std::ostream& out,
                                  std::ostream& err) {
    PoolSimulationConfig config;
    config.seed = cmd.seed;
    config.hours = cmd.hours;
    config.honest_miners = cmd.miners;
    config.faults_per_kind = cmd.faults;
    config.withholder_pool_share = cmd.withholder_share;
    auto e = evaluate_sentinel(config, SentinelConfig{});
    if (!e) {
        err << e.error().message << "\n";
        return 2;
    }
    out << format_sentinel_evaluation(*e);
    return 0;
}

int run_advise_worker_command(const AdviseWorkerCommand& cmd, std::ostream& out,
                              std::ostream& err) {
    const chain::CoinParams* coin = chain::find_coin(cmd.coin, chain::Network::mainnet);
    if (!coin) {
        err << fmt::format("unknown coin \"{}\" (expected litecoin or bitcoin)\n", cmd.coin);
        return 2;
    }
    auto target = parse_optimization_target(cmd.target);
    if (!target) {
        err << target.error().message << "\n";
        return 2;
    }
    auto table = load_hardware_table(cmd.hardware_table.empty() ? default_hardware_table_path()
                                                                : cmd.hardware_table);
    if (!table) {
        err << table.error().message << "\n";
        return 2;
    }
    WorkerAdviceInputs in;
    in.hashrate = cmd.hashrate;
    in.current_difficulty = cmd.difficulty;
    in.target_share_seconds = cmd.target_share_seconds;
    in.share_multiplier = coin->share_multiplier;
    in.shares = cmd.shares;
    in.stale_rate = cmd.stale_rate;
    in.invalid_rate = cmd.invalid_rate;
    in.latency_ms = cmd.latency_ms;
    in.job_switch_ms = cmd.job_switch_ms;
    in.block_interval_s = coin->target_block_seconds;
    in.hardware_model = cmd.hardware;
    in.temperature_c = cmd.temperature;
    in.power_w = cmd.power;
    in.target = *target;
    auto advice = advise_worker(in, *table);
    if (!advice) {
        err << advice.error().message << "\n";
        return 2;
    }
    if (advice->empty()) out << "no suggestions: the worker looks well set up\n";
    for (const auto& a : *advice)
        out << fmt::format("[{}] {}\n    because {}\n", a.topic, a.suggestion, a.reason);
    return 0;
}

}  // namespace viddhana::analytics::cli
