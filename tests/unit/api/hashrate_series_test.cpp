#include "api/hashrate_series.h"

#include <gtest/gtest.h>

namespace viddhana::api {
namespace {

constexpr int64_t kMin = 60'000;
constexpr int64_t kT0 = 1'700'000'400'000;  // a 5-minute boundary

TEST(HashrateSeries, SumsMinutesIntoAlignedBucketsWithoutGaps) {
    std::vector<store::HashratePoint> minutes = {
        {kT0, 60, 2, 0},               // bucket 0
        {kT0 + 4 * kMin, 30, 1, 1},    // bucket 0
        {kT0 + 10 * kMin, 300, 5, 0},  // bucket 2
    };
    auto b = bucket_hashrate(minutes, kT0 + 1000, kT0 + 15 * kMin, 5 * kMin, 1.0);
    ASSERT_TRUE(b) << b.error().message;
    ASSERT_EQ(b->size(), 3u);
    EXPECT_EQ((*b)[0].time_ms, kT0);  // from rounded down
    EXPECT_DOUBLE_EQ((*b)[0].hashrate, 90.0 / 300.0);
    EXPECT_EQ((*b)[0].accepted, 3);
    EXPECT_EQ((*b)[0].rejected, 1);
    EXPECT_EQ((*b)[1].hashrate, 0);  // nobody mined: present, zero
    EXPECT_DOUBLE_EQ((*b)[2].hashrate, 1.0);
}

TEST(HashrateSeries, ScalesByHashesPerDifficulty) {
    std::vector<store::HashratePoint> minutes = {{kT0, 1, 1, 0}};
    // Scrypt: one difficulty-1 share stands for 2^32 / 65536 = 65536 hashes.
    auto b = bucket_hashrate(minutes, kT0, kT0 + kMin, kMin, 65536.0);
    ASSERT_TRUE(b);
    EXPECT_DOUBLE_EQ((*b)[0].hashrate, 65536.0 / 60.0);
}

TEST(HashrateSeries, RefusesEmptyRangesAndTooManyPoints) {
    EXPECT_FALSE(bucket_hashrate({}, kT0, kT0, kMin, 1));
    EXPECT_FALSE(bucket_hashrate({}, kT0, kT0 + kMin, 30'000, 1));
    auto many = bucket_hashrate({}, kT0, kT0 + 3000 * kMin, kMin, 1);
    ASSERT_FALSE(many);
    EXPECT_NE(many.error().message.find("at most 2000"), std::string::npos);
    EXPECT_TRUE(bucket_hashrate({}, kT0, kT0 + 2000 * kMin, kMin, 1));
}

}  // namespace
}  // namespace viddhana::api
