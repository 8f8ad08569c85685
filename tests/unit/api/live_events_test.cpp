#include "api/live_events.h"

#include <gtest/gtest.h>

namespace viddhana::api {
namespace {

store::Block block(const std::string& hash, store::BlockStatus status,
                   const std::string& finder = "m1") {
    store::Block b;
    b.hash = hash;
    b.status = status;
    b.finder_login = finder;
    b.height = 7;
    b.reward = 100;
    return b;
}

TEST(BlockWatcher, FirstLookOnlyLearns) {
    BlockWatcher w(101);
    EXPECT_TRUE(w.update({block("a", store::BlockStatus::pending)}).empty());
}

TEST(BlockWatcher, NewBlocksAndStatusChanges) {
    BlockWatcher w(101);
    (void)w.update({block("a", store::BlockStatus::pending)});
    auto found = w.update(
        {block("b", store::BlockStatus::pending, "m2"), block("a", store::BlockStatus::pending)});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].type, "block.found");
    EXPECT_EQ(found[0].channels, (std::vector<std::string>{"blocks", "miner:m2"}));
    EXPECT_EQ(found[0].data["hash"], "b");
    auto settled = w.update({block("b", store::BlockStatus::orphaned, "m2"),
                             block("a", store::BlockStatus::confirmed)});
    ASSERT_EQ(settled.size(), 2u);
    EXPECT_EQ(settled[0].type, "block.orphaned");
    EXPECT_EQ(settled[1].type, "block.confirmed");
    EXPECT_EQ(settled[1].data["confirmationsRequired"], 101);
    EXPECT_TRUE(w.update({block("a", store::BlockStatus::confirmed)}).empty());
}

TEST(BlockWatcher, AnnouncedBlocksAreNotFoundTwice) {
    BlockWatcher w(101);
    (void)w.update({});
    w.announced("c");
    EXPECT_TRUE(w.update({block("c", store::BlockStatus::pending)}).empty());
    auto confirmed = w.update({block("c", store::BlockStatus::confirmed)});
    ASSERT_EQ(confirmed.size(), 1u);
    EXPECT_EQ(confirmed[0].type, "block.confirmed");
}

TEST(BlockWatcher, FoundAndSettledBetweenTwoLooks) {
    BlockWatcher w(101);
    (void)w.update({});
    auto events = w.update({block("d", store::BlockStatus::confirmed)});
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].type, "block.found");
    EXPECT_EQ(events[1].type, "block.confirmed");
}

TEST(PaymentWatcher, NewPaymentsAndStateChangesGoToTheMiner) {
    PaymentWatcher w;
    store::Payment p;
    p.id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    p.login = "m1";
    p.amount = 5;
    EXPECT_TRUE(w.update({p}).empty());
    p.status = store::PaymentStatus::sent;
    auto sent = w.update({p});
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].type, "miner.payment");
    EXPECT_EQ(sent[0].channels, (std::vector<std::string>{"miner:m1"}));
    EXPECT_EQ(sent[0].data["status"], "sent");
    EXPECT_TRUE(w.update({p}).empty());
}

}  // namespace
}  // namespace viddhana::api
