// The analytics service end to end: a real pool on a litecoind regtest pair, a miner mining
// through it, the ledger storing its shares, and real HTTP calls to every endpoint of the
// `analytics` role, in process (beside the pool, sharing its store) and as its own `viddhana
// analytics` process with a trained model file.
#include <fstream>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "analytics/difficulty_history.h"
#include "analytics/forecaster_file.h"
#include "analytics/service/node_difficulty_reader.h"
#include "app/analytics_role.h"
#include "base/asio.h"
#include "support/pool_miner.h"
#include "support/pool_process.h"
#include "support/pool_under_test.h"
#include "support/ports.h"
#include "support/regtest_pair.h"
#include "support/wait.h"

namespace viddhana::test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
namespace beast = boost::beast;

struct HttpAnswer {
    int status = 0;
    json body;
};

HttpAnswer http_call(uint16_t port, const std::string& method, const std::string& target,
                     const std::string& body = "") {
    asio::io_context io;
    beast::tcp_stream stream(io);
    stream.expires_after(60s);
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    beast::http::request<beast::http::string_body> req(beast::http::string_to_verb(method), target,
                                                       11);
    req.set(beast::http::field::host, "127.0.0.1");
    if (!body.empty()) req.set(beast::http::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
    beast::http::write(stream, req);
    beast::flat_buffer buffer;
    beast::http::response<beast::http::string_body> res;
    beast::http::read(stream, buffer, res);
    HttpAnswer a;
    a.status = static_cast<int>(res.result_int());
    a.body = json::parse(res.body(), nullptr, false);
    return a;
}

HttpAnswer post(uint16_t port, const std::string& target, const json& body) {
    return http_call(port, "POST", target, body.dump());
}

// Difficulty of a compact target, as the node computes it (0xffff * 2^208 / target).
double compact_difficulty(uint32_t bits) {
    int shift = static_cast<int>(bits >> 24);
    double mantissa = bits & 0x007fffff;
    double d = 65535.0 / mantissa;
    for (; shift < 29; ++shift)
        d *= 256.0;
    for (; shift > 29; --shift)
        d /= 256.0;
    return d;
}

const std::string kPoolYaml = R"(mining:
  initial_difficulty: 0.0001
  min_difficulty: 0.0001
  max_difficulty: 0.0001
payout:
  scheme: pplns
analytics:
  host: 127.0.0.1
  port: 0
  refresh_interval: 1s
  sentinel_interval: 1s
)";

class AnalyticsServiceTest : public ::testing::Test {
  protected:
    RegtestPair nodes;
};

