// Hashrate from shares: exact arithmetic, and the estimate of simulated miners of known speed
// (shares arrive as a Poisson process, seeded) over long windows.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <random>
#include <string>

#include "ledger/payout/hashrate_estimate.h"

namespace viddhana::ledger::payout {
namespace {

TEST(PayoutHashrate, DifficultyTimesHashesPerDifficultyOverTime) {
    // 600 scrypt shares of difficulty 16 in 600 s: 16 * 2^32 / 65536 = 1,048,576 H/s.
    EXPECT_DOUBLE_EQ(*estimate_hashrate(600 * 16, 65536, 600), 1'048'576);
    // One SHA256d share of difficulty 1 per second: 2^32 H/s.
    EXPECT_DOUBLE_EQ(*estimate_hashrate(60, 1, 60), 4'294'967'296);
    EXPECT_DOUBLE_EQ(*estimate_hashrate(0, 65536, 60), 0);
}

TEST(PayoutHashrate, RejectsBadInput) {
    auto no_time = estimate_hashrate(10, 65536, 0);
    ASSERT_FALSE(no_time);
    EXPECT_NE(no_time.error().message.find("seconds"), std::string::npos);
    EXPECT_FALSE(estimate_hashrate(-1, 65536, 60));
    EXPECT_FALSE(estimate_hashrate(10, 0, 60));
    EXPECT_FALSE(estimate_hashrate(NAN, 1, 60));
}

// A miner doing `hashrate` H/s finds a share of difficulty d after d * 2^32 / multiplier hashes on
// average, the wait being exponential. Returns the Stratum difficulty accepted in [0, seconds).
double simulate_difficulty_sum(std::mt19937_64& rng, double hashrate, double multiplier,
                               double seconds, const std::function<double(double)>& difficulty_at) {
    double t = 0;
    double sum = 0;
    for (;;) {
        const double d = difficulty_at(t);
        const double mean_wait = d * std::ldexp(1.0, 32) / multiplier / hashrate;
        const double u = std::ldexp(static_cast<double>((rng() >> 11) + 1), -53);  // (0, 1]
        t += -std::log(u) * mean_wait;
        if (t >= seconds) return sum;
        sum += d;
    }
}

double relative_error(double estimate, double truth) {
    return std::fabs(estimate - truth) / truth;
}

TEST(PayoutHashrate, ScryptMinerOfKnownSpeed) {
    std::mt19937_64 rng(1);
    const double speed = 1'000'000;   // 1 MH/s at difficulty 16: about 0.95 shares a second
    const double seconds = 6 * 3600;  // about 20,600 shares: a standard error near 0.7%
    const double sum =
        simulate_difficulty_sum(rng, speed, 65536, seconds, [](double) { return 16.0; });
    EXPECT_LT(relative_error(*estimate_hashrate(sum, 65536, seconds), speed), 0.03);
}

TEST(PayoutHashrate, Sha256dMinerOfKnownSpeed) {
    std::mt19937_64 rng(2);
    const double speed = 100e12;       // 100 TH/s at difficulty 65536: a share every 2.8 s
    const double seconds = 16 * 3600;  // about 20,500 shares
    const double sum =
        simulate_difficulty_sum(rng, speed, 1, seconds, [](double) { return 65536.0; });
    EXPECT_LT(relative_error(*estimate_hashrate(sum, 1, seconds), speed), 0.03);
}

TEST(PayoutHashrate, MinerWhoseDifficultyChanges) {
    std::mt19937_64 rng(3);
    const double speed = 2'000'000;
    const double seconds = 6 * 3600;
    // Vardiff moving between 8, 32 and 128 every ten minutes: the difficulty-weighted sum still
    // measures hashes.
    const double sum = simulate_difficulty_sum(rng, speed, 65536, seconds, [](double t) {
        const double levels[] = {8, 32, 128};
        return levels[static_cast<int64_t>(t / 600) % 3];
    });
    EXPECT_LT(relative_error(*estimate_hashrate(sum, 65536, seconds), speed), 0.03);
}

TEST(PayoutHashrate, LongerWindowsAreTighter) {
    std::mt19937_64 rng(4);
    const double speed = 1'000'000;
    const double day = 24 * 3600;
    const double sum = simulate_difficulty_sum(rng, speed, 65536, day, [](double) { return 16.0; });
    // About 82,000 shares: a standard error near 0.35%.
    EXPECT_LT(relative_error(*estimate_hashrate(sum, 65536, day), speed), 0.015);
}

}  // namespace
}  // namespace viddhana::ledger::payout
