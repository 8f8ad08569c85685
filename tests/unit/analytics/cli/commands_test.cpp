// The `viddhana analytics` commands end to end on their option structs: output on success, exit code 2
// and a reason on stderr for bad input, nothing on stdout then.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "../test_data.h"
#include "analytics/cli/analytics_commands.h"
#include "analytics/cli/forecast_commands.h"

namespace viddhana::analytics::cli {
namespace {

struct Run {
    int code;
    std::string out, err;
};

template <typename Command, typename Fn>
Run run(const Command& cmd, Fn fn) {
    std::ostringstream out, err;
    int code = fn(cmd, out, err);
    return {code, out.str(), err.str()};
}

TEST(AnalyticsCommands, BacktestTrainForecastRoundTrip) {
    BacktestCommand bt;
    bt.data = testing::bitcoin_epochs_csv();
    bt.from_row = 250;
    auto r = run(bt, run_backtest_command);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("| damped-trend(w104) |"), std::string::npos);
    EXPECT_NE(r.out.find("selected: damped-trend(w104)"), std::string::npos);

    std::string model = (std::filesystem::temp_directory_path() /
                         ("viddhana-cmd-" + std::to_string(::getpid()) + ".json"))
                            .string();
    TrainCommand train;
    train.data = testing::litecoin_epochs_csv();
    train.out = model;
    r = run(train, run_train_command);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("1083 rows"), std::string::npos);

    ForecastCommand fc;
    fc.model = model;
    fc.data = testing::litecoin_epochs_csv();
    fc.json = true;
    r = run(fc, run_forecast_command);
    ASSERT_EQ(r.code, 0) << r.err;
    // The service's shape (analytics/forecast_json.h): the last retarget, then the forecast.
    auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["last_retarget"]["height"], 2183328);
    ASSERT_EQ(doc["forecast"].size(), 6u);
    EXPECT_EQ(doc["forecast"][0]["horizon"], 1);
    EXPECT_EQ(doc["forecast"][0]["height"], 2183328 + 2016);
    EXPECT_TRUE(doc["current_epoch"].is_null());

    // A corrupt model file is an error, not a crash.
    std::ofstream(model, std::ios::trunc) << "{\"format\": \"viddhana-difficulty-model\", \"vers";
    r = run(fc, run_forecast_command);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("not valid JSON"), std::string::npos);
    EXPECT_TRUE(r.out.empty());
    std::filesystem::remove(model);
}

TEST(AnalyticsCommands, BadInputsExitWithReasons) {
    BacktestCommand bt;
    bt.data = "/nonexistent.csv";
    auto r = run(bt, run_backtest_command);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("cannot open difficulty history file /nonexistent.csv"),
              std::string::npos);

    bt.data = testing::bitcoin_epochs_csv();
    bt.chain = "dogecoin";
    r = run(bt, run_backtest_command);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("unknown chain \"dogecoin\""), std::string::npos);

    ForecastCommand fc;
    fc.data = testing::bitcoin_epochs_csv();
    fc.tip_height = 716000;
    r = run(fc, run_forecast_command);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("--tip-height and --tip-time go together"), std::string::npos);

    fc.model = "/nonexistent/model.json";
    fc.tip_height.reset();
    r = run(fc, run_forecast_command);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("cannot open model file"), std::string::npos);

    EarningsCommand earn;
    earn.hashrate = 1e9;
    earn.scheme = "pps+";
    r = run(earn, run_earnings_command);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("unknown payout scheme"), std::string::npos);

    AdviseWorkerCommand advise;
    advise.hashrate = 1e9;
    advise.target = "speed";
    r = run(advise, run_advise_worker_command);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("unknown optimisation target"), std::string::npos);
}

TEST(AnalyticsCommands, EarningsAndAdviceProduceTables) {
    EarningsCommand earn;
    earn.hashrate = 1e9;
    earn.pool_hashrate = 5e12;
    earn.difficulty = 2e7;
    earn.height = 2'500'000;
    earn.now_unix = 1'700'000'000;
    auto r = run(earn, run_earnings_command);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("| month |"), std::string::npos);

    AdviseWorkerCommand advise;
    advise.hashrate = 9.5e9;
    advise.difficulty = 64;
    advise.hardware = "Antminer L7";
    advise.hardware_table = std::string(VIDDHANA_SOURCE_DIR) + "/src/analytics/data/hardware.json";
    r = run(advise, run_advise_worker_command);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("[start-difficulty]"), std::string::npos);
    EXPECT_NE(r.out.find("[tuning]"), std::string::npos);
}

}  // namespace
}  // namespace viddhana::analytics::cli
