// JobIssuer: clean jobs at once on a new block, same-block updates at most every refresh interval,
// the node's template right after a coinbase-only job.
#include <gtest/gtest.h>

#include "chain/coin.h"
#include "stratum/job_issuer.h"

namespace viddhana::stratum {
namespace {

std::shared_ptr<node::BlockTemplate> make_template(uint8_t prev, int64_t height, int64_t value) {
    auto t = std::make_shared<node::BlockTemplate>();
    t->version = 0x20000000;
    t->previous_block.data()[0] = prev;
    t->height = height;
    t->coinbase_value = value;
    t->bits = 0x207fffff;
    t->target = *chain::Uint256::from_compact(0x207fffff);
    t->cur_time = 1700000000;
    t->min_time = 1699999000;
    return t;
}

class JobIssuerTest : public ::testing::Test {
  protected:
    const chain::CoinParams& coin = *chain::find_coin("litecoin", chain::Network::regtest);
    JobIssuer issuer{JobBuilder(coin, CoinbaseSpec{}), CoinbasePayout{Bytes{0x51}, {}, 0}, 30};
};

TEST_F(JobIssuerTest, NewBlockIsCleanAtOnceAndUpdatesWait) {
    auto first = issuer.on_template(make_template(1, 100, 50), 0);
    ASSERT_TRUE(first && *first);
    EXPECT_TRUE((**first)->clean);
    EXPECT_EQ((**first)->id, 1u);

    // Same block, more fees, 5 s later: held back.
    auto update = issuer.on_template(make_template(1, 100, 60), 5'000);
    ASSERT_TRUE(update);
    EXPECT_FALSE(*update);
    EXPECT_FALSE(issuer.on_tick(29'999).value());
    auto later = issuer.on_tick(30'000);
    ASSERT_TRUE(later && *later);
    EXPECT_FALSE((**later)->clean);
    EXPECT_EQ((**later)->coinbase_value, 60);
    EXPECT_FALSE(issuer.on_tick(90'000).value());  // nothing new held

    // A new block is never held back, even right after a job.
    auto block = issuer.on_template(make_template(2, 101, 50), 30'001);
    ASSERT_TRUE(block && *block);
    EXPECT_TRUE((**block)->clean);
    EXPECT_EQ(issuer.jobs_issued(), 3u);
}

TEST_F(JobIssuerTest, UpdateAfterTheIntervalGoesOutImmediately) {
    ASSERT_TRUE(issuer.on_template(make_template(1, 100, 50), 0).value());
    auto update = issuer.on_template(make_template(1, 100, 70), 31'000);
    ASSERT_TRUE(update && *update);
    EXPECT_FALSE((**update)->clean);
}

TEST_F(JobIssuerTest, NodeTemplateReplacesACoinbaseOnlyJobAtOnce) {
    ASSERT_TRUE(issuer.on_template(make_template(1, 100, 60), 0).value());
    auto fast = make_template(2, 101, 50);
    fast->coinbase_only = true;
    auto clean = issuer.on_template(fast, 1'000);
    ASSERT_TRUE(clean && *clean);
    EXPECT_TRUE((**clean)->clean);
    EXPECT_EQ((**clean)->height, 101);
    // 40 ms later the node's template for the same block, with fees: not held for 30 s.
    auto full = issuer.on_template(make_template(2, 101, 55), 1'040);
    ASSERT_TRUE(full && *full);
    EXPECT_FALSE((**full)->clean);
    EXPECT_EQ((**full)->coinbase_value, 55);
    // Later updates are held again.
    EXPECT_FALSE(issuer.on_template(make_template(2, 101, 58), 2'000).value());
}

TEST_F(JobIssuerTest, CoinbaseOnlyTemplateAfterTheNodesOneIsDropped) {
    ASSERT_TRUE(issuer.on_template(make_template(2, 101, 55), 0).value());
    auto fast = make_template(2, 101, 50);
    fast->coinbase_only = true;
    auto r = issuer.on_template(fast, 10);
    ASSERT_TRUE(r);
    EXPECT_FALSE(*r);
    EXPECT_EQ(issuer.current()->coinbase_value, 55);
}

TEST_F(JobIssuerTest, BadTemplateIsAnErrorAndChangesNothing) {
    ASSERT_TRUE(issuer.on_template(make_template(1, 100, 50), 0).value());
    JobIssuer bad_payout{JobBuilder(coin, CoinbaseSpec{}), CoinbasePayout{}, 30};
    auto r = bad_payout.on_template(make_template(1, 100, 50), 0);
    EXPECT_FALSE(r);
    EXPECT_EQ(bad_payout.current(), nullptr);
    EXPECT_FALSE(issuer.on_template(nullptr, 1));
    EXPECT_EQ(issuer.current()->id, 1u);
}

}  // namespace
}  // namespace viddhana::stratum
