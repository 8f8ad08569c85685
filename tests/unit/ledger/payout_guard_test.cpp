// The payout guard: ordinary payouts go out; unusual ones are held with every reason that applies.
#include <gtest/gtest.h>

#include "ledger/payout_guard.h"

namespace viddhana::ledger {
namespace {

constexpr int64_t kNow = 1'700'000'000;

PayoutGuardInputs regular() {
    PayoutGuardInputs in;
    in.miner = "ltc1qminer";
    in.address = "ltc1qminer";
    in.amount = 12'000'000;
    in.now_unix = kNow;
    for (int i = 1; i <= 10; ++i)
        in.history.push_back({kNow - i * 86400, 10'000'000 + i * 100'000, "ltc1qminer"});
    in.address_changed_unix = kNow - 90 * 86400;
    return in;
}

bool mentions(const PayoutDecision& d, const std::string& part) {
    for (const auto& r : d.reasons)
        if (r.find(part) != std::string::npos) return true;
    return false;
}

TEST(PayoutGuard, ReleasesAnOrdinaryPayout) {
    auto d = guard_payout(regular());
    ASSERT_TRUE(d) << d.error().message;
    EXPECT_FALSE(d->hold);
    EXPECT_TRUE(d->reasons.empty());
}

TEST(PayoutGuard, HoldsAnAmountFarAboveTheHistory) {
    auto in = regular();
    in.amount = 200'000'000;
    auto d = guard_payout(in);
    ASSERT_TRUE(d);
    EXPECT_TRUE(d->hold);
    EXPECT_TRUE(mentions(*d, "19.0x the miner's median payout 10550000")) << d->reasons[0];
    // Above every past payout, but not far above: released.
    in.amount = 15'000'000;
    EXPECT_FALSE(guard_payout(in)->hold);
    // One earlier large payout raises the bar: six times the median, under 1.5x the largest.
    in.history.push_back({kNow - 20 * 86400, 50'000'000, "ltc1qminer"});
    in.amount = 64'000'000;
    EXPECT_FALSE(guard_payout(in)->hold);
}

TEST(PayoutGuard, HoldsAfterAnAddressChange) {
    auto in = regular();
    in.address = "ltc1qnewaddress";
    in.address_changed_unix = kNow - 3 * 3600;
    auto d = guard_payout(in);
    ASSERT_TRUE(d);
    EXPECT_TRUE(d->hold);
    EXPECT_TRUE(mentions(*d, "changed 3.0 h ago"));
    // A different address with no change on record is held too.
    in.address_changed_unix.reset();
    d = guard_payout(in);
    EXPECT_TRUE(d->hold);
    EXPECT_TRUE(mentions(*d, "differs from the last payout's"));
}

TEST(PayoutGuard, HoldsWhenManyAddressesChangeAtOnce) {
    auto in = regular();
    for (int i = 0; i < 12; ++i)
        in.pool_address_changes_unix.push_back(kNow - i * 60);
    auto d = guard_payout(in);
    ASSERT_TRUE(d);
    EXPECT_TRUE(d->hold);
    EXPECT_TRUE(mentions(*d, "12 payout addresses changed"));
    // Old changes do not count.
    for (auto& t : in.pool_address_changes_unix)
        t -= 7200;
    EXPECT_FALSE(guard_payout(in)->hold);
}

TEST(PayoutGuard, HoldsMoreThanTheCreditedBalanceAndLargeFirstPayouts) {
    auto in = regular();
    in.credited_balance = 11'000'000;
    auto d = guard_payout(in);
    EXPECT_TRUE(d->hold);
    EXPECT_TRUE(mentions(*d, "exceeds the miner's credited balance"));

    auto fresh = regular();
    fresh.history.clear();
    fresh.config.new_miner_limit = 5'000'000;
    d = guard_payout(fresh);
    EXPECT_TRUE(d->hold);
    EXPECT_TRUE(mentions(*d, "new-miner limit"));
    // Several reasons at once are all given.
    fresh.address_changed_unix = kNow - 60;
    d = guard_payout(fresh);
    EXPECT_EQ(d->reasons.size(), 2u);
}

TEST(PayoutGuard, RejectsBadInput) {
    auto in = regular();
    in.amount = 0;
    EXPECT_FALSE(guard_payout(in));
    in = regular();
    in.address = "";
    EXPECT_FALSE(guard_payout(in));
    in = regular();
    in.history[2].amount = -1;
    auto r = guard_payout(in);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("non-positive"), std::string::npos);
}

}  // namespace
}  // namespace viddhana::ledger
