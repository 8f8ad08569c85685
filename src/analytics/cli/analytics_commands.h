// The commands behind `viddhana analytics earnings | evaluate-earnings | evaluate-sentinel |
// advise-worker`: option structs in, text out, exit code back.
#pragma once
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace viddhana::analytics::cli {

struct EarningsCommand {
    std::string coin = "litecoin";
    double hashrate = 0;
    double pool_hashrate = 0;
    std::optional<double> difficulty;
    int64_t height = 0;
    int64_t fees = 0;
    std::string scheme = "pplns";
    int pool_fee_bps = 100;
    double coverage = 0.9;
    double difficulty_sigma = 0;
    std::string difficulty_data;  // forecast the difficulty from this history
    std::string model;            // ... with this model file
    std::optional<int64_t> now_unix;
};
int run_earnings_command(const EarningsCommand& cmd, std::ostream& out, std::ostream& err);

struct EvaluateEarningsCommand {
    size_t trials = 4000;
    uint64_t seed = 42;
};
int run_evaluate_earnings_command(const EvaluateEarningsCommand& cmd, std::ostream& out,
                                  std::ostream& err);

struct EvaluateSentinelCommand {
    uint64_t seed = 1;
    double hours = 48;
    int miners = 60;
    int faults = 3;
    double withholder_share = 0.06;
};
int run_evaluate_sentinel_command(const EvaluateSentinelCommand& cmd, std::ostream& out,
                                  std::ostream& err);

struct AdviseWorkerCommand {
    std::string coin = "litecoin";
    double hashrate = 0;
    double difficulty = 0;
    double target_share_seconds = 10;
    int64_t shares = 0;
    double stale_rate = 0;
    double invalid_rate = 0;
    std::optional<double> latency_ms;
    std::optional<double> job_switch_ms;
    std::string hardware;
    std::optional<double> temperature;
    std::optional<double> power;
    std::string target = "efficiency";
    std::string hardware_table;  // "" = the shipped table
};
int run_advise_worker_command(const AdviseWorkerCommand& cmd, std::ostream& out, std::ostream& err);

}  // namespace viddhana::analytics::cli
