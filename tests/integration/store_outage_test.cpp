// The store when its servers fail: PostgreSQL killed in the middle of an append, PostgreSQL
// down (the shares go to the spool and are replayed after the restart), daily partitions, and
// the test Redis server's kill/restart.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <pqxx/pqxx>

#include "ledger/event_spool.h"
#include "store/postgres/pg_store.h"
#include "store/store.h"
#include "support/postgres_server.h"
#include "support/redis_server.h"
#include "support/temp_dir.h"
#include "support/wait.h"

namespace viddhana::store {
namespace {

constexpr int64_t kT0 = 1'700'000'040'000;
constexpr int64_t kDay = 86'400'000;

std::vector<bus::ShareEvent> make_shares(uint64_t first_seq, size_t n, int64_t t0) {
    std::vector<bus::ShareEvent> out;
    out.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        bus::ShareEvent s;
        s.node_id = 1;
        s.sequence = first_seq + i;
        s.time_ms = t0 + static_cast<int64_t>(i);
        s.login = "miner" + std::to_string(i % 10);
        s.worker = "rig" + std::to_string(i % 3);
        s.difficulty = 2;
        s.ip = "127.0.0.1";
        out.push_back(s);
    }
    return out;
}

class PostgresOutageTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { server_ = new test::PostgresServer(); }
    static void TearDownTestSuite() {
        delete server_;
        server_ = nullptr;
    }
    void SetUp() override {
        if (!server_->is_running()) server_->restart();
        static int counter = 0;
        auto parsed =
            parse_store_location(server_->create_database("outage_" + std::to_string(++counter)));
        ASSERT_TRUE(parsed.ok());
        config_ = *parsed;
        store_ = open_store(config_);
    }
    int64_t count_where(const std::string& sql) {
        pqxx::connection c(to_conninfo(config_.postgres));
        pqxx::nontransaction n(c);
        return n.exec(sql)[0][0].as<int64_t>();
    }

    static test::PostgresServer* server_;
    StoreConfig config_;
    std::unique_ptr<Store> store_;
};
test::PostgresServer* PostgresOutageTest::server_ = nullptr;

