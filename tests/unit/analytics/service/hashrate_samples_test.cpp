// The store's minute roll-ups as hashrate samples: dense minutes from the first bucket to now.
#include <gtest/gtest.h>

#include "analytics/service/hashrate_samples.h"

namespace viddhana::analytics::service {
namespace {

store::HashratePoint bucket(int64_t minute, double difficulty) {
    return {minute * 60'000, difficulty, 1, 0};
}

TEST(HashrateSamples, FillsQuietMinutesAndAveragesFromTheFirstBucket) {
    // Difficulty 60 in minute 10 and in minute 12, nothing in 11; now is 30 s into minute 13.
    const int64_t now = 13 * 60'000 + 30'000;
    auto m = samples_from_buckets({bucket(10, 60), bucket(12, 60)}, now, 1.0);
    ASSERT_TRUE(m);
    ASSERT_EQ(m->samples.size(), 4u);
    EXPECT_EQ(m->samples[0].time_unix, 11 * 60);
    EXPECT_DOUBLE_EQ(m->samples[0].hashrate, 1.0);
    EXPECT_DOUBLE_EQ(m->samples[1].hashrate, 0.0);
    EXPECT_DOUBLE_EQ(m->samples[2].hashrate, 1.0);
    EXPECT_EQ(m->samples[3].time_unix, now / 1000);
    EXPECT_DOUBLE_EQ(m->samples[3].hashrate, 0.0);
    EXPECT_EQ(m->window_s, 210);
    EXPECT_DOUBLE_EQ(m->mean, 120.0 / 210.0);
    // The projection's own mean over the same samples agrees.
    auto mean = mean_hashrate(m->samples, now / 1000, m->window_s);
    ASSERT_TRUE(mean) << mean.error().message;
    EXPECT_NEAR(*mean, m->mean, 1e-12);
}

TEST(HashrateSamples, ScalesAndIgnoresTheFutureAndEmptyBuckets) {
    const int64_t now = 5 * 60'000;
    EXPECT_FALSE(samples_from_buckets({}, now, 1.0));
    EXPECT_FALSE(samples_from_buckets({bucket(2, 0), bucket(6, 10)}, now, 1.0));
    auto m = samples_from_buckets({bucket(4, 120)}, now, 2.0, 0.25);
    ASSERT_TRUE(m);
    EXPECT_DOUBLE_EQ(m->samples.back().hashrate, 120 * 2.0 * 0.25 / 60);
    EXPECT_DOUBLE_EQ(mean_over({bucket(3, 60), bucket(4, 60)}, 4 * 60'000, now, 1.0), 1.0);
}

}  // namespace
}  // namespace viddhana::analytics::service
