// The difficulty endpoint: regtest's rule (no retargets), the retarget in progress by the rule
// when no model is loaded, the learned model on real Litecoin epochs, posted series, bad input.
#include <cmath>

#include <gtest/gtest.h>

#include "analytics/difficulty_history.h"
#include "analytics/service/difficulty_endpoint.h"

namespace viddhana::analytics::service {
namespace {

using nlohmann::json;

const std::string kLitecoinEpochs =
    std::string(VIDDHANA_SOURCE_DIR) + "/src/analytics/data/difficulty/litecoin-epochs.csv";

ChainDifficulty regtest_chain() {
    ChainDifficulty c;
    c.coin = chain::find_coin("litecoin", chain::Network::regtest);
    c.retargets = false;
    c.epochs = {{0, 1296688602, 0x207fffff, 4.656542373906925e-10}};
    c.progress = {120, 1700000000, std::nullopt};
    c.tip_difficulty = 4.656542373906925e-10;
    return c;
}

// The real chain up to the file's last epoch start, with a tip 1000 blocks into the next epoch.
ChainDifficulty mainnet_chain(const DifficultyHistory& h) {
    ChainDifficulty c;
    c.coin = chain::find_coin("litecoin", chain::Network::mainnet);
    c.epochs = h.points;
    const auto& last = h.points.back();
    c.progress = {last.height + 1000, last.time_unix + 1000 * 140, last.time_unix - 150};
    c.tip_difficulty = last.difficulty;
    return c;
}

TEST(DifficultyEndpoint, RegtestKeepsTheDifficultyAtEveryRetarget) {
    auto req = parse_difficulty_request(json::object());
    ASSERT_TRUE(req);
    auto node = regtest_chain();
    auto reply = answer_difficulty(*req, &node, LoadedModel{});
    ASSERT_EQ(reply.status, 200) << reply.body.dump();
    const auto& steps = reply.body["forecast"];
    ASSERT_EQ(steps.size(), 6u);
    for (size_t i = 0; i < steps.size(); ++i) {
        EXPECT_EQ(steps[i]["height"], 2016 * static_cast<int64_t>(i + 1));
        EXPECT_EQ(steps[i]["difficulty"].get<double>(), node.tip_difficulty);
        EXPECT_EQ(steps[i]["low"].get<double>(), node.tip_difficulty);
        EXPECT_EQ(steps[i]["high"].get<double>(), node.tip_difficulty);
    }
    EXPECT_EQ(reply.body["current_epoch"]["blocks_mined"], 121);
    EXPECT_NE(reply.body["method"].get<std::string>().find("does not retarget"), std::string::npos);
    EXPECT_EQ(reply.body["network"], "regtest");
    EXPECT_FALSE(reply.body["learned_model"]["loaded"].get<bool>());
}

TEST(DifficultyEndpoint, WithoutAModelTheRuleForecastsTheRetargetInProgress) {
    auto h = load_difficulty_csv(kLitecoinEpochs);
    ASSERT_TRUE(h) << h.error().message;
    auto node = mainnet_chain(*h);
    auto req = parse_difficulty_request(json{{"horizons", 3}});
    ASSERT_TRUE(req);
    LoadedModel none{nullptr, "/nowhere/model.json", "cannot open /nowhere/model.json"};
    auto reply = answer_difficulty(*req, &node, none);
    ASSERT_EQ(reply.status, 200) << reply.body.dump();
    // Only the retarget in progress; blocks came every 140 s against 150 s, so it rises.
    ASSERT_EQ(reply.body["forecast"].size(), 1u);
    const auto& step = reply.body["forecast"][0];
    EXPECT_EQ(step["height"], h->points.back().height + 2016);
    EXPECT_GT(step["difficulty"].get<double>(), h->points.back().difficulty);
    EXPECT_LE(step["low"].get<double>(), step["difficulty"].get<double>());
    EXPECT_GE(step["high"].get<double>(), step["difficulty"].get<double>());
    EXPECT_EQ(reply.body["model"], "none");
    const auto& lm = reply.body["learned_model"];
    EXPECT_FALSE(lm["loaded"].get<bool>());
    EXPECT_NE(lm["message"].get<std::string>().find("not loaded (cannot open /nowhere/model.json)"),
              std::string::npos);
    EXPECT_NE(reply.body["notes"][0].get<std::string>().find("not loaded"), std::string::npos);
}

TEST(DifficultyEndpoint, ALoadedModelForecastsLaterRetargetsToo) {
    auto h = load_difficulty_csv(kLitecoinEpochs);
    ASSERT_TRUE(h);
    auto trained = train_forecaster(*h, TrainOptions{});
    ASSERT_TRUE(trained) << trained.error().message;
    auto node = mainnet_chain(*h);
    auto req = parse_difficulty_request(json{{"coverage", 0.8}});
    ASSERT_TRUE(req);
    auto reply = answer_difficulty(*req, &node, LoadedModel{&*trained, "ltc.json", ""});
    ASSERT_EQ(reply.status, 200) << reply.body.dump();
    EXPECT_EQ(reply.body["forecast"].size(), 6u);
    EXPECT_EQ(reply.body["coverage"], 0.8);
    EXPECT_EQ(reply.body["model"], trained->model.spec.name());
    EXPECT_TRUE(reply.body["learned_model"]["loaded"].get<bool>());
    EXPECT_EQ(reply.body["learned_model"]["span"]["rows"], h->size());
    // The first step is the rule's estimate of the epoch in progress.
    double first = reply.body["forecast"][0]["difficulty"];
    EXPECT_NEAR(first, reply.body["current_epoch"]["difficulty"].get<double>(), first * 1e-12);
}

TEST(DifficultyEndpoint, ForecastsAPostedSeries) {
    json series = json::array();
    double d = 1000;
    for (int i = 0; i < 60; ++i) {
        series.push_back({{"height", 2016 * (i + 1)},
                          {"time_unix", 1600000000 + i * 302400},
                          {"difficulty", d}});
        d *= 1.02;
    }
    auto req =
        parse_difficulty_request(json{{"series", series}, {"chain", "litecoin"}, {"horizons", 2}});
    ASSERT_TRUE(req) << req.error().message;
    auto reply = answer_difficulty(*req, nullptr, LoadedModel{});
    ASSERT_EQ(reply.status, 200) << reply.body.dump();
    EXPECT_EQ(reply.body["source"], "series");
    ASSERT_EQ(reply.body["forecast"].size(), 2u);
    // A steady 2% rise continues.
    EXPECT_GT(reply.body["forecast"][0]["difficulty"].get<double>(), d / 1.02);
}

TEST(DifficultyEndpoint, RefusesBadRequestsNamingTheField) {
    struct Case {
        json body;
        std::string field;
    };
    json bad_row = json::array({{{"height", 2016}, {"time_unix", 1}, {"difficulty", 1}},
                                {{"height", 4032}, {"time_unix", 2}, {"difficulty", -1}},
                                {{"height", 6048}, {"time_unix", 3}, {"difficulty", 1}}});
    json not_increasing = json::array({{{"height", 2016}, {"time_unix", 1}, {"difficulty", 1}},
                                       {{"height", 2016}, {"time_unix", 2}, {"difficulty", 1}},
                                       {{"height", 6048}, {"time_unix", 3}, {"difficulty", 1}}});
    const Case cases[] = {
        {json{{"horizons", 7}}, "horizons"},
        {json{{"horizons", "six"}}, "horizons"},
        {json{{"coverage", 0.5}}, "coverage"},
        {json{{"coverage", 1.2}}, "coverage"},
        {json{{"chain", "dogecoin"}}, "chain"},
        {json{{"series", "1,2,3"}}, "series"},
        {json{{"series", json::array({1, 2})}}, "series"},
        {json{{"series", bad_row}}, "series[1].difficulty"},
        {json{{"series", not_increasing}}, "series[1].height"},
        {json{{"tip", {{"height", 5}, {"time_unix", 9}}}}, "tip"},
        {json{{"series", bad_row[0]}}, "series"},
        {json{{"horizon", 2}}, "horizon"},
    };
    for (const auto& c : cases) {
        auto r = parse_difficulty_request(c.body);
        ASSERT_FALSE(r) << c.body.dump();
        EXPECT_EQ(r.error().field, c.field) << c.body.dump() << ": " << r.error().message;
        EXPECT_NE(r.error().message.find(c.field.substr(0, c.field.find('['))), std::string::npos)
            << r.error().message;
    }
}

TEST(DifficultyEndpoint, AMissingNodeHistoryIsNotAForecast) {
    auto req = parse_difficulty_request(json::object());
    ASSERT_TRUE(req);
    auto reply = answer_difficulty(*req, nullptr, LoadedModel{});
    EXPECT_EQ(reply.status, 422);
    EXPECT_EQ(reply.body["error"]["code"], "cannot_forecast");
}

}  // namespace
}  // namespace viddhana::analytics::service
