// PROP: the round's work split in proportion; the worked example of docs/payouts.md.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "ledger/payout/prop_scheme.h"

namespace viddhana::ledger::payout {
namespace {

// docs/payouts.md, "PROP": a scrypt round (multiplier 65536) of 10 shares at 512 from alice,
// 7 at 1024 from bob and 300 at 16 from carol; 6.26234567 LTC at a 2% fee.
std::vector<MinerWork> round_shares() {
    std::vector<MinerWork> shares;
    for (int i = 0; i < 300; ++i) {
        if (i < 10) shares.push_back({"alice", share_work(512, 65536)});
        if (i < 7) shares.push_back({"bob", share_work(1024, 65536)});
        shares.push_back({"carol", share_work(16, 65536)});
    }
    return shares;
}

TEST(PayoutProp, WorkedExample) {
    auto prop = PropScheme::create(PoolFee{20'000, "pool"});
    ASSERT_TRUE(prop);
    auto split = prop->split(626'234'567, round_shares());
    ASSERT_TRUE(split);
    EXPECT_EQ(split->fee, 12'524'691);
    ASSERT_EQ(split->credits.size(), 3u);
    EXPECT_EQ(split->credits[0].login, "alice");
    EXPECT_DOUBLE_EQ(split->credits[0].work, 5120.0 / 65536);
    EXPECT_EQ(split->credits[0].weight, 84'337'071'673'605u);
    EXPECT_EQ(split->credits[0].amount, 183'883'108);
    EXPECT_EQ(split->credits[1].amount, 257'436'352);
    EXPECT_EQ(split->credits[2].amount, 172'390'414);
    EXPECT_EQ(split->dust, 2);
    EXPECT_EQ(split->credited() + split->fee + split->dust, 626'234'567);
}

TEST(PayoutProp, PerShareAndPerMinerTotalsGiveTheSameSplit) {
    auto prop = *PropScheme::create(PoolFee{20'000, "pool"});
    std::vector<MinerWork> totals{
        {"carol", 4800.0 / 65536}, {"alice", 5120.0 / 65536}, {"bob", 7168.0 / 65536}};
    auto a = prop.split(626'234'567, round_shares());
    auto b = prop.split(626'234'567, totals);
    ASSERT_TRUE(a);
    ASSERT_TRUE(b);
    EXPECT_EQ(*a, *b);
}

TEST(PayoutProp, PaysTheRoundThroughTheInterface) {
    auto prop = *PropScheme::create(PoolFee{10'000, "pool"});
    const PayoutScheme& scheme = prop;
    EXPECT_EQ(scheme.kind(), SchemeKind::prop);
    EXPECT_EQ(scheme.credit_time(), CreditTime::block_found);
    EXPECT_EQ(scheme.work_to_pay(1e6)->span, WorkToPay::Span::round);
    std::vector<MinerWork> work{{"alice", 1}, {"bob", 3}};
    auto split = scheme.split_block(BlockReward{400, "bob"}, work);
    ASSERT_TRUE(split);
    EXPECT_EQ(split->fee, 4);
    EXPECT_EQ(split->credits[0].amount, 99);  // 396 / 4
    EXPECT_EQ(split->credits[1].amount, 297);
    auto shares = scheme.credit_shares(work, ShareTerms{1e6, 100, {}});
    ASSERT_FALSE(shares);
    EXPECT_NE(shares.error().message.find("prop"), std::string::npos);
}

TEST(PayoutProp, RejectsBadInput) {
    EXPECT_FALSE(PropScheme::create(PoolFee{10'000, ""}));
    auto prop = *PropScheme::create(PoolFee{10'000, "pool"});
    std::vector<MinerWork> work{{"alice", 1}};
    EXPECT_FALSE(prop.split(-5, work));
    EXPECT_FALSE(prop.split(100, {}));
}

TEST(PayoutProp, PropertyHoldsForRandomRounds) {
    std::mt19937_64 rng(4242);
    for (int round = 0; round < 500; ++round) {
        auto prop = *PropScheme::create(PoolFee{static_cast<int64_t>(rng() % 100'001), "pool"});
        std::vector<MinerWork> shares;
        const int n = 1 + static_cast<int>(rng() % 1000);
        for (int i = 0; i < n; ++i) {
            shares.push_back({"m" + std::to_string(rng() % 50),
                              share_work(static_cast<double>(1 + rng() % 100'000), 65536)});
        }
        const int64_t reward = static_cast<int64_t>(rng() % 100'000'000'000);
        auto split = prop.split(reward, shares);
        ASSERT_TRUE(split);
        EXPECT_EQ(split->credited() + split->fee + split->dust, reward);
        EXPECT_GE(split->dust, 0);
        EXPECT_LT(split->dust, static_cast<int64_t>(split->credits.size()));
        for (const auto& c : split->credits)
            EXPECT_GE(c.amount, 0);
    }
}

}  // namespace
}  // namespace viddhana::ledger::payout
