// The PPLNS walk's arithmetic: per-miner sums with a partially counted boundary share.
#include <gtest/gtest.h>

#include "store/pplns_accumulator.h"

namespace viddhana::store {
namespace {

TEST(PplnsAccumulator, CountsThePartOfTheBoundaryShareThatFits) {
    // Newest first: a4, b3, a2 (sum 9), c4 -> only 1 of its 4 counts, b5 never read.
    PplnsAccumulator acc(10);
    EXPECT_TRUE(acc.add({500, 5}, "a", 4));
    EXPECT_TRUE(acc.add({400, 4}, "b", 3));
    EXPECT_TRUE(acc.add({300, 3}, "a", 2));
    EXPECT_FALSE(acc.add({200, 2}, "c", 4));
    EXPECT_FALSE(acc.add({100, 1}, "b", 5));
    PplnsWindow w = acc.result();
    EXPECT_TRUE(w.complete);
    EXPECT_DOUBLE_EQ(w.counted, 10);
    EXPECT_EQ(w.newest, (ShareCursor{500, 5}));
    EXPECT_EQ(w.boundary, (ShareCursor{200, 2}));
    EXPECT_DOUBLE_EQ(w.boundary_fraction, 0.25);
    ASSERT_EQ(w.miners.size(), 3u);
    EXPECT_EQ(w.miners[0], (MinerDifficulty{"a", 6}));
    EXPECT_EQ(w.miners[1], (MinerDifficulty{"b", 3}));
    EXPECT_EQ(w.miners[2], (MinerDifficulty{"c", 1}));
}

TEST(PplnsAccumulator, ExactFitCountsTheWholeBoundaryShare) {
    PplnsAccumulator acc(5);
    EXPECT_TRUE(acc.add({2, 2}, "a", 2));
    EXPECT_FALSE(acc.add({1, 1}, "b", 3));
    PplnsWindow w = acc.result();
    EXPECT_TRUE(w.complete);
    EXPECT_DOUBLE_EQ(w.boundary_fraction, 1.0);
    EXPECT_DOUBLE_EQ(w.miners[1].difficulty, 3);
}

TEST(PplnsAccumulator, ShortLogIsIncomplete) {
    PplnsAccumulator acc(100);
    acc.add({2, 2}, "a", 2);
    acc.add({1, 1}, "a", 3);
    PplnsWindow w = acc.result();
    EXPECT_FALSE(w.complete);
    EXPECT_DOUBLE_EQ(w.counted, 5);
    EXPECT_EQ(w.boundary, (ShareCursor{1, 1}));
    EXPECT_DOUBLE_EQ(w.boundary_fraction, 1.0);
}

TEST(PplnsAccumulator, ZeroDifficultySharesNeverBecomeTheBoundary) {
    PplnsAccumulator acc(1);
    EXPECT_TRUE(acc.add({3, 3}, "a", 0));
    EXPECT_FALSE(acc.add({2, 2}, "b", 2));
    PplnsWindow w = acc.result();
    EXPECT_EQ(w.newest, (ShareCursor{3, 3}));
    EXPECT_EQ(w.boundary, (ShareCursor{2, 2}));
    ASSERT_EQ(w.miners.size(), 1u);
    EXPECT_EQ(w.miners[0].login, "b");
}

TEST(PplnsAccumulator, EmptyWalkHasNoBoundary) {
    PplnsWindow w = PplnsAccumulator(10).result();
    EXPECT_FALSE(w.complete);
    EXPECT_FALSE(w.newest);
    EXPECT_FALSE(w.boundary);
    EXPECT_TRUE(w.miners.empty());
}

}  // namespace
}  // namespace viddhana::store