TEST_F(AnalyticsServiceTest, EveryEndpointAnswersForARealPool) {
    std::string pool_address = nodes.new_address();
    PoolUnderTest pool(nodes, pool_address, kPoolYaml, true);
    std::string miner_address = nodes.new_address();
    TestMiner miner = connect_miner(pool.stratum_port(), miner_address + ".rig1");
    const int blocks = 6;
    for (int i = 0; i < blocks; ++i)
        mine_block(pool, miner, nodes);
    auto& store = pool.store();
    wait_until(
        [&] {
            auto w = store.hashrate().miner_hashrate(
                miner_address, SystemClock::instance().now_ms() + 60'000, 3'600'000);
            return w.accepted >= blocks;
        },
        60s, "the miner's shares in the store's roll-ups");

    app::AnalyticsRole analytics(pool.config(), pool.registry(), &store, SystemClock::instance());
    analytics.start();
    const uint16_t port = analytics.port();
    ASSERT_NE(port, 0);
    const int64_t height = nodes.height();

    // /health: node and store answer; no model configured, and it says so.
    HttpAnswer health;
    wait_until(
        [&] {
            health = http_call(port, "GET", "/health");
            return health.status == 200 && health.body["node"]["height"] == height;
        },
        60s, "/health with the node's tip");
    EXPECT_EQ(health.body["status"], "ok");
    EXPECT_EQ(health.body["network"], "regtest");
    EXPECT_TRUE(health.body["store"]["available"].get<bool>());
    EXPECT_EQ(health.body["store"]["backend"], "sqlite");
    EXPECT_FALSE(health.body["model"]["loaded"].get<bool>());
    EXPECT_NE(health.body["model"]["message"].get<std::string>().find("not loaded"),
              std::string::npos);

    // Difficulty: regtest never retargets, so the rule's value is the tip's own difficulty, the
    // proof-of-work limit's, at every coming retarget height.
    auto tip = nodes.rpc("getblockheader", {nodes.rpc("getbestblockhash")});
    const double rule_value = compact_difficulty(
        static_cast<uint32_t>(std::stoul(tip["bits"].get<std::string>(), nullptr, 16)));
    EXPECT_DOUBLE_EQ(rule_value, tip["difficulty"].get<double>());
    EXPECT_DOUBLE_EQ(rule_value, nodes.rpc("getdifficulty").get<double>());
    auto difficulty = post(port, "/api/v1/predict/difficulty", json{{"horizons", 3}});
    ASSERT_EQ(difficulty.status, 200) << difficulty.body.dump();
    EXPECT_EQ(difficulty.body["source"], "node");
    EXPECT_EQ(difficulty.body["tip"]["height"], height);
    ASSERT_EQ(difficulty.body["forecast"].size(), 3u);
    for (size_t i = 0; i < 3; ++i) {
        const auto& step = difficulty.body["forecast"][i];
        EXPECT_EQ(step["height"], 2016 * static_cast<int64_t>(i + 1));
        EXPECT_DOUBLE_EQ(step["difficulty"].get<double>(), rule_value);
        EXPECT_DOUBLE_EQ(step["low"].get<double>(), rule_value);
        EXPECT_DOUBLE_EQ(step["high"].get<double>(), rule_value);
    }
    EXPECT_EQ(difficulty.body["current_epoch"]["blocks_mined"], height + 1);

    // Earnings for the mining address, from its measured roll-ups.
    auto earnings = post(port, "/api/v1/predict/earnings", json{{"address", miner_address}});
    ASSERT_EQ(earnings.status, 200) << earnings.body.dump();
    EXPECT_GT(earnings.body["hashrate"].get<double>(), 0);
    EXPECT_EQ(earnings.body["scheme"], "pplns");
    ASSERT_EQ(earnings.body["periods"].size(), 3u);
    for (const auto& p : earnings.body["periods"]) {
        int64_t expected = p["expected"];
        EXPECT_GT(expected, 0) << p.dump();
        EXPECT_LE(p["low"].get<int64_t>(), expected) << p.dump();
        EXPECT_GE(p["high"].get<int64_t>(), expected) << p.dump();
    }
    // A posted hashrate at a posted (mainnet-like) difficulty.
    auto posted = post(
        port, "/api/v1/predict/earnings",
        json{
            {"hashrate", 1e9}, {"scheme", "pps"}, {"network_difficulty", 2e7}, {"horizon", "day"}});
    ASSERT_EQ(posted.status, 200) << posted.body.dump();
    ASSERT_EQ(posted.body["periods"].size(), 1u);
    EXPECT_GT(posted.body["periods"][0]["expected"].get<int64_t>(), 0);
    // The same hashrate at regtest's difficulty is more than 64-bit amounts hold: refused.
    auto implausible = post(port, "/api/v1/predict/earnings", json{{"hashrate", 1e9}});
    EXPECT_EQ(implausible.status, 422) << implausible.body.dump();
    EXPECT_NE(implausible.body["error"]["message"].get<std::string>().find("implausible"),
              std::string::npos);

    // Bad requests: 400 naming the field.
    auto bad = post(port, "/api/v1/predict/earnings", json{{"hashrate", -1}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.body["error"]["code"], "bad_parameter");
    EXPECT_EQ(bad.body["error"]["parameter"], "hashrate");
    EXPECT_NE(bad.body["error"]["message"].get<std::string>().find("hashrate"), std::string::npos);
    auto bad_horizons = post(port, "/api/v1/predict/difficulty", json{{"horizons", 9}});
    EXPECT_EQ(bad_horizons.status, 400);
    EXPECT_EQ(bad_horizons.body["error"]["parameter"], "horizons");
    auto not_json = http_call(port, "POST", "/api/v1/predict/earnings", "{hashrate: 1");
    EXPECT_EQ(not_json.status, 400);
    EXPECT_EQ(not_json.body["error"]["code"], "bad_json");
    auto unknown = post(port, "/api/v1/sentinel/detect", json{{"minre", miner_address}});
    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(unknown.body["error"]["parameter"], "minre");

    // The Sentinel has read the miner's shares from the store.
    analytics.service().evaluate_sentinel();
    auto detect = post(port, "/api/v1/sentinel/detect", json{{"miner", miner_address}});
    ASSERT_EQ(detect.status, 200) << detect.body.dump();
    EXPECT_GE(detect.body["sentinel"]["evaluations"].get<int64_t>(), 1);
    EXPECT_GE(detect.body["sentinel"]["shares_seen"].get<int64_t>(), blocks);
    EXPECT_GE(detect.body["sentinel"]["workers_watched"].get<int64_t>(), 1);
    EXPECT_TRUE(detect.body["alerts"].is_array());
    auto alerts = http_call(port, "GET", "/api/v1/alerts?since_minutes=60");
    ASSERT_EQ(alerts.status, 200) << alerts.body.dump();
    EXPECT_TRUE(alerts.body["alerts"].is_array());
    EXPECT_EQ(http_call(port, "GET", "/api/v1/alerts?since_minutes=soon").status, 400);

    // Worker advice.
    auto advice = post(port, "/api/v1/optimize/worker",
                       json{{"hashrate", 7e9}, {"difficulty", 1024}, {"hardware", "Antminer L7"}});
    ASSERT_EQ(advice.status, 200) << advice.body.dump();
    EXPECT_FALSE(advice.body["advice"].empty());
    EXPECT_EQ(advice.body["hardware"]["model"], "Antminer L7");

    EXPECT_EQ(http_call(port, "GET", "/api/v1/nothing").status, 404);
    analytics.stop();
}

TEST_F(AnalyticsServiceTest, RunsAsItsOwnProcessWithATrainedModel) {
    TempDir dir("analytics-process");
    auto history = analytics::load_difficulty_csv(
        std::string(VIDDHANA_SOURCE_DIR) + "/src/analytics/data/difficulty/litecoin-epochs.csv");
    ASSERT_TRUE(history);
    auto trained = analytics::train_forecaster(*history, analytics::TrainOptions{});
    ASSERT_TRUE(trained) << trained.error().message;
    const std::string model_path = dir.file("ltc-model.json");
    ASSERT_TRUE(analytics::save_forecaster(*trained, model_path));
    const std::string corrupt_path = dir.file("corrupt-model.json");
    {
        std::ofstream out(corrupt_path);
        out << "{\"format\": ";
    }

    auto yaml = [&](const std::string& model, uint16_t port) {
        return PoolUnderTest::default_yaml(nodes, nodes.new_address(), 0) +
               fmt::format(
                   "data_dir: {}\nanalytics:\n  port: {}\n  model: {}\n  refresh_interval: 1s\n",
                   dir.path(), port, model);
    };
    const uint16_t good_port = free_tcp_port();
    PoolProcess good(dir, "analytics-good", "analytics", yaml(model_path, good_port),
                     {{"PROMETHEUS_ENVIRONMENT", "development"}});
    good.start();
    HttpAnswer health;
    wait_until(
        [&] {
            if (!port_open(good_port)) return false;
            health = http_call(good_port, "GET", "/health");
            return health.status == 200;
        },
        60s, "the analytics process's /health");
    EXPECT_EQ(health.body["environment"], "development");
    EXPECT_TRUE(health.body["model"]["loaded"].get<bool>()) << health.body.dump();
    EXPECT_EQ(health.body["model"]["name"], trained->model.spec.name());
    EXPECT_EQ(health.body["model"]["span"]["rows"], history->size());
    EXPECT_EQ(health.body["model"]["span"]["last_height"], history->points.back().height);
    // A posted series is forecast by the loaded model.
    json series = json::array();
    for (const auto& p : history->points)
        series.push_back(
            {{"height", p.height}, {"time_unix", p.time_unix}, {"difficulty", p.difficulty}});
    auto f = post(good_port, "/api/v1/predict/difficulty", json{{"series", series}});
    ASSERT_EQ(f.status, 200) << f.body.dump().substr(0, 500);
    EXPECT_EQ(f.body["model"], trained->model.spec.name());
    EXPECT_EQ(f.body["forecast"].size(), 6u);
    EXPECT_EQ(good.stop(), 0) << good.log();

    // A corrupt model file: the service runs, says why the model is not loaded, and still
    // forecasts by the protocol rule.
    const uint16_t bad_port = free_tcp_port();
    PoolProcess bad(dir, "analytics-corrupt", "analytics", yaml(corrupt_path, bad_port));
    bad.start();
    wait_until(
        [&] {
            if (!port_open(bad_port)) return false;
            health = http_call(bad_port, "GET", "/health");
            return health.status == 200;
        },
        60s, "/health with a corrupt model file");
    EXPECT_FALSE(health.body["model"]["loaded"].get<bool>());
    EXPECT_NE(health.body["model"]["message"].get<std::string>().find(corrupt_path),
              std::string::npos)
        << health.body.dump();
    auto rule = post(bad_port, "/api/v1/predict/difficulty", json::object());
    ASSERT_EQ(rule.status, 200) << rule.body.dump();
    EXPECT_FALSE(rule.body["learned_model"]["loaded"].get<bool>());
    EXPECT_DOUBLE_EQ(rule.body["forecast"][0]["difficulty"].get<double>(),
                     nodes.rpc("getdifficulty").get<double>());
    EXPECT_EQ(bad.stop(), 0) << bad.log();
}

TEST_F(AnalyticsServiceTest, RunsInsideViddhanaRun) {
    TempDir dir("analytics-run");
    const uint16_t ai_port = free_tcp_port();
    const uint16_t api_port = free_tcp_port();
    std::string yaml =
        PoolUnderTest::default_yaml(nodes, nodes.new_address(), free_tcp_port()) +
        fmt::format("data_dir: {}\nanalytics:\n  port: {}\napi:\n  host: 127.0.0.1\n  port: {}\n",
                    dir.path(), ai_port, api_port);
    PoolProcess run(dir, "run", "run", yaml);
    run.start();
    HttpAnswer health;
    wait_until(
        [&] {
            if (!port_open(ai_port)) return false;
            health = http_call(ai_port, "GET", "/health");
            return health.status == 200;
        },
        60s, "the analytics service inside viddhana run");
    EXPECT_EQ(health.body["store"]["backend"], "sqlite");
    EXPECT_EQ(health.body["node"]["height"], nodes.height());
    // The API next door forwards /api/ai/* to it and passes its answers through.
    wait_until([&] { return port_open(api_port); }, 60s, "the API inside viddhana run");
    auto direct = http_call(ai_port, "GET", "/api/v1/alerts?since_minutes=60");
    auto forwarded = http_call(api_port, "GET", "/api/ai/alerts?since_minutes=60");
    EXPECT_EQ(forwarded.status, 200);
    // The same answer (its clock and evaluation counters move between the two calls).
    EXPECT_EQ(forwarded.body["scope"], direct.body["scope"]);
    EXPECT_EQ(forwarded.body["alerts"], direct.body["alerts"]);
    EXPECT_TRUE(forwarded.body.contains("sentinel")) << forwarded.body.dump();
    auto refused = http_call(api_port, "GET", "/api/ai/alerts?since_minutes=soon");
    EXPECT_EQ(refused.status, 400);
    EXPECT_EQ(run.stop(), 0) << run.log();
}

// The node reader across a retarget boundary and a reorg that replaces the boundary block.
TEST_F(AnalyticsServiceTest, NodeReaderFollowsBoundariesAndReorgs) {
    const auto& coin = *chain::find_coin("litecoin", chain::Network::regtest);
    analytics::service::NodeDifficultyReader reader(coin, {nodes.endpoint(RegtestNode::a)});
    auto first = reader.read();
    ASSERT_EQ(first.epochs.size(), 1u);
    EXPECT_FALSE(first.retargets);
    EXPECT_FALSE(first.progress.previous_block_time_unix);

    // Past height 432 litecoind mines only with MWEB active.
    nodes.activate_mweb();
    std::string address = nodes.new_address();
    nodes.rpc(RegtestNode::a, "generatetoaddress", {2020 - nodes.height(), address});
    auto header_at = [&](int64_t height) {
        return nodes.rpc(RegtestNode::a, "getblockheader",
                         {nodes.rpc(RegtestNode::a, "getblockhash", {height})});
    };
    auto crossed = reader.read();
    ASSERT_EQ(crossed.epochs.size(), 2u);
    EXPECT_EQ(crossed.epochs[1].height, 2016);
    EXPECT_EQ(crossed.epochs[1].time_unix, header_at(2016)["time"].get<int64_t>());
    EXPECT_EQ(crossed.progress.tip_height, 2020);
    EXPECT_EQ(*crossed.progress.previous_block_time_unix, header_at(2015)["time"].get<int64_t>());

    // Replace blocks 2016.. on node A with a chain whose boundary block is new.
    std::string old_boundary = nodes.rpc(RegtestNode::a, "getblockhash", {2016});
    nodes.rpc(RegtestNode::a, "invalidateblock", {old_boundary});
    nodes.rpc(RegtestNode::a, "setmocktime", {header_at(2015)["time"].get<int64_t>() + 3600});
    nodes.rpc(RegtestNode::a, "generatetoaddress", {2, address});
    ASSERT_NE(nodes.rpc(RegtestNode::a, "getblockhash", {2016}).get<std::string>(), old_boundary);
    auto reorged = reader.read();
    ASSERT_EQ(reorged.epochs.size(), 2u);
    EXPECT_EQ(reorged.progress.tip_height, 2017);
    EXPECT_EQ(reorged.epochs[1].time_unix, header_at(2016)["time"].get<int64_t>());
    EXPECT_NE(reorged.epochs[1].time_unix, crossed.epochs[1].time_unix);
}

}  // namespace
}  // namespace viddhana::test
