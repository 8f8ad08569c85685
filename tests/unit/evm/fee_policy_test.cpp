// Fee offers: the first from the base fee and tip, and replacements that txpools accept (both
// caps up by more than 10%) without ever going under the current market or over a ceiling.
#include "evm/fee_policy.h"

#include <gtest/gtest.h>

namespace viddhana::evm {
namespace {

TEST(FeePolicy, InitialOfferCoversFiveFullBlocksOfBaseFeeGrowth) {
    FeeCaps caps = initial_fees(1'000'000'000, 1'500'000'000);
    EXPECT_EQ(caps.max_priority_fee_per_gas, 1'500'000'000u);
    EXPECT_EQ(caps.max_fee_per_gas, 3'500'000'000u);
    // Five full blocks raise the base fee to 1.8x; the offer still covers it and the tip.
    Uint128 base = 1'000'000'000;
    for (int i = 0; i < 5; ++i)
        base = base * 9 / 8;
    EXPECT_LE(base + caps.max_priority_fee_per_gas, caps.max_fee_per_gas);
    EXPECT_EQ(initial_fees(0, 0), (FeeCaps{0, 0}));
}

TEST(FeePolicy, ReplacementRaisesBothCapsByMoreThanTenPercent) {
    FeeCaps first{1'000'000'000, 3'000'000'000};
    auto next = replacement_fees(first, first);
    ASSERT_TRUE(next.ok());
    EXPECT_EQ(next->max_priority_fee_per_gas, 1'125'000'000u);
    EXPECT_EQ(next->max_fee_per_gas, 3'375'000'000u);
    EXPECT_GE(next->max_priority_fee_per_gas * 10, first.max_priority_fee_per_gas * 11);
    EXPECT_GE(next->max_fee_per_gas * 10, first.max_fee_per_gas * 11);
    // Rounded up, and at least one wei even from zero or tiny caps.
    auto tiny = replacement_fees({0, 7}, {0, 0});
    ASSERT_TRUE(tiny.ok());
    EXPECT_EQ(tiny->max_priority_fee_per_gas, 1u);
    EXPECT_EQ(tiny->max_fee_per_gas, 8u);
}

TEST(FeePolicy, ReplacementFollowsTheMarketWhenItRoseFurther) {
    auto next = replacement_fees({1, 10}, {5, 100});
    ASSERT_TRUE(next.ok());
    EXPECT_EQ(next->max_priority_fee_per_gas, 5u);
    EXPECT_EQ(next->max_fee_per_gas, 100u);
    // A tip above the fee cap is raised into it.
    auto tip_heavy = replacement_fees({100, 100}, {0, 0});
    ASSERT_TRUE(tip_heavy.ok());
    EXPECT_GE(tip_heavy->max_fee_per_gas, tip_heavy->max_priority_fee_per_gas);
}

TEST(FeePolicy, ReplacementAboveTheCeilingIsRefused) {
    auto refused = replacement_fees({1, 1000}, {1, 1000}, Uint128{1100});
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("1125"), std::string::npos) << refused.error().message;
    EXPECT_TRUE(replacement_fees({1, 1000}, {1, 1000}, Uint128{1125}).ok());
}

}  // namespace
}  // namespace viddhana::evm
