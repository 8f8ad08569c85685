// Planning of share batches: validation, duplicate filtering, roll-ups, workers, miners.
#include <gtest/gtest.h>

#include <cmath>

#include "store/share_batch.h"

namespace viddhana::store {
namespace {

bus::ShareEvent share(uint32_t node, uint64_t seq, int64_t t, const std::string& login,
                      const std::string& worker, double diff,
                      bus::ShareResult result = bus::ShareResult::accepted) {
    bus::ShareEvent s;
    s.node_id = node;
    s.sequence = seq;
    s.time_ms = t;
    s.login = login;
    s.worker = worker;
    s.difficulty = diff;
    s.result = result;
    return s;
}

TEST(MinuteOf, FloorsToTheMinute) {
    EXPECT_EQ(minute_of(120'000), 120'000);
    EXPECT_EQ(minute_of(179'999), 120'000);
    EXPECT_EQ(minute_of(-1), -60'000);
    EXPECT_EQ(day_of(kDayMs - 1), 0);
    EXPECT_EQ(day_of(kDayMs), 1);
}

TEST(ShareBatchPlan, SkipsSharesAtOrBelowTheHighWaterMark) {
    std::vector<bus::ShareEvent> batch{
        share(1, 5, 1000, "a", "w", 1), share(1, 6, 1000, "a", "w", 1),
        share(2, 1, 1000, "b", "w", 1), share(1, 6, 1000, "a", "w", 1),
        share(1, 7, 1000, "a", "w", 1)};
    auto plan = plan_share_batch(batch, {{1, 5}});
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_EQ(plan->to_write, (std::vector<size_t>{1, 2, 4}));
    EXPECT_EQ(plan->duplicates, 2u);
    EXPECT_EQ(plan->new_high_water.at(1), 7u);
    EXPECT_EQ(plan->new_high_water.at(2), 1u);
}

TEST(ShareBatchPlan, SequenceZeroIsAcceptedForANewNode) {
    std::vector<bus::ShareEvent> batch{share(9, 0, 1000, "a", "w", 1)};
    auto plan = plan_share_batch(batch, {});
    ASSERT_TRUE(plan.ok());
    EXPECT_EQ(plan->to_write.size(), 1u);
    auto again = plan_share_batch(batch, {{9, 0}});
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->to_write.empty());
    EXPECT_EQ(again->duplicates, 1u);
}

TEST(ShareBatchPlan, RollsUpPerMinuteWorkerMinerAndPool) {
    std::vector<bus::ShareEvent> batch{
        share(1, 1, 60'000, "a", "rig1", 2),
        share(1, 2, 61'000, "a", "rig1", 3),
        share(1, 3, 62'000, "a", "rig2", 5, bus::ShareResult::stale),
        share(1, 4, 125'000, "a", "rig2", 7),
        share(1, 5, 70'000, "b", "", 11),
    };
    auto plan = plan_share_batch(batch, {});
    ASSERT_TRUE(plan.ok());
    ASSERT_EQ(plan->worker_minutes.size(), 4u);
    EXPECT_EQ(plan->worker_minutes[0].login, "a");
    EXPECT_EQ(plan->worker_minutes[0].worker, "rig1");
    EXPECT_EQ(plan->worker_minutes[0].minute_ms, 60'000);
    EXPECT_DOUBLE_EQ(plan->worker_minutes[0].accepted_difficulty, 5);
    EXPECT_EQ(plan->worker_minutes[0].accepted, 2);
    EXPECT_EQ(plan->worker_minutes[1].rejected, 1);
    EXPECT_DOUBLE_EQ(plan->worker_minutes[1].accepted_difficulty, 0);
    ASSERT_EQ(plan->miner_minutes.size(), 3u);  // a@60s, a@120s, b@60s
    EXPECT_DOUBLE_EQ(plan->miner_minutes[0].accepted_difficulty, 5);
    EXPECT_EQ(plan->miner_minutes[0].rejected, 1);
    ASSERT_EQ(plan->pool_minutes.size(), 2u);
    EXPECT_DOUBLE_EQ(plan->pool_minutes[0].accepted_difficulty, 16);
    EXPECT_EQ(plan->pool_minutes[0].accepted, 3);
    EXPECT_EQ(plan->pool_minutes[0].rejected, 1);
    EXPECT_DOUBLE_EQ(plan->pool_minutes[1].accepted_difficulty, 7);
    ASSERT_EQ(plan->workers.size(), 3u);
    EXPECT_EQ(plan->workers[1].worker, "rig2");
    EXPECT_EQ(plan->workers[1].first_ms, 62'000);
    EXPECT_EQ(plan->workers[1].last_ms, 125'000);
    EXPECT_EQ(plan->workers[1].last_accepted_ms, 125'000);
    ASSERT_EQ(plan->miners.size(), 2u);
    EXPECT_EQ(plan->miners[1].login, "b");
    EXPECT_EQ(plan->min_time_ms, 60'000);
    EXPECT_EQ(plan->max_time_ms, 125'000);
}

TEST(ShareBatchPlan, RejectedOnlyWorkerHasNoLastAcceptedTime) {
    std::vector<bus::ShareEvent> batch{share(1, 1, 5000, "a", "w", 1, bus::ShareResult::invalid)};
    auto plan = plan_share_batch(batch, {});
    ASSERT_TRUE(plan.ok());
    ASSERT_EQ(plan->workers.size(), 1u);
    EXPECT_FALSE(plan->workers[0].last_accepted_ms);
}

TEST(ShareValidation, NamesTheBadShareAndField) {
    auto empty_login = share(3, 42, 1000, "", "w", 1);
    auto e = validate_share(empty_login);
    ASSERT_TRUE(e);
    EXPECT_NE(e->message.find("node 3, sequence 42"), std::string::npos);
    EXPECT_NE(e->message.find("login"), std::string::npos);
    EXPECT_TRUE(validate_share(share(1, 1, 1000, "a", "w", -1)));
    EXPECT_TRUE(validate_share(share(1, 1, 1000, "a", "w", NAN)));
    EXPECT_TRUE(validate_share(share(1, 1, 0, "a", "w", 1)));
    EXPECT_TRUE(validate_share(share(1, uint64_t{1} << 63, 1000, "a", "w", 1)));
    EXPECT_TRUE(validate_share(share(1, 1, 1000, std::string(129, 'x'), "w", 1)));
    auto bad_result = share(1, 1, 1000, "a", "w", 1);
    bad_result.result = static_cast<bus::ShareResult>(9);
    EXPECT_TRUE(validate_share(bad_result));
    EXPECT_FALSE(validate_share(share(1, 1, 1000, "a", "w", 1)));
}

TEST(ShareBatchPlan, OneBadShareRejectsTheBatch) {
    std::vector<bus::ShareEvent> batch{share(1, 1, 1000, "a", "w", 1),
                                       share(1, 2, 1000, "", "w", 1)};
    EXPECT_FALSE(plan_share_batch(batch, {}).ok());
}

}  // namespace
}  // namespace viddhana::store
