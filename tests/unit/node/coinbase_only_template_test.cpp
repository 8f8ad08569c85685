// coinbase_only_template on a real tip: litecoind 0.21.2.1 regtest's template before a block
// (tip_before_template.json), the new block's header (tip_header.json) and the node's own template
// after it (tip_after_template.json), which the pool's must match field for field; and the cases
// where the pool cannot know the next block's rules and must wait for the node.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "chain/coin.h"
#include "node/coinbase_only_template.h"

namespace viddhana::node {
namespace {

using nlohmann::json;

json load(const std::string& name) {
    std::ifstream in(std::string(VIDDHANA_SOURCE_DIR) + "/tests/data/node/" + name);
    EXPECT_TRUE(in) << name;
    std::stringstream ss;
    ss << in.rdbuf();
    return json::parse(ss.str());
}

class CoinbaseOnlyTemplateTest : public ::testing::Test {
  protected:
    const chain::CoinParams& coin = *chain::find_coin("litecoin", chain::Network::regtest);
    BlockTemplate before = parse_block_template(load("tip_before_template.json")).value();
    BlockTemplate after = parse_block_template(load("tip_after_template.json")).value();
    json header = load("tip_header.json");
    TipHeader tip = parse_tip_header(header).value();
};

TEST_F(CoinbaseOnlyTemplateTest, MatchesTheNodesTemplateForAnEmptyMempool) {
    auto t = coinbase_only_template(before, tip, coin, after.cur_time);
    ASSERT_TRUE(t) << t.error().message;
    EXPECT_TRUE(t->coinbase_only);
    EXPECT_EQ(t->previous_block, after.previous_block);
    EXPECT_EQ(t->height, after.height);
    EXPECT_EQ(t->version, after.version);
    EXPECT_EQ(t->bits, after.bits);
    EXPECT_EQ(t->target, after.target);
    EXPECT_EQ(t->coinbase_value, after.coinbase_value);
    EXPECT_EQ(t->min_time, after.min_time);
    EXPECT_EQ(t->cur_time, after.cur_time);
    ASSERT_TRUE(t->default_witness_commitment);
    EXPECT_EQ(*t->default_witness_commitment, *after.default_witness_commitment);
    EXPECT_EQ(t->rules, after.rules);
    EXPECT_TRUE(t->transactions.empty());
    EXPECT_FALSE(t->mweb);
    // Same work as the node's: the node's template that follows it changes nothing for miners.
    EXPECT_TRUE(same_work(*t, after));
}

TEST_F(CoinbaseOnlyTemplateTest, TimeNeverBeforeTheMedianTimePast) {
    auto t = coinbase_only_template(before, tip, coin, tip.median_time - 600);
    ASSERT_TRUE(t) << t.error().message;
    EXPECT_EQ(t->cur_time, tip.median_time + 1);
}

TEST_F(CoinbaseOnlyTemplateTest, NoWitnessCommitmentWithoutSegwit) {
    before.default_witness_commitment.reset();
    auto t = coinbase_only_template(before, tip, coin, after.cur_time);
    ASSERT_TRUE(t) << t.error().message;
    EXPECT_FALSE(t->default_witness_commitment);
}

TEST_F(CoinbaseOnlyTemplateTest, RefusedOnceMwebIsActive) {
    before.mweb = Bytes{0x01};
    auto t = coinbase_only_template(before, tip, coin, after.cur_time);
    ASSERT_FALSE(t);
    EXPECT_NE(t.error().message.find("MWEB"), std::string::npos) << t.error().message;
}

TEST_F(CoinbaseOnlyTemplateTest, RefusedWhenTheBlockIsNoLongerTheTip) {
    for (int64_t confirmations : {-1, 0, 2}) {
        tip.confirmations = confirmations;
        auto t = coinbase_only_template(before, tip, coin, after.cur_time);
        ASSERT_FALSE(t) << confirmations;
        EXPECT_NE(t.error().message.find("no longer the node's tip"), std::string::npos);
    }
}

TEST_F(CoinbaseOnlyTemplateTest, RefusedAtARetarget) {
    tip.height = coin.retarget_interval * 3 - 1;
    before.height = tip.height;
    auto t = coinbase_only_template(before, tip, coin, after.cur_time);
    ASSERT_FALSE(t);
    EXPECT_NE(t.error().message.find("retarget"), std::string::npos) << t.error().message;
}

TEST_F(CoinbaseOnlyTemplateTest, RefusedWhereASoftForkCouldActivate) {
    // The first block of a signalling period.
    tip.height = coin.versionbits_window * 5 - 1;
    before.height = tip.height;
    auto t = coinbase_only_template(before, tip, coin, after.cur_time);
    ASSERT_FALSE(t);
    EXPECT_NE(t.error().message.find("signalling period"), std::string::npos);
    // The node's template was made in an earlier period than the new block.
    tip.height = coin.versionbits_window * 5 + 3;
    before.height = coin.versionbits_window * 5 - 2;
    EXPECT_FALSE(coinbase_only_template(before, tip, coin, after.cur_time));
    // Both in the same period, not at its start: made.
    before.height = tip.height;
    EXPECT_TRUE(coinbase_only_template(before, tip, coin, after.cur_time));
}

TEST_F(CoinbaseOnlyTemplateTest, RefusedOnTestnet) {
    const auto& testnet = *chain::find_coin("litecoin", chain::Network::testnet);
    auto t = coinbase_only_template(before, tip, testnet, after.cur_time);
    ASSERT_FALSE(t);
    EXPECT_NE(t.error().message.find("testnet"), std::string::npos);
}

TEST_F(CoinbaseOnlyTemplateTest, SubsidyHalvesWithTheHeight) {
    // Regtest halves every 150 blocks: block 152 earns half of block 122.
    tip.height = 151;
    before.height = 150;
    auto t = coinbase_only_template(before, tip, coin, after.cur_time);
    ASSERT_TRUE(t) << t.error().message;
    EXPECT_EQ(t->coinbase_value, after.coinbase_value / 2);
}

TEST(TipHeader, ParsesTheNodesHeader) {
    auto tip = parse_tip_header(load("tip_header.json"));
    ASSERT_TRUE(tip) << tip.error().message;
    EXPECT_EQ(tip->height, 121);
    EXPECT_EQ(tip->bits, 0x207fffffu);
    EXPECT_EQ(tip->median_time, 1796621202);
    EXPECT_EQ(tip->confirmations, 1);
    // The hash is stored in internal byte order: the after-template's previous block.
    auto after = parse_block_template(load("tip_after_template.json")).value();
    EXPECT_EQ(tip->hash, after.previous_block);
}

TEST(TipHeader, MalformedFieldsAreNamed) {
    const json good = load("tip_header.json");
    const std::pair<const char*, json> cases[] = {
        {"hash", "24db"},       {"hash", 5},          {"height", "121"},
        {"bits", "207fff"},     {"bits", 0x207fffff}, {"mediantime", nullptr},
        {"confirmations", "1"},
    };
    for (const auto& [field, value] : cases) {
        json bad = good;
        bad[field] = value;
        auto r = parse_tip_header(bad);
        ASSERT_FALSE(r) << field;
        EXPECT_NE(r.error().message.find(field), std::string::npos) << r.error().message;
        bad.erase(field);
        EXPECT_FALSE(parse_tip_header(bad)) << field;
    }
    EXPECT_FALSE(parse_tip_header(json::array()));
}

}  // namespace
}  // namespace viddhana::node
