// Round effort: the round's work over the network difficulty.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "ledger/payout/payout_split.h"
#include "ledger/payout/round_effort.h"

namespace viddhana::ledger::payout {
namespace {

TEST(PayoutEffort, RoundWorkOverNetworkDifficulty) {
    EXPECT_DOUBLE_EQ(*round_effort(30, 20), 1.5);  // docs/payouts.md: a long round, 150%
    EXPECT_DOUBLE_EQ(*round_effort(5, 20), 0.25);
    EXPECT_DOUBLE_EQ(*round_effort(0, 20), 0);
    // A scrypt round: 1,310,720,000,000 of Stratum difficulty at multiplier 65536 is 20,000,000
    // units of work, one network difficulty of 20,000,000: 100%.
    EXPECT_DOUBLE_EQ(*round_effort(share_work(1'310'720'000'000, 65536), 20'000'000), 1.0);
}

TEST(PayoutEffort, RejectsBadInput) {
    auto zero = round_effort(10, 0);
    ASSERT_FALSE(zero);
    EXPECT_NE(zero.error().message.find("network difficulty"), std::string::npos);
    EXPECT_FALSE(round_effort(-1, 10));
    EXPECT_FALSE(round_effort(NAN, 10));
    EXPECT_FALSE(round_effort(1, INFINITY));
}

}  // namespace
}  // namespace viddhana::ledger::payout
