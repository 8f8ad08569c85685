#include <gtest/gtest.h>

#include "stratum/difficulty_history.h"

namespace viddhana::stratum {
namespace {

TEST(DifficultyHistory, BroadcastJobsCarryTheDifficultyInForceWhenSent) {
    DifficultyHistory h(1);
    // Jobs 1 and 2 sent at 1; a change to 8 while job 2 is current; job 3 sent after it.
    uint64_t resent = h.change(8, 2);
    EXPECT_EQ(resent >> 32, 1u);
    EXPECT_EQ(resent & 0xffffffff, 2u);
    EXPECT_EQ(h.resolve(1)->difficulty, 1);
    EXPECT_EQ(h.resolve(2)->difficulty, 1);
    EXPECT_EQ(h.resolve(resent)->difficulty, 8);
    EXPECT_EQ(h.resolve(resent)->job_id, 2u);
    EXPECT_EQ(h.resolve(3)->difficulty, 8);
    EXPECT_EQ(h.current(), 8);
}

TEST(DifficultyHistory, IdsNeverSentAreUnknown) {
    DifficultyHistory h(1);
    uint64_t resent = h.change(2, 5);
    EXPECT_FALSE(h.resolve(resent + (uint64_t{1} << 32)));          // a change that never happened
    EXPECT_FALSE(h.resolve((resent & ~uint64_t{0xffffffff}) | 6));  // another job, same number
}

TEST(DifficultyHistory, OldChangesFallBackToTheOldestRemembered) {
    DifficultyHistory h(1);
    uint64_t first = h.change(2, 10);
    for (int i = 0; i < 6; ++i)
        h.change(4 << i, 10 + i + 1);
    EXPECT_FALSE(h.resolve(first));  // its record is gone: the share is stale
    // A job broadcast long before every remembered change: the oldest remembered "before".
    auto early = h.resolve(3);
    ASSERT_TRUE(early);
    EXPECT_GT(early->difficulty, 0);
}

TEST(DifficultyHistory, RestartVoidsEverythingSentBefore) {
    DifficultyHistory h(1);
    uint64_t resent = h.change(2, 4);
    uint64_t fresh = h.restart(5);
    EXPECT_FALSE(h.resolve(resent));
    EXPECT_FALSE(h.resolve(5));
    EXPECT_FALSE(h.resolve(4));
    ASSERT_TRUE(h.resolve(fresh));
    EXPECT_EQ(h.resolve(fresh)->difficulty, 2);
    EXPECT_EQ(h.resolve(6)->difficulty, 2);  // jobs after the restart
}

}  // namespace
}  // namespace viddhana::stratum
