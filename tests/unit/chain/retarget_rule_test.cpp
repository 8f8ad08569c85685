// The 2016-block retarget rule's constants: each chain's window, target timespan, clamp and
// proof-of-work limit. tests/unit/analytics/retarget_rule_test.cpp checks it against every real
// retarget.
#include <gtest/gtest.h>

#include "chain/retarget_rule.h"

namespace viddhana::chain {
namespace {

TEST(RetargetRule, LitecoinsWindowIsOneIntervalLongerThanBitcoins) {
    EXPECT_EQ(bitcoin_retarget_rule().window_intervals(2016), 2015);
    EXPECT_EQ(bitcoin_retarget_rule().window_intervals(715680), 2015);
    EXPECT_EQ(litecoin_retarget_rule().window_intervals(2016), 2015);  // the first retarget
    EXPECT_EQ(litecoin_retarget_rule().window_intervals(4032), 2016);
    EXPECT_EQ(litecoin_retarget_rule().target_timespan_s, 302400);
    EXPECT_EQ(bitcoin_retarget_rule().target_timespan_s, 1209600);
}

TEST(RetargetRule, ClampsTheTimespanAtFactorFourBothWays) {
    const auto& rule = bitcoin_retarget_rule();
    const double target = static_cast<double>(rule.target_timespan_s);
    EXPECT_DOUBLE_EQ(rule.next_difficulty(1000, target), 1000);
    EXPECT_DOUBLE_EQ(rule.next_difficulty(1000, target / 2), 2000);
    EXPECT_DOUBLE_EQ(rule.next_difficulty(1000, target / 10), 4000);
    EXPECT_DOUBLE_EQ(rule.next_difficulty(1000, target * 10), 250);
}

TEST(RetargetRule, NeverGoesBelowTheProofOfWorkLimit) {
    const auto& rule = litecoin_retarget_rule();
    EXPECT_DOUBLE_EQ(rule.next_difficulty(rule.min_difficulty, 4e6), rule.min_difficulty);
    EXPECT_NEAR(rule.min_difficulty, 0.00024413713253701452, 1e-18);
}

TEST(RetargetRule, FoundByChainName) {
    ASSERT_TRUE(retarget_rule_for("bitcoin"));
    EXPECT_EQ((*retarget_rule_for("bitcoin"))->chain, "bitcoin");
    EXPECT_EQ((*retarget_rule_for("litecoin"))->chain, "litecoin");
    auto unknown = retarget_rule_for("dogecoin");
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().message.find("dogecoin"), std::string::npos);
}

}  // namespace
}  // namespace viddhana::chain
