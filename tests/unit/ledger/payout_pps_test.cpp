// PPS and FPPS: shares paid at once at subsidy (plus expected fees) per network difficulty; the
// worked examples of docs/payouts.md and the bound of each credit against the exact formula.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "ledger/payout/fpps_scheme.h"
#include "ledger/payout/pps_scheme.h"

namespace viddhana::ledger::payout {
namespace {

const PoolFee kOnePercent{10'000, "pool"};

// docs/payouts.md, "PPS": subsidy 6.25 LTC, network difficulty 20,000,000; in one batch alice
// did 5000 units of work (5000 * 65536 Stratum difficulty) and bob 2500.
const std::vector<MinerWork> kBatch{{"alice", 5000}, {"bob", 2500}};

TEST(PayoutPps, WorkedExample) {
    auto pps = PpsScheme::create(kOnePercent);
    ASSERT_TRUE(pps);
    auto split = pps->credit(kBatch, 20'000'000, 625'000'000);
    ASSERT_TRUE(split);
    EXPECT_EQ(split->total, 234'375);  // 6.25e8 * 7500 / 2e7
    EXPECT_EQ(split->fee, 2'343);
    ASSERT_EQ(split->credits.size(), 2u);
    EXPECT_EQ(split->credits[0].amount, 154'688);
    EXPECT_EQ(split->credits[1].amount, 77'344);
    EXPECT_EQ(split->dust, 0);
    EXPECT_FALSE(split->paid_in_coinbase);
}

TEST(PayoutPps, OneNetworkDifficultyOfWorkIsWorthTheSubsidy) {
    auto pps = *PpsScheme::create(PoolFee{0, "pool"});
    std::vector<MinerWork> one_block{{"alice", 27'500'000.5}};
    auto split = pps.credit(one_block, 27'500'000.5, 625'000'000);
    ASSERT_TRUE(split);
    EXPECT_EQ(split->credits[0].weight, uint64_t{1} << kWeightBits);
    EXPECT_EQ(split->total, 625'000'000);
    EXPECT_EQ(split->credits[0].amount, 625'000'000);
}

TEST(PayoutPps, BatchWithoutWorkIsWorthNothing) {
    auto pps = *PpsScheme::create(kOnePercent);
    auto empty = pps.credit({}, 20'000'000, 625'000'000);
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->total, 0);
    EXPECT_TRUE(empty->credits.empty());
    // 1e-9 of work against 2e7 is below half a weight unit.
    std::vector<MinerWork> dust_share{{"alice", 1e-9}};
    auto tiny = pps.credit(dust_share, 20'000'000, 625'000'000);
    ASSERT_TRUE(tiny);
    EXPECT_EQ(tiny->total, 0);
    ASSERT_EQ(tiny->credits.size(), 1u);
    EXPECT_EQ(tiny->credits[0].amount, 0);
}

TEST(PayoutPps, RejectsBadTerms) {
    auto pps = *PpsScheme::create(kOnePercent);
    auto no_diff = pps.credit(kBatch, 0, 625'000'000);
    ASSERT_FALSE(no_diff);
    EXPECT_NE(no_diff.error().message.find("network difficulty"), std::string::npos);
    auto negative = pps.credit(kBatch, 20'000'000, -1);
    ASSERT_FALSE(negative);
    EXPECT_NE(negative.error().message.find("subsidy"), std::string::npos);
    std::vector<MinerWork> huge{{"alice", 1e12}};
    EXPECT_FALSE(pps.credit(huge, 1, 625'000'000));
    EXPECT_FALSE(PpsScheme::create(PoolFee{10'000, ""}));
}

TEST(PayoutPps, InterfaceCreditsSharesNotBlocks) {
    auto pps = *PpsScheme::create(kOnePercent);
    const PayoutScheme& scheme = pps;
    EXPECT_EQ(scheme.kind(), SchemeKind::pps);
    EXPECT_EQ(scheme.credit_time(), CreditTime::share_accepted);
    auto split = scheme.credit_shares(kBatch, ShareTerms{20'000'000, 625'000'000, {}});
    ASSERT_TRUE(split);
    EXPECT_EQ(split->credits[0].amount, 154'688);
    auto block = scheme.split_block(BlockReward{625'000'000, "alice"}, kBatch);
    ASSERT_FALSE(block);
    EXPECT_NE(block.error().message.find("as they are accepted"), std::string::npos);
    EXPECT_FALSE(scheme.work_to_pay(20'000'000));
}

// Each credit is within [-2, +1) base units of subsidy * work / D * (1 - fee); the batch adds up.
TEST(PayoutPps, CreditsTrackTheExactFormula) {
    std::mt19937_64 rng(31337);
    for (int round = 0; round < 1000; ++round) {
        const int64_t ppm = static_cast<int64_t>(rng() % 50'001);
        auto pps = *PpsScheme::create(PoolFee{ppm, "pool"});
        const double network_difficulty =
            std::ldexp(1.0 + static_cast<double>(rng() % 1000), static_cast<int>(rng() % 40));
        const int64_t subsidy = static_cast<int64_t>(rng() % 5'000'000'001);
        std::vector<MinerWork> batch;
        const int n = 1 + static_cast<int>(rng() % 40);
        for (int i = 0; i < n; ++i) {
            const double fraction = std::pow(10.0, -static_cast<double>(rng() % 900) / 100.0);
            batch.push_back({"m" + std::to_string(i), network_difficulty * fraction / n});
        }
        auto split = pps.credit(batch, network_difficulty, subsidy);
        ASSERT_TRUE(split);
        EXPECT_EQ(split->credited() + split->fee + split->dust, split->total);
        EXPECT_GE(split->dust, 0);
        int64_t positive = 0;
        for (const auto& c : split->credits)
            positive += c.weight > 0;
        EXPECT_LE(split->dust, std::max<int64_t>(0, positive - 1));
        for (const auto& c : split->credits) {
            const long double ideal = static_cast<long double>(subsidy) * c.work /
                                      network_difficulty * (1.0L - ppm / 1e6L);
            // 0.001 of slack for the weight's rounding, worth far less than a base unit.
            EXPECT_GE(static_cast<long double>(c.amount), ideal - 2.001L) << c.login;
            EXPECT_LT(static_cast<long double>(c.amount), ideal + 1.001L) << c.login;
        }
    }
}

TEST(PayoutFpps, ExpectedFeesAreTheMedian) {
    // docs/payouts.md, "FPPS": one template carried a 0.5 LTC burst of fees.
    std::vector<int64_t> odd{1'200'000, 900'000, 50'000'000, 1'000'000, 1'100'000};
    EXPECT_EQ(*FppsScheme::expected_block_fees(odd), 1'100'000);  // the mean would be 10,840,000
    std::vector<int64_t> even{50'000'000, 900'000, 1'200'000, 1'000'001};
    EXPECT_EQ(*FppsScheme::expected_block_fees(even), 1'100'000);  // floor(1,100,000.5)
    std::vector<int64_t> one{7};
    EXPECT_EQ(*FppsScheme::expected_block_fees(one), 7);
    const int64_t max = std::numeric_limits<int64_t>::max();
    std::vector<int64_t> large{max, max - 1};
    EXPECT_EQ(*FppsScheme::expected_block_fees(large), max - 1);
    auto none = FppsScheme::expected_block_fees({});
    ASSERT_FALSE(none);
    EXPECT_NE(none.error().message.find("at least one"), std::string::npos);
    std::vector<int64_t> negative{5, -1};
    EXPECT_FALSE(FppsScheme::expected_block_fees(negative));
}

TEST(PayoutFpps, WorkedExample) {
    auto fpps = FppsScheme::create(kOnePercent);
    ASSERT_TRUE(fpps);
    auto split = fpps->credit(kBatch, 20'000'000, 625'000'000, 1'100'000);
    ASSERT_TRUE(split);
    EXPECT_EQ(split->total, 234'787);  // 6.261e8 * 7500 / 2e7 = 234787.5
    EXPECT_EQ(split->fee, 2'347);
    EXPECT_EQ(split->credits[0].amount, 154'960);
    EXPECT_EQ(split->credits[1].amount, 77'480);
    EXPECT_EQ(split->dust, 0);

    std::vector<int64_t> templates{1'200'000, 900'000, 50'000'000, 1'000'000, 1'100'000};
    const PayoutScheme& scheme = *fpps;
    EXPECT_EQ(scheme.credit_time(), CreditTime::share_accepted);
    auto via_terms = scheme.credit_shares(kBatch, ShareTerms{20'000'000, 625'000'000, templates});
    ASSERT_TRUE(via_terms);
    EXPECT_EQ(*via_terms, *split);
    auto no_templates = scheme.credit_shares(kBatch, ShareTerms{20'000'000, 625'000'000, {}});
    EXPECT_FALSE(no_templates);
}

TEST(PayoutFpps, RejectsBadAmounts) {
    auto fpps = *FppsScheme::create(kOnePercent);
    EXPECT_FALSE(fpps.credit(kBatch, 20'000'000, 625'000'000, -1));
    EXPECT_FALSE(fpps.credit(kBatch, 20'000'000, -1, 0));
    const int64_t max = std::numeric_limits<int64_t>::max();
    auto overflow = fpps.credit(kBatch, 20'000'000, max, 1);
    ASSERT_FALSE(overflow);
    EXPECT_NE(overflow.error().message.find("overflow"), std::string::npos);
}

}  // namespace
}  // namespace viddhana::ledger::payout
