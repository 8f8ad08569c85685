// The difficulty commands behind `viddhana analytics backtest | train | forecast`: option structs
// in, text out, exit code back. Kept apart from option parsing so tests can call them.
#pragma once
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace viddhana::analytics::cli {

struct BacktestCommand {
    std::string data;
    std::string chain;
    std::vector<int> horizons{1, 2, 4};
    double coverage = 0.9;
    size_t from_row = 0;
    bool json = false;
};
int run_backtest_command(const BacktestCommand& cmd, std::ostream& out, std::ostream& err);

struct TrainCommand {
    std::string data;
    std::string out;
    std::string chain;
    std::string model;  // "" = selection by backtest
};
int run_train_command(const TrainCommand& cmd, std::ostream& out, std::ostream& err);

struct ForecastCommand {
    std::string model;  // model file; "" trains on the data first
    std::string data;
    int horizons = 6;
    double coverage = 0.9;
    std::optional<int64_t> tip_height;
    std::optional<int64_t> tip_time;
    std::optional<int64_t> previous_block_time;
    bool json = false;
};
int run_forecast_command(const ForecastCommand& cmd, std::ostream& out, std::ostream& err);

}  // namespace viddhana::analytics::cli
