// The earnings endpoint: a posted hashrate, a miner's measured roll-ups, the pool's defaults,
// and bad requests naming their field.
#include <gtest/gtest.h>

#include "analytics/service/earnings_endpoint.h"

namespace viddhana::analytics::service {
namespace {

using nlohmann::json;

EarningsContext litecoin_context() {
    EarningsContext c;
    c.coin = chain::find_coin("litecoin", chain::Network::mainnet);
    c.pool_scheme = ledger::payout::SchemeKind::pplns;
    c.pool_fee_percent = 1.0;
    c.now_unix = 1'700'000'000;
    c.network_difficulty = 2e7;
    c.chain_height = 2'500'000;
    c.typical_fees_per_block = 2'000'000;
    c.difficulty_method = "test";
    c.pool_hashrate = 5e12;
    return c;
}

TEST(EarningsEndpoint, ProjectsAPostedHashrateWithIntervals) {
    auto req =
        parse_earnings_request(json{{"hashrate", 1e9}, {"scheme", "pps"}, {"fee_percent", 2}});
    ASSERT_TRUE(req) << req.error().message;
    auto reply = answer_earnings(*req, litecoin_context());
    ASSERT_EQ(reply.status, 200) << reply.body.dump();
    EXPECT_EQ(reply.body["scheme"], "pps");
    EXPECT_EQ(reply.body["fee_percent"], 2.0);
    EXPECT_EQ(reply.body["coin"], "LTC");
    ASSERT_EQ(reply.body["periods"].size(), 3u);
    int64_t previous = 0;
    for (const auto& p : reply.body["periods"]) {
        int64_t expected = p["expected"];
        EXPECT_GT(expected, previous);
        EXPECT_LE(p["low"].get<int64_t>(), expected);
        EXPECT_GE(p["high"].get<int64_t>(), expected);
        EXPECT_EQ(p["expected_coins"], format_coins(expected, 100000000));
        previous = expected;
    }
    // PPS at 1 GH/s against difficulty 2e7: about 0.0124 LTC a day at a 1% fee (docs/analytics.md),
    // 1% less at 2%.
    int64_t day = reply.body["periods"][0]["expected"];
    EXPECT_NEAR(static_cast<double>(day), 1244694.0 * 0.98 / 0.99, 2000.0);
}

TEST(EarningsEndpoint, UsesTheMinersMeasuredHashrateAndOneHorizon) {
    auto ctx = litecoin_context();
    for (int i = 0; i < 120; ++i)
        ctx.miner_samples.push_back({ctx.now_unix - 60 * (119 - i), 2e9});
    ctx.miner_window_s = 7200;
    auto req = parse_earnings_request(
        json{{"address", "ltc1qminer"}, {"worker", "rig1"}, {"horizon", "week"}});
    ASSERT_TRUE(req) << req.error().message;
    auto reply = answer_earnings(*req, ctx);
    ASSERT_EQ(reply.status, 200) << reply.body.dump();
    EXPECT_DOUBLE_EQ(reply.body["hashrate"].get<double>(), 2e9);
    EXPECT_EQ(reply.body["address"], "ltc1qminer");
    EXPECT_EQ(reply.body["worker"], "rig1");
    EXPECT_EQ(reply.body["scheme"], "pplns");
    ASSERT_EQ(reply.body["periods"].size(), 1u);
    EXPECT_EQ(reply.body["periods"][0]["period"], "week");
}

TEST(EarningsEndpoint, AMinerWithoutSharesIsNotFound) {
    auto req = parse_earnings_request(json{{"address", "ltc1qnobody"}});
    ASSERT_TRUE(req);
    auto reply = answer_earnings(*req, litecoin_context());
    EXPECT_EQ(reply.status, 404);
    EXPECT_EQ(reply.body["error"]["parameter"], "address");
}

TEST(EarningsEndpoint, WithoutTheNodeItAsksForTheDifficulty) {
    auto ctx = litecoin_context();
    ctx.network_difficulty.reset();
    auto req = parse_earnings_request(json{{"hashrate", 1e9}});
    ASSERT_TRUE(req);
    EXPECT_EQ(answer_earnings(*req, ctx).status, 503);
    auto given = parse_earnings_request(json{{"hashrate", 1e9}, {"network_difficulty", 2e7}});
    ASSERT_TRUE(given);
    EXPECT_EQ(answer_earnings(*given, ctx).status, 200);
}

TEST(EarningsEndpoint, RefusesBadRequestsNamingTheField) {
    struct Case {
        json body;
        std::string field;
    };
    const Case cases[] = {
        {json::object(), "hashrate"},
        {json{{"hashrate", 0}}, "hashrate"},
        {json{{"hashrate", -5}}, "hashrate"},
        {json{{"hashrate", "1 GH/s"}}, "hashrate"},
        {json{{"hashrate", 1e9}, {"address", "ltc1q"}}, "hashrate"},
        {json{{"hashrate", 1e9}, {"worker", "rig"}}, "worker"},
        {json{{"hashrate", 1e9}, {"scheme", "pplnt"}}, "scheme"},
        {json{{"hashrate", 1e9}, {"fee_percent", 101}}, "fee_percent"},
        {json{{"hashrate", 1e9}, {"horizon", "year"}}, "horizon"},
        {json{{"hashrate", 1e9}, {"horizon", json::array()}}, "horizon"},
        {json{{"hashrate", 1e9}, {"coverage", 0.3}}, "coverage"},
        {json{{"hashrate", 1e9}, {"pool_hashrate", 1e8}}, "pool_hashrate"},
        {json{{"hashrate", 1e9}, {"network_difficulty", 0}}, "network_difficulty"},
        {json{{"hashrate", 1e9}, {"fees_per_block", 0.5}}, "fees_per_block"},
        {json{{"hashrate", 1e9}, {"hashrat", 1}}, "hashrat"},
        {json{{"address", ""}}, "address"},
    };
    for (const auto& c : cases) {
        auto r = parse_earnings_request(c.body);
        ASSERT_FALSE(r) << c.body.dump();
        EXPECT_EQ(r.error().field, c.field) << c.body.dump() << ": " << r.error().message;
        EXPECT_NE(r.error().message.find(c.field), std::string::npos) << r.error().message;
    }
}

}  // namespace
}  // namespace viddhana::analytics::service
