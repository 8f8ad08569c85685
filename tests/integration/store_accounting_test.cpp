// The store's accounting run against SQLite and PostgreSQL: blocks and rounds, balances
// (immature / pending / paid), payments and their states, payout thresholds, paging, and
// bad input rejected without change.
#include <gtest/gtest.h>

#include "store_test_fixture.h"

namespace viddhana::store {
namespace {

using namespace viddhana::store::store_test;

template <typename Backend>
class StoreAccountingTest : public StoreFixture<Backend> {};
TYPED_TEST_SUITE(StoreAccountingTest, Backends, BackendNames);

// ---- blocks and balances ----------------------------------------------------------------------

TYPED_TEST(StoreAccountingTest, BalanceIsTheSumOfItsRowsSplitByMaturity) {
    this->register_miners({"a", "b"});
    int64_t block = this->add_block("h1", "a", 1000);
    this->credit(block, {{"a", 6, 600, 6}, {"b", 4, 400, 4}});
    auto a = this->store().balances().balance("a");
    EXPECT_EQ(a.immature, 594);
    EXPECT_EQ(a.pending, 0);
    this->pps("a", 50);
    a = this->store().balances().balance("a");
    EXPECT_EQ(a.immature, 594);
    EXPECT_EQ(a.pending, 50);

    ASSERT_TRUE(this->store().blocks().update_confirmations(block, 50, kT0 + 1).ok());
    EXPECT_EQ(this->store().blocks().find_block(block)->confirmations, 50);
    ASSERT_TRUE(this->store().blocks().mark_confirmed(block, 101, kT0 + 2).ok());
    a = this->store().balances().balance("a");
    EXPECT_EQ(a.immature, 0);
    EXPECT_EQ(a.pending, 644);
    auto changes = this->store().balances().changes("a", {100, 0});
    ASSERT_TRUE(changes.ok());
    int64_t sum = 0;
    for (const auto& c : *changes)
        sum += c.amount;
    EXPECT_EQ(sum, a.immature + a.pending);
    EXPECT_EQ(changes->size(), 3u);
    EXPECT_EQ((*changes)[0].reason, BalanceReason::pps_credit);

    int64_t orphan = this->add_block("h2", "b", 1000, kT0 + 10);
    this->credit(orphan, {{"b", 1, 300, 0}});
    EXPECT_EQ(this->store().balances().balance("b").immature, 300);
    auto orphaned = this->store().blocks().mark_orphaned(orphan, kT0 + 20);
    ASSERT_TRUE(orphaned.ok());
    EXPECT_EQ(orphaned->status, BlockStatus::orphaned);
    auto b = this->store().balances().balance("b");
    EXPECT_EQ(b.immature, 0);
    EXPECT_EQ(b.pending, 396);
    auto b_changes = this->store().balances().changes("b", {1, 0});
    ASSERT_TRUE(b_changes.ok());
    EXPECT_EQ((*b_changes)[0].reason, BalanceReason::orphan_reversal);
    EXPECT_EQ((*b_changes)[0].amount, -300);
    EXPECT_EQ((*b_changes)[0].block_id, orphan);
    // Only a pending block moves.
    EXPECT_FALSE(this->store().blocks().mark_orphaned(block, kT0).ok());
    EXPECT_FALSE(this->store().blocks().mark_confirmed(orphan, 1, kT0).ok());
    EXPECT_EQ(this->store().balances().balance("a").pending, 644);

    auto round = this->store().blocks().round_for_block(block);
    ASSERT_TRUE(round);
    ASSERT_EQ(round->credits.size(), 2u);
    EXPECT_EQ(round->credits[0].login, "a");
    EXPECT_EQ(round->credits[0].amount, 600);
    EXPECT_EQ(round->credits[0].fee, 6);
    EXPECT_EQ(this->store().blocks().find_block(block)->round_id, round->id);
}

TYPED_TEST(StoreAccountingTest, PaymentsMoveThroughTheirStates) {
    this->register_miners({"a"});
    this->pps("a", 10'000);
    NewPayment p{kUuid1, "a", "ltc1qpayout", 6'000, 100, std::string("batch-1"), kT0};
    auto intent = this->store().payments().create_intent(p);
    ASSERT_TRUE(intent.ok()) << intent.error().message;
    EXPECT_EQ(intent->status, PaymentStatus::intent);
    EXPECT_EQ(this->store().balances().balance("a").pending, 3'900);
    // Exactly once: the same intent id cannot be used again.
    auto dup = this->store().payments().create_intent(p);
    ASSERT_FALSE(dup.ok());
    EXPECT_NE(dup.error().message.find("already exists"), std::string::npos);
    // Not enough left for a second payment of the same size.
    NewPayment second{kUuid2, "a", "ltc1qpayout", 6'000, 0, std::nullopt, kT0};
    EXPECT_FALSE(this->store().payments().create_intent(second).ok());
    EXPECT_EQ(this->store().balances().balance("a").pending, 3'900);
    // intent -> confirmed skips sent: refused, nothing changes.
    auto skip = this->store().payments().mark_confirmed(kUuid1, kT0 + 1);
    ASSERT_FALSE(skip.ok());
    EXPECT_NE(skip.error().message.find("is intent"), std::string::npos);
    EXPECT_EQ(this->store().payments().find_payment(kUuid1)->status, PaymentStatus::intent);

    auto held = this->store().payments().hold(kUuid1, "manual review", kT0 + 2);
    ASSERT_TRUE(held.ok());
    EXPECT_EQ(held->error, "manual review");
    EXPECT_FALSE(this->store().payments().mark_sent(kUuid1, "tx1", kT0 + 3).ok());
    ASSERT_TRUE(this->store().payments().release(kUuid1, kT0 + 4).ok());
    auto sent = this->store().payments().mark_sent(kUuid1, "txid-1", kT0 + 5);
    ASSERT_TRUE(sent.ok());
    EXPECT_EQ(sent->txid, "txid-1");
    EXPECT_EQ(sent->sent_ms, kT0 + 5);
    EXPECT_EQ(this->store().balances().balance("a").paid, 6'000);
    auto confirmed = this->store().payments().mark_confirmed(kUuid1, kT0 + 6);
    ASSERT_TRUE(confirmed.ok());
    EXPECT_EQ(confirmed->confirmed_ms, kT0 + 6);
    EXPECT_FALSE(this->store().payments().mark_failed(kUuid1, "late", kT0 + 7).ok());

    // A failed payment gives the debit back.
    NewPayment third{kUuid3, "a", "ltc1qpayout", 3'000, 0, std::string("batch-2"), kT0 + 8};
    ASSERT_TRUE(this->store().payments().create_intent(third).ok());
    EXPECT_EQ(this->store().balances().balance("a").pending, 900);
    auto failed = this->store().payments().mark_failed(kUuid3, "wallet locked", kT0 + 9);
    ASSERT_TRUE(failed.ok());
    EXPECT_EQ(failed->status, PaymentStatus::failed);
    EXPECT_EQ(failed->error, "wallet locked");
    Balance bal = this->store().balances().balance("a");
    EXPECT_EQ(bal.pending, 3'900);
    EXPECT_EQ(bal.paid, 6'000);
    auto totals = this->store().payments().pool_totals();
    EXPECT_EQ(totals.total_paid, 6'000);
    EXPECT_EQ(totals.miners, 1);
}

TYPED_TEST(StoreAccountingTest, BatchIsMarkedSentAtOnce) {
    this->register_miners({"a", "b"});
    this->pps("a", 1000);
    this->pps("b", 1000);
    ASSERT_TRUE(this->store()
                    .payments()
                    .create_intent({kUuid1, "a", "addr-a", 500, 0, std::string("B1"), kT0})
                    .ok());
    ASSERT_TRUE(this->store()
                    .payments()
                    .create_intent({kUuid2, "b", "addr-b", 700, 0, std::string("B1"), kT0})
                    .ok());
    auto n = this->store().payments().mark_batch_sent("B1", "batch-tx", kT0 + 1);
    ASSERT_TRUE(n.ok());
    EXPECT_EQ(*n, 2);
    EXPECT_EQ(this->store().payments().find_payment(kUuid2)->txid, "batch-tx");
    EXPECT_FALSE(this->store().payments().mark_batch_sent("nope", "tx", kT0).ok());
    auto in_batch = this->store().payments().payments({std::nullopt, std::nullopt, "B1"}, {});
    ASSERT_TRUE(in_batch.ok());
    EXPECT_EQ(in_batch->size(), 2u);
}

TYPED_TEST(StoreAccountingTest, MinersAboveTheirPayoutThreshold) {
    this->register_miners({"low", "mid", "high", "custom", "zero"});
    this->pps("low", 50);
    this->pps("mid", 100);
    this->pps("high", 500);
    this->pps("custom", 30);
    ASSERT_TRUE(this->store().miners().set_payout_threshold("custom", 20).ok());
    ASSERT_TRUE(this->store().miners().set_payout_threshold("high", 1000).ok());
    ASSERT_TRUE(
        this->store().miners().set_payout_address("mid", std::string("ltc1qcold"), kT0).ok());
    auto payable = this->store().balances().payable_miners(100);
    ASSERT_TRUE(payable.ok());
    ASSERT_EQ(payable->size(), 2u);
    EXPECT_EQ((*payable)[0].login, "mid");
    EXPECT_EQ((*payable)[0].address, "ltc1qcold");
    EXPECT_EQ((*payable)[0].threshold, 100);
    EXPECT_EQ((*payable)[0].address_changed_ms, kT0);  // for the payout guard
    EXPECT_EQ((*payable)[1].login, "custom");
    EXPECT_FALSE((*payable)[1].address_changed_ms);
    EXPECT_EQ((*payable)[1].address, "custom");
    EXPECT_EQ((*payable)[1].threshold, 20);
    // Immature credits do not count.
    int64_t block = this->add_block("h9", "low", 10'000);
    this->credit(block, {{"low", 1, 5'000, 0}});
    payable = this->store().balances().payable_miners(100);
    ASSERT_TRUE(payable.ok());
    EXPECT_EQ(payable->size(), 2u);
    ASSERT_TRUE(this->store().blocks().mark_confirmed(block, 100, kT0).ok());
    payable = this->store().balances().payable_miners(100);
    ASSERT_TRUE(payable.ok());
    ASSERT_EQ(payable->size(), 3u);
    EXPECT_EQ((*payable)[0].login, "low");
    EXPECT_EQ((*payable)[0].pending, 5'050);
}

TYPED_TEST(StoreAccountingTest, PagingIsNewestFirstAndFiltersByStatus) {
    this->register_miners({"a"});
    std::vector<int64_t> ids;
    for (int i = 0; i < 7; ++i) {
        ids.push_back(this->add_block("hash" + std::to_string(i), "a", 100, kT0 + i * 1000));
    }
    ASSERT_TRUE(this->store().blocks().mark_confirmed(ids[1], 100, kT0).ok());
    ASSERT_TRUE(this->store().blocks().mark_orphaned(ids[2], kT0).ok());
    auto page1 = this->store().blocks().blocks({3, 0});
    auto page3 = this->store().blocks().blocks({3, 6});
    ASSERT_TRUE(page1.ok() && page3.ok());
    ASSERT_EQ(page1->size(), 3u);
    EXPECT_EQ((*page1)[0].hash, "hash6");
    EXPECT_EQ((*page1)[2].hash, "hash4");
    ASSERT_EQ(page3->size(), 1u);
    EXPECT_EQ((*page3)[0].hash, "hash0");
    auto pending = this->store().blocks().blocks({50, 0}, BlockStatus::pending);
    ASSERT_TRUE(pending.ok());
    EXPECT_EQ(pending->size(), 5u);
    auto confirmed = this->store().blocks().blocks({50, 0}, BlockStatus::confirmed);
    ASSERT_TRUE(confirmed.ok());
    ASSERT_EQ(confirmed->size(), 1u);
    EXPECT_EQ((*confirmed)[0].id, ids[1]);
    auto totals = this->store().payments().pool_totals();
    EXPECT_EQ(totals.blocks_found, 7);
    EXPECT_EQ(totals.blocks_pending, 5);
    EXPECT_EQ(totals.blocks_confirmed, 1);
    EXPECT_EQ(totals.blocks_orphaned, 1);

    for (int i = 0; i < 5; ++i)
        this->pps("a", 100 + i);
    auto changes = this->store().balances().changes("a", {2, 1});
    ASSERT_TRUE(changes.ok());
    ASSERT_EQ(changes->size(), 2u);
    EXPECT_EQ((*changes)[0].amount, 103);
    EXPECT_EQ((*changes)[1].amount, 102);

    for (int i = 0; i < 4; ++i) {
        ASSERT_TRUE(
            this->store()
                .events()
                .add_event({"block_found", "hash" + std::to_string(i),
                            i == 3 ? EventSeverity::warning : EventSeverity::info, "m", kT0 + i})
                .ok());
    }
    ASSERT_TRUE(this->store()
                    .events()
                    .add_event({"node_down", "node1", EventSeverity::critical, "x", kT0})
                    .ok());
    auto events = this->store().events().events({2, 0}, std::string("block_found"));
    ASSERT_TRUE(events.ok());
    ASSERT_EQ(events->size(), 2u);
    EXPECT_EQ((*events)[0].subject, "hash3");
    EXPECT_EQ((*events)[0].severity, EventSeverity::warning);
    auto miners = this->store().miners().miners({10, 0});
    ASSERT_TRUE(miners.ok());
    EXPECT_EQ(miners->size(), 1u);
}

TYPED_TEST(StoreAccountingTest, PaymentsArePagedNewestFirst) {
    this->register_miners({"a", "b"});
    this->pps("a", 100'000);
    this->pps("b", 100'000);
    std::vector<std::string> ids{kUuid1, kUuid2, kUuid3};
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(this->store()
                        .payments()
                        .create_intent(
                            {ids[i], i == 1 ? "b" : "a", "addr", 100 + i, 0, std::nullopt, kT0 + i})
                        .ok());
    }
    auto all = this->store().payments().payments({}, {2, 0});
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ((*all)[0].id, kUuid3);
    EXPECT_EQ((*all)[1].id, kUuid2);
    auto of_a =
        this->store().payments().payments({std::string("a"), PaymentStatus::intent, {}}, {10, 0});
    ASSERT_TRUE(of_a.ok());
    ASSERT_EQ(of_a->size(), 2u);
    EXPECT_EQ((*of_a)[1].id, kUuid1);
    auto sent = this->store().payments().payments({std::nullopt, PaymentStatus::sent, {}}, {10, 0});
    ASSERT_TRUE(sent.ok());
    EXPECT_TRUE(sent->empty());
}

// ---- bad input --------------------------------------------------------------------------------

TYPED_TEST(StoreAccountingTest, BadInputIsRejectedWithoutChange) {
    auto& s = this->store();
    this->register_miners({"a"});
    this->pps("a", 1000);

    auto unknown = s.miners().set_payout_threshold("ghost", 10);
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().message.find("unknown miner 'ghost'"), std::string::npos);
    EXPECT_FALSE(s.miners().find_miner("ghost"));
    auto negative = s.miners().set_payout_threshold("a", -1);
    ASSERT_FALSE(negative.ok());
    EXPECT_NE(negative.error().message.find(">= 0"), std::string::npos);
    EXPECT_FALSE(s.miners().find_miner("a")->payout_threshold);
    EXPECT_FALSE(s.miners().set_payout_address("a", std::string("has space"), kT0).ok());
    EXPECT_FALSE(s.miners().find_miner("a")->payout_address);
    EXPECT_FALSE(s.miners().register_miner("", kT0).ok());
    EXPECT_FALSE(s.miners().miners({0, 0}).ok());
    EXPECT_FALSE(s.miners().miners({10, -1}).ok());

    // One bad row in a batch of balance changes: none is written.
    std::vector<NewBalanceChange> rows{
        {"a", 5, BalanceReason::adjustment, {}, {}, "ok", kT0},
        {"ghost", 5, BalanceReason::adjustment, {}, {}, "unknown miner", kT0},
    };
    EXPECT_FALSE(s.balances().append_changes(rows).ok());
    rows[1] = {"a", -5, BalanceReason::pps_credit, {}, {}, "negative credit", kT0};
    EXPECT_FALSE(s.balances().append_changes(rows).ok());
    rows[1] = {"a", 5, BalanceReason::adjustment, int64_t{999}, {}, "unknown block", kT0};
    EXPECT_FALSE(s.balances().append_changes(rows).ok());
    rows[1] = {"a", -5, BalanceReason::payment, {}, {}, "payment row", kT0};
    EXPECT_FALSE(s.balances().append_changes(rows).ok());
    EXPECT_EQ(s.balances().balance("a").pending, 1000);
    EXPECT_EQ(s.balances().changes("a", {})->size(), 1u);

    EXPECT_FALSE(s.payments().create_intent({"not-a-uuid", "a", "x", 10, 0, {}, kT0}).ok());
    EXPECT_FALSE(s.payments().create_intent({kUuid1, "a", "x", 0, 0, {}, kT0}).ok());
    EXPECT_FALSE(s.payments().create_intent({kUuid1, "a", "x", 10, -1, {}, kT0}).ok());
    EXPECT_FALSE(s.payments().create_intent({kUuid1, "ghost", "x", 10, 0, {}, kT0}).ok());
    EXPECT_FALSE(s.payments().find_payment(kUuid1));
    EXPECT_FALSE(s.payments().mark_sent(kUuid2, "tx", kT0).ok());

    int64_t block = this->add_block("hb", "a", 100);
    bus::FoundBlock again;
    again.height = 1;
    again.hash = "hb";
    again.reward = 100;
    again.finder_login = "a";
    again.found_ms = kT0;
    EXPECT_FALSE(s.blocks().add_block(again, ledger::payout::SchemeKind::pplns).ok());
    bus::FoundBlock negative_reward = again;
    negative_reward.hash = "hc";
    negative_reward.reward = -1;
    EXPECT_FALSE(s.blocks().add_block(negative_reward, ledger::payout::SchemeKind::pplns).ok());
    NewRound over;
    over.block_id = block;
    over.credits = {{"a", 1, 101, 0}};
    auto over_reward = s.blocks().record_round(over);
    ASSERT_FALSE(over_reward.ok());
    EXPECT_NE(over_reward.error().message.find("exceed the block reward"), std::string::npos);
    over.credits = {{"a", 1, 50, 0}, {"ghost", 1, 10, 0}};
    EXPECT_FALSE(s.blocks().record_round(over).ok());
    over.credits = {{"a", 1, 50, 60}};
    EXPECT_FALSE(s.blocks().record_round(over).ok());
    EXPECT_FALSE(s.blocks().round_for_block(block));
    EXPECT_EQ(s.balances().balance("a").immature, 0);
    EXPECT_FALSE(s.blocks().update_confirmations(999, 1, kT0).ok());
    EXPECT_FALSE(s.blocks().update_confirmations(block, -1, kT0).ok());

    std::vector<bus::ShareEvent> shares{this->share(1, kT0, "a", "w", 1),
                                        this->share(2, kT0, "", "w", 1)};
    auto bad_batch = s.shares().append_shares(shares);
    ASSERT_FALSE(bad_batch.ok());
    EXPECT_NE(bad_batch.error().message.find("sequence 2"), std::string::npos);
    EXPECT_EQ(s.shares().share_count(), 0);
    EXPECT_FALSE(s.shares().high_water_mark(1));
    EXPECT_FALSE(s.shares().shares_between(kT0, kT0 + 1, 0).ok());
    EXPECT_FALSE(s.hashrate().leaderboard(kT0, kMin, 0).ok());
    EXPECT_FALSE(s.state().put("", "v", kT0).ok());
    EXPECT_FALSE(s.events().add_event({"", "s", EventSeverity::info, "m", kT0}).ok());
    EXPECT_FALSE(s.balances().payable_miners(-1).ok());
}

}  // namespace
}  // namespace viddhana::store
