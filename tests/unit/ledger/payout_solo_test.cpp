// SOLO: the ledger's record of a coinbase that paid the finder and the fee directly; the fee in
// basis points, computed as the Stratum job builder computes the coinbase's fee output.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "ledger/payout/solo_scheme.h"

namespace viddhana::ledger::payout {
namespace {

TEST(PayoutSolo, PercentToBasisPointsIsExactOrAnError) {
    EXPECT_EQ(*SoloScheme::percent_to_basis_points(1), 100);
    EXPECT_EQ(*SoloScheme::percent_to_basis_points(0), 0);
    EXPECT_EQ(*SoloScheme::percent_to_basis_points(0.5), 50);
    EXPECT_EQ(*SoloScheme::percent_to_basis_points(0.29), 29);  // 28.999999999999996 in binary
    EXPECT_EQ(*SoloScheme::percent_to_basis_points(2.55), 255);
    EXPECT_EQ(*SoloScheme::percent_to_basis_points(100), 10'000);
    auto finer = SoloScheme::percent_to_basis_points(0.125);
    ASSERT_FALSE(finer);
    EXPECT_NE(finer.error().message.find("basis points"), std::string::npos);
    EXPECT_FALSE(SoloScheme::percent_to_basis_points(1.005));
    EXPECT_FALSE(SoloScheme::percent_to_basis_points(-0.01));
    EXPECT_FALSE(SoloScheme::percent_to_basis_points(101));
}

// docs/payouts.md, "SOLO": a coinbase of 6.26234567 LTC at 1% (100 basis points).
TEST(PayoutSolo, WorkedExample) {
    auto solo = SoloScheme::create(1.0, "LfeeAddress");
    ASSERT_TRUE(solo);
    EXPECT_EQ(solo->fee_basis_points(), 100);
    EXPECT_EQ(solo->fee().ppm, 10'000);
    auto split = solo->record(626'234'567, "LminerAddress");
    ASSERT_TRUE(split);
    EXPECT_TRUE(split->paid_in_coinbase);
    EXPECT_EQ(split->total, 626'234'567);
    EXPECT_EQ(split->fee, 6'262'345);
    ASSERT_EQ(split->credits.size(), 1u);
    EXPECT_EQ(split->credits[0].login, "LminerAddress");
    EXPECT_EQ(split->credits[0].amount, 619'972'222);
    EXPECT_EQ(split->dust, 0);
    EXPECT_EQ(split->pool_account, "LfeeAddress");
}

TEST(PayoutSolo, FeeMatchesTheCoinbaseFormula) {
    std::mt19937_64 rng(9);
    for (int i = 0; i < 10'000; ++i) {
        const int64_t value = static_cast<int64_t>(rng() % 100'000'000'000'000);  // < 1e14
        const int64_t bp = static_cast<int64_t>(rng() % 10'001);
        // The job builder: coinbase_value * fee_basis_points / 10000 in int64.
        EXPECT_EQ(SoloScheme::coinbase_fee(value, bp), value * bp / 10000);
        auto solo = *SoloScheme::create_with_basis_points(bp, "fee");
        auto split = solo.record(value, "finder");
        ASSERT_TRUE(split);
        EXPECT_EQ(split->credits[0].amount + split->fee, value);
        EXPECT_GE(split->credits[0].amount, 0);
    }
    const int64_t max = std::numeric_limits<int64_t>::max();
    EXPECT_EQ(SoloScheme::coinbase_fee(max, 10'000), max);
}

TEST(PayoutSolo, ZeroFeeNeedsNoFeeAddress) {
    auto free = SoloScheme::create(0, "");
    ASSERT_TRUE(free);
    auto split = free->record(1'000, "finder");
    ASSERT_TRUE(split);
    EXPECT_EQ(split->fee, 0);
    EXPECT_EQ(split->credits[0].amount, 1'000);
    auto needs_address = SoloScheme::create(1, "");
    ASSERT_FALSE(needs_address);
    EXPECT_NE(needs_address.error().message.find("fee address"), std::string::npos);
    EXPECT_FALSE(SoloScheme::create_with_basis_points(10'001, "fee"));
    EXPECT_FALSE(SoloScheme::create_with_basis_points(-1, "fee"));
}

TEST(PayoutSolo, InterfaceRecordsTheFinder) {
    auto solo = *SoloScheme::create(2, "fee");
    const PayoutScheme& scheme = solo;
    EXPECT_EQ(scheme.kind(), SchemeKind::solo);
    EXPECT_EQ(scheme.credit_time(), CreditTime::block_found);
    EXPECT_EQ(scheme.work_to_pay(1)->span, WorkToPay::Span::finder_only);
    std::vector<MinerWork> ignored{{"someone_else", 100}};
    auto split = scheme.split_block(BlockReward{10'000, "finder"}, ignored);
    ASSERT_TRUE(split);
    ASSERT_EQ(split->credits.size(), 1u);
    EXPECT_EQ(split->credits[0].login, "finder");
    EXPECT_EQ(split->credits[0].amount, 9'800);
    EXPECT_EQ(split->fee, 200);
    EXPECT_FALSE(scheme.split_block(BlockReward{10'000, ""}, ignored));
    EXPECT_FALSE(scheme.split_block(BlockReward{-1, "finder"}, ignored));
    EXPECT_FALSE(scheme.credit_shares(ignored, ShareTerms{1, 1, {}}));
}

}  // namespace
}  // namespace viddhana::ledger::payout
