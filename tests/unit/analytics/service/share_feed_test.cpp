// The Sentinel fed from a real (SQLite) store: every stored share once, late arrivals inside the
// overlap included, and an alert when a worker that mined steadily for two hours goes quiet.
#include <filesystem>

#include <gtest/gtest.h>

#include "analytics/service/alert_book.h"
#include "analytics/service/share_feed.h"
#include "store/store.h"

namespace viddhana::analytics::service {
namespace {

class ShareFeed : public ::testing::Test {
  protected:
    void SetUp() override {
        dir = std::filesystem::temp_directory_path() /
              ("viddhana-share-feed-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        store::StoreConfig c;
        c.backend = store::StoreBackend::sqlite;
        c.sqlite_path = (dir / "store.db").string();
        db = store::open_store(c);
    }
    void TearDown() override {
        db.reset();
        std::filesystem::remove_all(dir);
    }
    void append(int64_t time_ms, const std::string& worker,
                bus::ShareResult result = bus::ShareResult::accepted) {
        bus::ShareEvent e;
        e.time_ms = time_ms;
        e.login = "ltc1qminer";
        e.worker = worker;
        e.difficulty = 1024;
        e.actual_difficulty = 2048;
        e.result = result;
        e.height = 100;
        e.network_difficulty = 2e7;
        e.node_id = 1;
        e.sequence = ++sequence;
        auto r = db->shares().append_shares(std::span<const bus::ShareEvent>(&e, 1));
        ASSERT_TRUE(r) << r.error().message;
    }
    std::filesystem::path dir;
    std::unique_ptr<store::Store> db;
    uint64_t sequence = 0;
};

TEST_F(ShareFeed, FeedsEveryShareOnceAndTheSentinelSeesAWorkerGoQuiet) {
    const int64_t t0 = 1'700'000'000'000;
    // Two hours of a share every 10 s from two workers; one stops, the other goes on.
    for (int64_t t = t0; t < t0 + 2 * 3600'000; t += 10'000) {
        append(t, "steady");
        append(t + 1, "quitter");
    }
    for (int64_t t = t0 + 2 * 3600'000; t < t0 + 2 * 3600'000 + 20 * 60'000; t += 10'000)
        append(t, "steady");
    const int64_t now = t0 + 2 * 3600'000 + 20 * 60'000;

    Sentinel sentinel;
    AlertBook book;
    SentinelShareFeed feed(65536, now, 3 * 3600'000);
    size_t fed = feed.pull(*db, sentinel, now - 60'000);
    // A share judged earlier but stored only now (the ledger's batches lag) is still fed, and
    // nothing already fed comes again.
    append(now - 70'000, "late");
    fed += feed.pull(*db, sentinel, now);
    EXPECT_EQ(static_cast<int64_t>(fed), db->shares().share_count());
    EXPECT_EQ(feed.shares_fed(), db->shares().share_count());
    EXPECT_EQ(feed.pull(*db, sentinel, now), 0u);

    auto alerts = sentinel.evaluate(now);
    book.record_evaluation(alerts, now, sentinel.workers(), feed.shares_fed());
    auto quitter = book.find({"ltc1qminer", "quitter", std::nullopt, 0, 100});
    ASSERT_EQ(quitter.size(), 1u);
    EXPECT_EQ(quitter[0].kind, AlertKind::worker_offline);
    EXPECT_NE(quitter[0].reason.find("0 shares"), std::string::npos) << quitter[0].reason;
    EXPECT_TRUE(book.find({"ltc1qminer", "steady", std::nullopt, 0, 100}).empty());
    EXPECT_EQ(book.status().workers, 3u);
}

}  // namespace
}  // namespace viddhana::analytics::service
