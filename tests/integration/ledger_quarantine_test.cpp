// What the store refuses, on SQLite and PostgreSQL: a batch with one bad share stores the others
// and sets the bad one aside with its reason (once, however often the batch is replayed); the
// operator's retry stores a quarantined share once its cause is gone (below its node's
// high-water mark too) and keeps a still-refused one with the new reason; drop removes one and
// leaves an event saying what it was.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "ledger/event_recorder.h"
#include "ledger/event_spool.h"
#include "ledger/quarantine.h"
#include "store_test_fixture.h"

namespace viddhana::store {
namespace {

using namespace viddhana::store::store_test;

template <typename Backend>
class LedgerQuarantineTest : public StoreFixture<Backend> {
  protected:
    std::vector<bus::ShareEvent> batch(uint64_t first, size_t n) {
        std::vector<bus::ShareEvent> out;
        for (uint64_t i = first; i < first + n; ++i)
            out.push_back(this->share(i, kT0 + static_cast<int64_t>(i), "ltc1qminer", "rig", 16));
        return out;
    }
    std::vector<Quarantined> listed() {
        auto q = this->store().quarantine().list(Page{});
        EXPECT_TRUE(q.ok()) << q.error().message;
        return q.ok() ? *q : std::vector<Quarantined>{};
    }

    test::TempDir dir_{"quarantine"};
    ledger::LedgerConfig config_;
};
TYPED_TEST_SUITE(LedgerQuarantineTest, Backends, BackendNames);

TYPED_TEST(LedgerQuarantineTest, OneRefusedShareIsQuarantinedAndTheRestOfItsBatchStored) {
    ledger::EventSpool spool(this->dir_.file("spool.bin"));
    ledger::Quarantine quarantine(this->store(), ledger::payout::SchemeKind::pplns);
    ledger::EventRecorder recorder(this->store(), this->config_, spool, quarantine);

    bus::EventBatch events;
    events.shares = this->batch(1, 5);
    events.shares[2].login = "";  // sequence 3: the store can never take it
    recorder.record(events, kT0 + 100);

    EXPECT_EQ(this->store().shares().share_count(), 4);
    EXPECT_EQ(this->store().shares().high_water_mark(1), 5u);
    EXPECT_EQ(recorder.stats().shares_written, 4u);
    EXPECT_EQ(recorder.stats().shares_quarantined, 1u);
    EXPECT_TRUE(spool.empty());
    auto q = this->listed();
    ASSERT_EQ(q.size(), 1u);
    EXPECT_EQ(q[0].kind, QuarantineKind::share);
    EXPECT_EQ(q[0].subject, "node 1 sequence 3");
    EXPECT_NE(q[0].reason.find("login is empty"), std::string::npos) << q[0].reason;

    // The same batch delivered again (its acknowledgement was lost): nothing doubles.
    recorder.record(events, kT0 + 200);
    EXPECT_EQ(this->store().shares().share_count(), 4);
    EXPECT_EQ(this->store().quarantine().count(), 1);
    EXPECT_EQ(quarantine.added(), 1u);
}

TYPED_TEST(LedgerQuarantineTest, RetryStoresAShareOnceItsCauseIsGoneAndKeepsARefusedOne) {
    ledger::Quarantine quarantine(this->store(), ledger::payout::SchemeKind::pplns);
    // Share 4 was refused for a reason since fixed, and its node went on to share 10; share 11
    // still has no login.
    auto shares = this->batch(1, 10);
    auto fixed = shares[3];
    shares.erase(shares.begin() + 3);
    this->append(shares);
    quarantine.share(fixed, "the store was misconfigured", kT0);
    auto bad = this->share(11, kT0 + 11, "", "rig", 16);
    quarantine.share(bad, "share 11: login is empty", kT0);
    auto q = this->listed();
    ASSERT_EQ(q.size(), 2u);

    auto retried = quarantine.retry(q[0].id, kT0 + 1000);
    ASSERT_TRUE(retried.ok()) << retried.error().message;
    EXPECT_EQ(this->store().shares().share_count(), 10);
    EXPECT_EQ(this->store().shares().high_water_mark(1), 10u);  // left as it was
    // Retrying the same share again (say the first retry's answer was lost) stores nothing.
    quarantine.share(fixed, "the store was misconfigured", kT0);
    auto again = this->listed();
    ASSERT_EQ(again.size(), 2u);
    ASSERT_TRUE(quarantine.retry(again.back().id, kT0 + 1100).ok());
    EXPECT_EQ(this->store().shares().share_count(), 10);

    auto refused = quarantine.retry(q[1].id, kT0 + 1200);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("login is empty"), std::string::npos);
    auto left = this->listed();
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0].subject, "node 1 sequence 11");
    EXPECT_EQ(this->store().shares().share_count(), 10);

    EXPECT_FALSE(quarantine.retry(987654, kT0).ok());
}

TYPED_TEST(LedgerQuarantineTest, DropRemovesARecordAndLeavesAnEvent) {
    ledger::Quarantine quarantine(this->store(), ledger::payout::SchemeKind::pplns);
    quarantine.record("\x01\x02garbage", "spooled record does not decode: truncated", kT0);
    auto q = this->listed();
    ASSERT_EQ(q.size(), 1u);
    EXPECT_EQ(q[0].kind, QuarantineKind::record);

    auto dropped = quarantine.drop(q[0].id, kT0 + 5);
    ASSERT_TRUE(dropped.ok()) << dropped.error().message;
    EXPECT_EQ(this->store().quarantine().count(), 0);
    auto events = this->store().events().events(Page{}, std::string("quarantine_dropped"));
    ASSERT_TRUE(events.ok());
    ASSERT_EQ(events->size(), 1u);
    EXPECT_NE((*events)[0].message.find("does not decode"), std::string::npos);
    EXPECT_FALSE(quarantine.drop(q[0].id, kT0 + 6).ok());
}

}  // namespace
}  // namespace viddhana::store
