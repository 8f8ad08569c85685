// The store's read-model queries for the API, on SQLite and PostgreSQL: active miners and
// workers in a window, blocks per finder, and a miner's earnings per UTC day.
#include <gtest/gtest.h>

#include "store_test_fixture.h"

namespace viddhana::store {
namespace {

using namespace viddhana::store::store_test;

template <typename Backend>
class StoreReadModelTest : public StoreFixture<Backend> {};
TYPED_TEST_SUITE(StoreReadModelTest, Backends, BackendNames);

TYPED_TEST(StoreReadModelTest, ActiveMinersAndWorkersInAWindow) {
    this->append({this->share(1, kT0, "a", "rig1", 1), this->share(2, kT0 + 1000, "a", "rig2", 1),
                  this->share(3, kT0 + 2000, "b", "rig1", 1),
                  this->share(4, kT0 + 10 * kMin, "c", "x", 1)});
    auto early = this->store().hashrate().active_counts(kT0 + kMin, kMin);
    EXPECT_EQ(early.miners, 2);
    EXPECT_EQ(early.workers, 3);  // a.rig1, a.rig2, b.rig1: same name, different miners
    auto late = this->store().hashrate().active_counts(kT0 + 11 * kMin, 5 * kMin);
    EXPECT_EQ(late.miners, 1);
    EXPECT_EQ(late.workers, 1);
    auto none = this->store().hashrate().active_counts(kT0 + 100 * kMin, kMin);
    EXPECT_EQ(none.miners, 0);
    EXPECT_EQ(none.workers, 0);
}

TYPED_TEST(StoreReadModelTest, BlocksPerFinder) {
    this->register_miners({"a", "b"});
    this->add_block("h1", "a", 100, kT0);
    this->add_block("h2", "b", 100, kT0 + 1);
    this->add_block("h3", "b", 100, kT0 + 2);
    auto all = this->store().blocks().finder_counts(0, std::nullopt);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].login, "b");
    EXPECT_EQ(all[0].blocks, 2);
    EXPECT_EQ(all[1].login, "a");
    EXPECT_EQ(all[1].blocks, 1);
    auto recent = this->store().blocks().finder_counts(kT0 + 2, std::nullopt);
    ASSERT_EQ(recent.size(), 1u);
    EXPECT_EQ(recent[0].blocks, 1);
    auto one = this->store().blocks().finder_counts(0, std::string("a"));
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one[0].blocks, 1);
    EXPECT_TRUE(this->store().blocks().finder_counts(0, std::string("nobody")).empty());
}

// Lists page newest first by default, oldest first on request, and within a time range.
TYPED_TEST(StoreReadModelTest, ListsPageInEitherOrderWithinARange) {
    this->register_miners({"a"});
    for (int i = 0; i < 5; ++i)
        this->add_block("h" + std::to_string(i), "a", 100, kT0 + i * kMin);
    auto hashes = [&](Page page) {
        auto blocks = this->store().blocks().blocks(page);
        EXPECT_TRUE(blocks) << blocks.error().message;
        std::vector<std::string> out;
        for (const auto& b : *blocks)
            out.push_back(b.hash);
        return out;
    };
    EXPECT_EQ(hashes({2, 0}), (std::vector<std::string>{"h4", "h3"}));
    EXPECT_EQ(hashes({2, 2}), (std::vector<std::string>{"h2", "h1"}));
    Page oldest{2, 0};
    oldest.oldest_first = true;
    EXPECT_EQ(hashes(oldest), (std::vector<std::string>{"h0", "h1"}));
    Page range{10, 0};
    range.from_ms = kT0 + kMin;
    range.to_ms = kT0 + 3 * kMin;  // excluded
    EXPECT_EQ(hashes(range), (std::vector<std::string>{"h2", "h1"}));
    range.oldest_first = true;
    EXPECT_EQ(hashes(range), (std::vector<std::string>{"h1", "h2"}));
    Page empty{10, 0};
    empty.from_ms = kT0 + 2 * kMin;
    empty.to_ms = kT0 + 2 * kMin;
    auto refused = this->store().blocks().blocks(empty);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("range is empty"), std::string::npos);
}

TYPED_TEST(StoreReadModelTest, EarningsPerUtcDay) {
    constexpr int64_t kDay = 86'400'000;
    const int64_t day0 = kT0 / kDay * kDay;
    this->register_miners({"a"});
    int64_t block = this->add_block("h1", "a", 1000, day0 + 10);
    NewRound r;
    r.block_id = block;
    r.window_target = 1;
    r.window_counted = 1;
    r.created_ms = day0 + 20;
    r.credits = {{"a", 1, 990, 10}};
    ASSERT_TRUE(this->store().blocks().record_round(r).ok());
    std::vector<NewBalanceChange> rows = {
        {"a", 70, BalanceReason::pps_credit, {}, {}, "", day0 + kDay + 5},
        {"a", 30, BalanceReason::pps_credit, {}, {}, "", day0 + 2 * kDay - 1},
        {"a", 5, BalanceReason::adjustment, {}, {}, "", day0 + kDay + 6},
    };
    ASSERT_TRUE(this->store().balances().append_changes(rows).ok());
    auto days = this->store().balances().daily_earnings("a", day0, day0 + 3 * kDay);
    ASSERT_EQ(days.size(), 2u);
    // The round's credit (990) and its fee row (-10) land on the round's day.
    EXPECT_EQ(days[0].day_ms, day0);
    EXPECT_EQ(days[0].amount, 980);
    EXPECT_EQ(days[1].day_ms, day0 + kDay);
    EXPECT_EQ(days[1].amount, 100);  // the adjustment is not an earning
    EXPECT_TRUE(
        this->store().balances().daily_earnings("a", day0 + 3 * kDay, day0 + 4 * kDay).empty());
}

}  // namespace
}  // namespace viddhana::store
