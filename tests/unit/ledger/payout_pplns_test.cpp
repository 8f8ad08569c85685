// PPLNS: the window walk (boundary share counted in part, short history), the split, the worked
// examples of docs/payouts.md, and agreement with the store's walk over Stratum difficulty.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "ledger/payout/pplns_scheme.h"
#include "store/pplns_accumulator.h"

namespace viddhana::ledger::payout {
namespace {

PplnsScheme scheme(double factor = kDefaultPplnsWindowFactor, int64_t ppm = 10'000) {
    return *PplnsScheme::create(factor, PoolFee{ppm, "pool"});
}

// docs/payouts.md, "PPLNS": network difficulty 4, factor 2, so N = 8.
const std::vector<MinerWork> kNewestFirst{
    {"alice", 3}, {"bob", 2}, {"alice", 1}, {"carol", 4}, {"bob", 5}};

TEST(PayoutPplns, WindowCountsTheCrossingSharePartially) {
    auto sel = scheme().select_window(kNewestFirst, 4);
    ASSERT_TRUE(sel);
    EXPECT_DOUBLE_EQ(sel->size, 8);
    EXPECT_DOUBLE_EQ(sel->counted, 8);
    EXPECT_TRUE(sel->complete);
    EXPECT_EQ(sel->shares_counted, 4u);
    EXPECT_DOUBLE_EQ(sel->boundary_fraction, 0.5);  // carol's 4 counts 2
    EXPECT_EQ(sel->miners, (std::vector<MinerWork>{{"alice", 4}, {"bob", 2}, {"carol", 2}}));
}

TEST(PayoutPplns, ShareEndingExactlyAtNIsWhole) {
    auto sel = select_pplns_window(kNewestFirst, 6);
    ASSERT_TRUE(sel);
    EXPECT_TRUE(sel->complete);
    EXPECT_EQ(sel->shares_counted, 3u);
    EXPECT_DOUBLE_EQ(sel->boundary_fraction, 1.0);
    EXPECT_EQ(sel->miners, (std::vector<MinerWork>{{"alice", 4}, {"bob", 2}}));
}

TEST(PayoutPplns, ShortHistoryCountsAllOfIt) {
    auto sel = scheme().select_window(kNewestFirst, 20);  // N = 40 > 15
    ASSERT_TRUE(sel);
    EXPECT_FALSE(sel->complete);
    EXPECT_DOUBLE_EQ(sel->size, 40);
    EXPECT_DOUBLE_EQ(sel->counted, 15);
    EXPECT_EQ(sel->shares_counted, 5u);
    EXPECT_EQ(sel->miners, (std::vector<MinerWork>{{"alice", 4}, {"bob", 7}, {"carol", 4}}));
}

TEST(PayoutPplns, BlockShareAloneCanFillTheWindow) {
    std::vector<MinerWork> shares{{"finder", 100}, {"alice", 1}};
    auto sel = select_pplns_window(shares, 8);
    ASSERT_TRUE(sel);
    EXPECT_EQ(sel->shares_counted, 1u);
    EXPECT_DOUBLE_EQ(sel->boundary_fraction, 0.08);
    EXPECT_EQ(sel->miners, (std::vector<MinerWork>{{"finder", 8}}));
}

TEST(PayoutPplns, WindowSkipsZeroWorkAndRejectsBadInput) {
    std::vector<MinerWork> zero{{"alice", 0}, {"bob", 1}};
    auto sel = select_pplns_window(zero, 1);
    ASSERT_TRUE(sel);
    EXPECT_EQ(sel->miners, (std::vector<MinerWork>{{"bob", 1}}));
    std::vector<MinerWork> negative{{"alice", -1}};
    auto e = select_pplns_window(negative, 1);
    ASSERT_FALSE(e);
    EXPECT_NE(e.error().message.find("alice"), std::string::npos);
    EXPECT_FALSE(select_pplns_window(kNewestFirst, 0));
    EXPECT_FALSE(scheme().select_window(kNewestFirst, -4));
    auto nan = scheme().window_work(std::nan(""));
    ASSERT_FALSE(nan);
    EXPECT_NE(nan.error().message.find("network difficulty"), std::string::npos);
}

TEST(PayoutPplns, WindowSizeInBothUnits) {
    auto s = scheme(2.5);
    EXPECT_DOUBLE_EQ(*s.window_work(20'000'000), 50'000'000);
    EXPECT_DOUBLE_EQ(*s.window_difficulty(20'000'000, 65536), 50'000'000.0 * 65536);
    EXPECT_FALSE(s.window_difficulty(20'000'000, 0));
    auto w = s.work_to_pay(4);
    ASSERT_TRUE(w);
    EXPECT_EQ(w->span, WorkToPay::Span::last_n);
    EXPECT_DOUBLE_EQ(w->last_n_work, 10);
}

TEST(PayoutPplns, RejectsBadFactorOrFee) {
    auto zero = PplnsScheme::create(0, PoolFee{10'000, "pool"});
    ASSERT_FALSE(zero);
    EXPECT_NE(zero.error().message.find("window factor"), std::string::npos);
    EXPECT_FALSE(PplnsScheme::create(-2, PoolFee{10'000, "pool"}));
    EXPECT_FALSE(PplnsScheme::create(INFINITY, PoolFee{10'000, "pool"}));
    EXPECT_FALSE(PplnsScheme::create(2, PoolFee{10'000, ""}));
}

// docs/payouts.md, "PPLNS": 1,000,000 base units at 1% over the window above.
TEST(PayoutPplns, WorkedExampleSplit) {
    auto s = scheme();
    auto sel = s.select_window(kNewestFirst, 4);
    auto split = s.split(1'000'000, sel->miners);
    ASSERT_TRUE(split);
    EXPECT_EQ(split->fee, 10'000);
    ASSERT_EQ(split->credits.size(), 3u);
    EXPECT_EQ(split->credits[0].amount, 495'000);
    EXPECT_EQ(split->credits[1].amount, 247'500);
    EXPECT_EQ(split->credits[2].amount, 247'500);
    EXPECT_EQ(split->dust, 0);
    EXPECT_DOUBLE_EQ(split->credits[2].work, 2);

    BlockReward block{1'000'000, "alice"};
    auto via_interface = static_cast<const PayoutScheme&>(s).split_block(block, sel->miners);
    ASSERT_TRUE(via_interface);
    EXPECT_EQ(*via_interface, *split);
}

TEST(PayoutPplns, SplitByStratumDifficultyEqualsSplitByWork) {
    // The store sums Stratum difficulty; dividing by a power-of-two multiplier is exact, so the
    // weights, and the split, are identical.
    std::vector<MinerWork> stratum{{"alice", 5120}, {"bob", 7168}, {"carol", 4800.5}};
    std::vector<MinerWork> work;
    for (const auto& m : stratum)
        work.push_back({m.login, share_work(m.work, 65536)});
    auto a = scheme().split(626'234'567, stratum);
    auto b = scheme().split(626'234'567, work);
    ASSERT_TRUE(a);
    ASSERT_TRUE(b);
    for (size_t i = 0; i < a->credits.size(); ++i) {
        EXPECT_EQ(a->credits[i].weight, b->credits[i].weight);
        EXPECT_EQ(a->credits[i].amount, b->credits[i].amount);
    }
    EXPECT_EQ(a->dust, b->dust);
}

TEST(PayoutPplns, ErrorWhenNothingToSplit) {
    auto empty = scheme().split(1'000, {});
    ASSERT_FALSE(empty);
    EXPECT_NE(empty.error().message.find("no miner"), std::string::npos);
    EXPECT_FALSE(scheme().credit_shares({}, ShareTerms{}));  // PPLNS pays at block time
}

// Random share logs against the store's walk, fed Stratum difficulty with N * multiplier as the
// target: the same miners, the same work; and the split by shares equals the split by totals.
TEST(PayoutPplns, AgreesWithTheStoreWalkAndAddsUp) {
    std::mt19937_64 rng(77);
    const double multiplier = 65536;
    for (int round = 0; round < 300; ++round) {
        const int shares = 1 + static_cast<int>(rng() % 400);
        const int miners = 1 + static_cast<int>(rng() % 12);
        std::vector<MinerWork> stratum;  // Stratum difficulty, newest first
        double history = 0;
        for (int i = 0; i < shares; ++i) {
            const double d = std::ldexp(1.0, static_cast<int>(rng() % 12));  // 1 .. 2048
            stratum.push_back({"m" + std::to_string(rng() % miners), d});
            history += d / multiplier;
        }
        const double network_difficulty = history * (0.1 + static_cast<double>(rng() % 100) / 100);
        auto s = scheme(2);
        std::vector<MinerWork> work;
        for (const auto& sh : stratum)
            work.push_back({sh.login, share_work(sh.work, multiplier)});

        auto sel = s.select_window(work, network_difficulty);
        ASSERT_TRUE(sel);
        store::PplnsAccumulator acc(*s.window_difficulty(network_difficulty, multiplier));
        int64_t id = shares;
        for (const auto& sh : stratum) {
            if (!acc.add(store::ShareCursor{1000 + id, id}, sh.login, sh.work)) break;
            --id;
        }
        auto theirs = acc.result();
        EXPECT_EQ(theirs.complete, sel->complete);
        ASSERT_EQ(theirs.miners.size(), sel->miners.size());
        for (size_t i = 0; i < sel->miners.size(); ++i) {
            EXPECT_EQ(theirs.miners[i].login, sel->miners[i].login);
            EXPECT_NEAR(theirs.miners[i].difficulty / multiplier, sel->miners[i].work,
                        1e-9 * sel->size);
        }
        EXPECT_NEAR(sel->counted, std::min(history, 2 * network_difficulty), 1e-9 * history);

        const int64_t reward = static_cast<int64_t>(rng() % 10'000'000'000);
        auto split = s.split(reward, sel->miners);
        ASSERT_TRUE(split);
        EXPECT_EQ(split->credited() + split->fee + split->dust, reward);
        EXPECT_LT(split->dust, static_cast<int64_t>(split->credits.size()));
        for (const auto& c : split->credits)
            EXPECT_GE(c.amount, 0);
    }
}

}  // namespace
}  // namespace viddhana::ledger::payout