TEST_F(PostgresOutageTest, KilledDuringAppendRaisesUnavailableAndLeavesNothingHalfWritten) {
    auto first = make_shares(1, 1000, kT0);
    ASSERT_TRUE(store_->shares().append_shares(first).ok());

    // Hold the node's high-water-mark row: the append writes its shares and roll-ups, then
    // waits on this lock at its last statement. That is when the server dies.
    pqxx::connection blocker(to_conninfo(config_.postgres));
    auto hold = std::make_unique<pqxx::work>(blocker);
    hold->exec("SELECT * FROM share_sources WHERE node_id = 1 FOR UPDATE");

    auto second = make_shares(1001, 50'000, kT0 + 5'000);
    auto append = std::async(std::launch::async, [&] {
        try {
            auto r = store_->shares().append_shares(second);
            return std::string(r.ok() ? "committed" : r.error().message);
        } catch (const StoreUnavailable& e) {
            return std::string("unavailable: ") + e.what();
        } catch (const std::exception& e) {
            return std::string("other: ") + e.what();
        }
    });
    test::wait_until(
        [&] {
            return count_where(
                       "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = "
                       "'Lock' AND query LIKE 'INSERT INTO share_sources%'") == 1;
        },
        std::chrono::seconds(60), "the append to wait on the high-water-mark row");
    server_->kill();
    std::string outcome = append.get();
    EXPECT_EQ(outcome.rfind("unavailable: ", 0), 0u) << outcome;
    EXPECT_NE(outcome.find("PostgreSQL"), std::string::npos) << outcome;
    try {
        hold->abort();
    } catch (...) {
    }
    hold.reset();

    server_->restart();
    // The same store reconnects; the killed transaction left nothing behind.
    EXPECT_EQ(store_->shares().share_count(), 1000);
    EXPECT_EQ(store_->shares().high_water_mark(1), 1000u);
    EXPECT_EQ(store_->hashrate().pool_hashrate(kT0 + 3'600'000, 7'200'000).accepted, 1000);
    // Replaying the lost batch writes it once.
    auto replay = store_->shares().append_shares(second);
    ASSERT_TRUE(replay.ok()) << replay.error().message;
    EXPECT_EQ(replay->written, 50'000u);
    EXPECT_EQ(store_->shares().share_count(), 51'000);
    EXPECT_EQ(store_->hashrate().pool_hashrate(kT0 + 3'600'000, 7'200'000).accepted, 51'000);
}

TEST_F(PostgresOutageTest, WhileDownSharesGoToTheSpoolAndAreReplayedAfterRestart) {
    test::TempDir dir("spool");
    ledger::EventSpool spool(dir.file("shares.spool"));
    auto batch1 = make_shares(1, 300, kT0);
    auto batch2 = make_shares(301, 300, kT0 + 1000);
    ASSERT_TRUE(store_->shares().append_shares(batch1).ok());

    server_->kill();
    EXPECT_THROW(store_->shares().append_shares(batch2), StoreUnavailable);
    EXPECT_THROW(store_->shares().share_count(), StoreUnavailable);
    EXPECT_THROW(open_store(config_), StoreUnavailable);
    spool.append({batch2, {}});
    // The first batch is spooled again too (say its acknowledgement was lost): no harm.
    spool.append({batch1, {}});

    // Replaying while the server is still down leaves the spool as it was.
    auto store_batch = [&](const bus::EventBatch& b) {
        auto r = store_->shares().append_shares(b.shares);
        if (!r.ok()) throw std::runtime_error(r.error().message);
    };
    auto undecodable = [](std::string_view, const std::string& why) { FAIL() << why; };
    EXPECT_THROW(spool.replay_chunk(store_batch, undecodable), StoreUnavailable);
    EXPECT_EQ(spool.batches(), 2u);

    server_->restart();
    size_t replayed = 0;
    while (!spool.empty())
        replayed += spool.replay_chunk(store_batch, undecodable, {1, 1u << 20});
    EXPECT_EQ(replayed, 2u);
    EXPECT_TRUE(spool.empty());
    EXPECT_EQ(store_->shares().share_count(), 600);
    EXPECT_EQ(store_->shares().high_water_mark(1), 600u);
}

TEST_F(PostgresOutageTest, SharesLiveInDailyPartitionsCreatedAhead) {
    std::vector<bus::ShareEvent> shares;
    for (int day = 0; day < 3; ++day) {
        auto part = make_shares(1 + static_cast<uint64_t>(day) * 10, 10, kT0 + day * kDay);
        shares.insert(shares.end(), part.begin(), part.end());
    }
    ASSERT_TRUE(store_->shares().append_shares(shares).ok());
    int64_t first_day = kT0 / kDay;
    for (int day = 0; day < 3; ++day) {
        std::string name = share_partition_name(first_day + day);
        EXPECT_EQ(count_where("SELECT COUNT(*) FROM " + name), 10) << name;
    }
    store_->shares().ensure_share_storage(kT0 + 10 * kDay);
    for (int ahead = 0; ahead <= config_.partition_days_ahead; ++ahead) {
        std::string name = share_partition_name(first_day + 10 + ahead);
        EXPECT_EQ(count_where("SELECT COUNT(*) FROM pg_class WHERE relname = '" + name + "'"), 1)
            << name;
    }
    EXPECT_EQ(count_where("SELECT COUNT(*) FROM ONLY shares"), 0);
}

TEST(RedisServerTest, AnswersPingAndSurvivesKillAndRestart) {
    test::RedisServer redis;
    EXPECT_TRUE(redis.ping());
    uint16_t port = redis.port();
    redis.kill();
    EXPECT_FALSE(redis.is_running());
    EXPECT_FALSE(redis.ping());
    redis.restart();
    EXPECT_TRUE(redis.ping());
    EXPECT_EQ(redis.port(), port);
    redis.stop();
    EXPECT_FALSE(redis.ping());
}

}  // namespace
}  // namespace viddhana::store
