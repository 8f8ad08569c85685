#include "http/rate_limiter.h"

#include <gtest/gtest.h>

namespace viddhana::http {
namespace {

TEST(RateLimiter, AllowsCapacityThenRefusesWithRetryAfter) {
    ManualClock clock;
    RateLimiter limiter(clock);
    limiter.define("auth", {10, 15 * 60'000});
    for (int i = 0; i < 10; ++i) {
        auto d = limiter.take("auth", "1.2.3.4");
        ASSERT_TRUE(d.allowed) << i;
        EXPECT_EQ(d.remaining, 9 - i);
    }
    auto refused = limiter.take("auth", "1.2.3.4");
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.limit, 10);
    // One token comes back every 90 s.
    EXPECT_EQ(refused.retry_after_seconds, 90);
    // Another client has its own bucket.
    EXPECT_TRUE(limiter.take("auth", "5.6.7.8").allowed);
}

TEST(RateLimiter, RefillsContinuously) {
    ManualClock clock;
    RateLimiter limiter(clock);
    limiter.define("api", {100, 60'000});
    for (int i = 0; i < 100; ++i)
        ASSERT_TRUE(limiter.take("api", "c").allowed);
    EXPECT_FALSE(limiter.take("api", "c").allowed);
    clock.advance_ms(599);
    EXPECT_FALSE(limiter.take("api", "c").allowed);
    clock.advance_ms(1);  // 600 ms = one token
    EXPECT_TRUE(limiter.take("api", "c").allowed);
    EXPECT_FALSE(limiter.take("api", "c").allowed);
    clock.advance_ms(3'600'000);  // never more than the capacity
    for (int i = 0; i < 100; ++i)
        ASSERT_TRUE(limiter.take("api", "c").allowed);
    EXPECT_FALSE(limiter.take("api", "c").allowed);
}

TEST(RateLimiter, UndefinedBucketAlwaysAllows) {
    ManualClock clock;
    RateLimiter limiter(clock);
    for (int i = 0; i < 1000; ++i)
        ASSERT_TRUE(limiter.take("none", "c").allowed);
    EXPECT_THROW(limiter.define("bad", {0, 1000}), std::invalid_argument);
}

TEST(RateLimiter, ForgetsIdleClientsWhenTheTableIsFull) {
    ManualClock clock;
    RateLimiter limiter(clock, 100);
    limiter.define("api", {5, 1000});
    for (int i = 0; i < 100; ++i)
        (void)limiter.take("api", "client" + std::to_string(i));
    EXPECT_EQ(limiter.tracked_clients(), 100u);
    clock.advance_ms(1000);  // every bucket full again
    (void)limiter.take("api", "newcomer");
    EXPECT_EQ(limiter.tracked_clients(), 1u);
}

}  // namespace
}  // namespace viddhana::http
