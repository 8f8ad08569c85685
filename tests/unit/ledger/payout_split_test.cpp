// The shared split: fee conversion, integer weights, the worked example of docs/payouts.md, and
// the invariant sum(credits) + fee + dust == total over many random cases.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "ledger/payout/payout_split.h"

namespace viddhana::ledger::payout {
namespace {

constexpr uint64_t kWhole = uint64_t{1} << kWeightBits;  // 281474976710656

PoolFee one_percent() {
    return PoolFee{10'000, "pool"};
}

TEST(PayoutFee, PercentConvertsToWholePartsPerMillion) {
    EXPECT_EQ(*percent_to_ppm(kDefaultFeePercent), 10'000);
    EXPECT_EQ(*percent_to_ppm(0), 0);
    EXPECT_EQ(*percent_to_ppm(100), 1'000'000);
    EXPECT_EQ(*percent_to_ppm(0.75), 7'500);
    EXPECT_EQ(*percent_to_ppm(1.1), 11'000);  // 1.1 * 10000 is 11000.000000000002 in binary
    EXPECT_EQ(*percent_to_ppm(0.0001), 1);
    EXPECT_EQ(*percent_to_ppm(2.3456), 23'456);
}

TEST(PayoutFee, RejectsFeesOutsideRangeOrFinerThanOnePpm) {
    auto finer = percent_to_ppm(0.00005);
    ASSERT_FALSE(finer);
    EXPECT_NE(finer.error().message.find("parts per million"), std::string::npos);
    EXPECT_FALSE(percent_to_ppm(1.23456));
    auto negative = percent_to_ppm(-1);
    ASSERT_FALSE(negative);
    EXPECT_NE(negative.error().message.find("outside 0..100"), std::string::npos);
    EXPECT_FALSE(percent_to_ppm(100.5));
    EXPECT_FALSE(percent_to_ppm(std::numeric_limits<double>::quiet_NaN()));
    EXPECT_FALSE(percent_to_ppm(std::numeric_limits<double>::infinity()));
}

TEST(PayoutFee, MakePoolFeeNeedsAnAccount) {
    auto fee = make_pool_fee(1.5, "pool-fees");
    ASSERT_TRUE(fee);
    EXPECT_EQ(fee->ppm, 15'000);
    EXPECT_EQ(fee->account, "pool-fees");
    auto unnamed = make_pool_fee(1, "");
    ASSERT_FALSE(unnamed);
    EXPECT_NE(unnamed.error().message.find("account"), std::string::npos);
    EXPECT_FALSE(validate_pool_fee(PoolFee{1'000'001, "pool"}));
    EXPECT_FALSE(validate_pool_fee(PoolFee{-1, "pool"}));
}

TEST(PayoutFee, FeeIsFlooredIn128Bits) {
    EXPECT_EQ(fee_of(626'234'567, 10'000), 6'262'345);  // 6262345.67
    EXPECT_EQ(fee_of(99, 10'000), 0);
    EXPECT_EQ(fee_of(100, 10'000), 1);
    const int64_t max = std::numeric_limits<int64_t>::max();
    EXPECT_EQ(fee_of(max, 1'000'000), max);
    EXPECT_EQ(fee_of(max, 10'000), max / 100);
}

TEST(PayoutShareWork, StratumDifficultyOverMultiplier) {
    EXPECT_DOUBLE_EQ(share_work(65536, 65536), 1.0);
    EXPECT_DOUBLE_EQ(share_work(16, 65536), 1.0 / 4096);
    EXPECT_DOUBLE_EQ(share_work(1e12, 1), 1e12);
}

TEST(PayoutWeights, ShareOfTotalScaledTo2Pow48) {
    std::vector<MinerWork> work{{"carol", 1.0}, {"alice", 3.0}, {"bob", 2.0}};
    auto w = weigh_work_by_share(work);
    ASSERT_TRUE(w);
    ASSERT_EQ(w->size(), 3u);
    EXPECT_EQ((*w)[0], (MinerCredit{"alice", 3.0, kWhole / 2, 0}));
    EXPECT_EQ((*w)[1], (MinerCredit{"bob", 2.0, 93'824'992'236'885, 0}));    // 2^48/3 = ...885.33
    EXPECT_EQ((*w)[2], (MinerCredit{"carol", 1.0, 46'912'496'118'443, 0}));  // 2^48/6 = ...442.67
}

TEST(PayoutWeights, MergesByLoginAndDropsZeroWork) {
    std::vector<MinerWork> shares{
        {"bob", 0.5}, {"alice", 1.0}, {"bob", 1.5}, {"dave", 0.0}, {"alice", 1.0}};
    auto w = weigh_work_by_share(shares);
    ASSERT_TRUE(w);
    ASSERT_EQ(w->size(), 2u);
    EXPECT_EQ((*w)[0].login, "alice");
    EXPECT_DOUBLE_EQ((*w)[0].work, 2.0);
    EXPECT_EQ((*w)[0].weight, kWhole / 2);
    EXPECT_EQ((*w)[1].login, "bob");
    EXPECT_EQ((*w)[1].weight, kWhole / 2);
}

TEST(PayoutWeights, AgainstAReference) {
    std::vector<MinerWork> work{{"alice", 5000}, {"bob", 2500}};
    auto w = weigh_work(work, 20'000'000);
    ASSERT_TRUE(w);
    EXPECT_EQ((*w)[0].weight, 70'368'744'178u);  // 2.5e-4 * 2^48 = 70368744177.664
    EXPECT_EQ((*w)[1].weight, 35'184'372'089u);
}

TEST(PayoutWeights, RejectsBadWork) {
    std::vector<MinerWork> negative{{"alice", 1}, {"bob", -0.5}};
    auto e = weigh_work_by_share(negative);
    ASSERT_FALSE(e);
    EXPECT_NE(e.error().message.find("bob"), std::string::npos);
    std::vector<MinerWork> nan{{"alice", std::numeric_limits<double>::quiet_NaN()}};
    EXPECT_FALSE(weigh_work_by_share(nan));
    std::vector<MinerWork> unnamed{{"", 1}};
    EXPECT_FALSE(weigh_work_by_share(unnamed));
    std::vector<MinerWork> ok{{"alice", 1}};
    EXPECT_FALSE(weigh_work(ok, 0));
    EXPECT_FALSE(weigh_work(ok, -1));
    std::vector<MinerWork> huge{{"alice", 1e30}};
    auto too_large = weigh_work(huge, 1);
    ASSERT_FALSE(too_large);
    EXPECT_NE(too_large.error().message.find("too large"), std::string::npos);
}

// docs/payouts.md, "The split": 6.26234567 LTC, 1% fee, work 3 : 2 : 1.
TEST(PayoutSplit, WorkedExample) {
    std::vector<MinerWork> work{{"alice", 3.0}, {"bob", 2.0}, {"carol", 1.0}};
    auto split = split_by_weight(626'234'567, *weigh_work_by_share(work), one_percent());
    ASSERT_TRUE(split);
    EXPECT_EQ(split->total, 626'234'567);
    EXPECT_EQ(split->fee, 6'262'345);
    ASSERT_EQ(split->credits.size(), 3u);
    EXPECT_EQ(split->credits[0].amount, 309'986'111);
    EXPECT_EQ(split->credits[1].amount, 206'657'407);
    EXPECT_EQ(split->credits[2].amount, 103'328'703);
    EXPECT_EQ(split->dust, 1);
    EXPECT_EQ(split->pool_account, "pool");
    EXPECT_FALSE(split->paid_in_coinbase);
    EXPECT_EQ(split->credited() + split->fee + split->dust, split->total);
}

TEST(PayoutSplit, ZeroFeeAndWholeFee) {
    std::vector<MinerWork> work{{"alice", 1.0}, {"bob", 1.0}};
    auto free = split_by_weight(1001, *weigh_work_by_share(work), PoolFee{0, "pool"});
    ASSERT_TRUE(free);
    EXPECT_EQ(free->fee, 0);
    EXPECT_EQ(free->credits[0].amount, 500);
    EXPECT_EQ(free->credits[1].amount, 500);
    EXPECT_EQ(free->dust, 1);
    auto all = split_by_weight(1001, *weigh_work_by_share(work), PoolFee{1'000'000, "pool"});
    ASSERT_TRUE(all);
    EXPECT_EQ(all->fee, 1001);
    EXPECT_EQ(all->credited(), 0);
    EXPECT_EQ(all->dust, 0);
}

TEST(PayoutSplit, RejectsNegativeTotalAndNobodyToCredit) {
    std::vector<MinerWork> work{{"alice", 1.0}};
    auto negative = split_by_weight(-1, *weigh_work_by_share(work), one_percent());
    ASSERT_FALSE(negative);
    EXPECT_NE(negative.error().message.find("negative"), std::string::npos);
    auto nobody = split_by_weight(100, {}, one_percent());
    ASSERT_FALSE(nobody);
    EXPECT_NE(nobody.error().message.find("no miner"), std::string::npos);
}

TEST(PayoutSplit, LargestAmountDoesNotOverflow) {
    const int64_t max = std::numeric_limits<int64_t>::max();
    std::vector<MinerWork> work{{"alice", 1.0}, {"bob", 2.0}, {"carol", 4.0}};
    auto split = split_by_weight(max, *weigh_work_by_share(work), one_percent());
    ASSERT_TRUE(split);
    EXPECT_EQ(split->credited() + split->fee + split->dust, max);
    EXPECT_LT(split->dust, 3);
}

// Random miners with work spread over many orders of magnitude, random amounts and fees: the
// split always adds up, never goes negative, leaves less dust than miners, gives each miner
// exactly floor(distributable * weight / total weight), and does not depend on input order.
TEST(PayoutSplit, PropertyHoldsForRandomCases) {
    std::mt19937_64 rng(20240611);
    auto uniform = [&](uint64_t lo, uint64_t hi) { return lo + rng() % (hi - lo + 1); };
    for (int round = 0; round < 2000; ++round) {
        const int miners = static_cast<int>(uniform(1, round % 10 == 0 ? 400 : 30));
        std::vector<MinerWork> work;
        for (int i = 0; i < miners; ++i) {
            const double exponent = static_cast<double>(uniform(0, 4000)) / 100.0 - 20.0;
            const int copies = static_cast<int>(uniform(1, 3));
            for (int c = 0; c < copies; ++c)
                work.push_back({"m" + std::to_string(i), std::pow(10.0, exponent)});
        }
        const int64_t total = static_cast<int64_t>(
            round % 3 == 0 ? uniform(0, 1000) : uniform(0, (uint64_t{1} << 62)));
        const PoolFee fee{static_cast<int64_t>(uniform(0, 1'000'000)), "pool"};

        auto weighted = weigh_work_by_share(work);
        ASSERT_TRUE(weighted) << weighted.error().message;
        auto split = split_by_weight(total, *weighted, fee);
        ASSERT_TRUE(split) << split.error().message;

        EXPECT_EQ(split->credited() + split->fee + split->dust, total);
        EXPECT_GE(split->fee, 0);
        EXPECT_GE(split->dust, 0);
        int64_t positive = 0;
        unsigned __int128 total_weight = 0;
        for (const auto& c : split->credits) {
            EXPECT_GE(c.amount, 0);
            positive += c.weight > 0;
            total_weight += c.weight;
        }
        EXPECT_LT(split->dust, positive);
        EXPECT_EQ(split->fee,
                  static_cast<int64_t>(static_cast<__int128>(total) * fee.ppm / 1'000'000));
        const auto distributable = static_cast<unsigned __int128>(total - split->fee);
        for (const auto& c : split->credits) {
            const auto amount = static_cast<unsigned __int128>(c.amount);
            EXPECT_LE(amount * total_weight, distributable * c.weight);
            EXPECT_GT((amount + 1) * total_weight, distributable * c.weight);
        }
        EXPECT_TRUE(std::is_sorted(
            split->credits.begin(), split->credits.end(),
            [](const MinerCredit& a, const MinerCredit& b) { return a.login < b.login; }));

        std::shuffle(work.begin(), work.end(), rng);
        auto again = split_by_weight(total, *weigh_work_by_share(work), fee);
        ASSERT_TRUE(again);
        EXPECT_EQ(*again, *split);
    }
}

}  // namespace
}  // namespace viddhana::ledger::payout
