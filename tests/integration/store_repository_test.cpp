// One test suite for the store, run against SQLite (a temporary file) and PostgreSQL (a real
// server started once for the suite, a fresh database per test).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <pqxx/pqxx>
#include <random>
#include <thread>

#include "store/store.h"
#include "support/postgres_server.h"
#include "support/temp_dir.h"

namespace viddhana::store {
namespace {

constexpr int64_t kT0 = 1'700'000'040'000;  // a minute boundary
constexpr int64_t kMin = 60'000;
const std::string kUuid1 = "0f8fad5b-d9cb-469f-a165-70867728950e";
const std::string kUuid2 = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const std::string kUuid3 = "16fd2706-8baf-433b-82eb-8c7fada847da";

struct SqliteBackend {
    static constexpr const char* kName = "sqlite";
    test::TempDir dir{"store"};
    StoreConfig config() {
        StoreConfig c;
        c.backend = StoreBackend::sqlite;
        c.sqlite_path = dir.file("pool/viddhana.db");
        return c;
    }
    void execute_raw(const StoreConfig& c, const std::string& sql) {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(c.sqlite_path.c_str(), &db), SQLITE_OK);
        char* err = nullptr;
        int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
        std::string msg = err ? err : "";
        sqlite3_free(err);
        sqlite3_close(db);
        ASSERT_EQ(rc, SQLITE_OK) << msg;
    }
};

struct PostgresBackend {
    static constexpr const char* kName = "postgres";
    static test::PostgresServer& server() {
        static test::PostgresServer instance;
        return instance;
    }
    StoreConfig config() {
        static std::atomic<int> counter{0};
        std::string url = server().create_database("store_test_" + std::to_string(++counter));
        auto parsed = parse_store_location(url);
        if (!parsed) throw std::runtime_error(parsed.error().message);
        return *parsed;
    }
    void execute_raw(const StoreConfig& c, const std::string& sql) {
        pqxx::connection conn(to_conninfo(c.postgres));
        pqxx::nontransaction n(conn);
        n.exec(sql);
    }
};

template <typename Backend>
class StoreRepositoryTest : public ::testing::Test {
  protected:
    void SetUp() override {
        config_ = backend_.config();
        store_ = open_store(config_);
    }
    Store& store() { return *store_; }

    bus::ShareEvent share(uint64_t seq, int64_t t, const std::string& login,
                          const std::string& worker, double diff,
                          bus::ShareResult result = bus::ShareResult::accepted, uint32_t node = 1) {
        bus::ShareEvent s;
        s.node_id = node;
        s.sequence = seq;
        s.time_ms = t;
        s.login = login;
        s.worker = worker;
        s.difficulty = diff;
        s.actual_difficulty = diff * 1.5;
        s.result = result;
        s.height = 1000 + static_cast<int64_t>(seq);
        s.network_difficulty = 12345.5;
        s.ip = "127.0.0.1";
        return s;
    }
    void append(const std::vector<bus::ShareEvent>& shares) {
        auto r = store().shares().append_shares(shares);
        ASSERT_TRUE(r.ok()) << r.error().message;
    }
    int64_t add_block(const std::string& hash, const std::string& finder, int64_t reward,
                      int64_t found_ms = kT0) {
        NewBlock b;
        b.height = 100;
        b.hash = hash;
        b.reward = reward;
        b.network_difficulty = 1000;
        b.effort = 0.5;
        b.finder_login = finder;
        b.finder_worker = "rig";
        b.found_ms = found_ms;
        auto stored = store().blocks().add_block(b);
        EXPECT_TRUE(stored.ok()) << stored.error().message;
        return stored.ok() ? stored->id : 0;
    }
    void credit(int64_t block_id, std::vector<RoundCredit> credits) {
        NewRound r;
        r.block_id = block_id;
        r.window_target = 10;
        r.window_counted = 10;
        r.created_ms = kT0;
        r.credits = std::move(credits);
        auto stored = store().blocks().record_round(r);
        ASSERT_TRUE(stored.ok()) << stored.error().message;
    }
    void register_miners(std::initializer_list<std::string> logins) {
        for (const auto& l : logins)
            ASSERT_TRUE(store().miners().register_miner(l, kT0).ok());
    }
    void pps(const std::string& login, int64_t amount) {
        NewBalanceChange c{login, amount, BalanceReason::pps_credit, {}, {}, "", kT0};
        auto r = store().balances().append_changes(std::span(&c, 1));
        ASSERT_TRUE(r.ok()) << r.error().message;
    }

    Backend backend_;
    StoreConfig config_;
    std::unique_ptr<Store> store_;
};

struct BackendNames {
    template <typename T>
    static std::string GetName(int) {
        return T::kName;
    }
};
using Backends = ::testing::Types<SqliteBackend, PostgresBackend>;
TYPED_TEST_SUITE(StoreRepositoryTest, Backends, BackendNames);

// ---- schema -----------------------------------------------------------------------------------

TYPED_TEST(StoreRepositoryTest, MigrationsAreIdempotent) {
    EXPECT_EQ(this->store().schema_version(), 3);
    ASSERT_TRUE(this->store().state().put("round_start", "42", kT0).ok());
    this->store_.reset();
    this->store_ = open_store(this->config_);
    EXPECT_EQ(this->store().schema_version(), 3);
    EXPECT_EQ(this->store().state().get("round_start"), "42");
    this->store_.reset();
    this->store_ = open_store(this->config_);
    EXPECT_EQ(this->store().schema_version(), 3);
}

TYPED_TEST(StoreRepositoryTest, RefusesADatabaseFromANewerBuild) {
    this->store_.reset();
    this->backend_.execute_raw(this->config_,
                               "INSERT INTO schema_migrations (version, name, applied_ms) VALUES "
                               "(4, 'from the future', 1)");
    try {
        open_store(this->config_);
        FAIL() << "open_store accepted a newer schema";
    } catch (const SchemaTooNew& e) {
        EXPECT_NE(std::string(e.what()).find("newer than this build knows"), std::string::npos);
    }
}

// ---- shares -----------------------------------------------------------------------------------

TYPED_TEST(StoreRepositoryTest, SharesAreAppendedAndReadBack) {
    auto a = this->share(1, kT0 + 10, "ltc1qalice", "rig1", 64);
    a.block_hash = "00000000deadbeef";
    auto b = this->share(2, kT0 + 20, "ltc1qbob", "", 128, bus::ShareResult::low_difficulty);
    auto c = this->share(3, kT0 + 30, "ltc1qalice", "rig2", 0.5);
    this->append({a, b, c});
    EXPECT_EQ(this->store().shares().share_count(), 3);
    auto read = this->store().shares().shares_between(kT0, kT0 + 1000, 100);
    ASSERT_TRUE(read.ok()) << read.error().message;
    ASSERT_EQ(read->size(), 3u);
    const auto& got = (*read)[0].share;
    EXPECT_EQ(got.login, "ltc1qalice");
    EXPECT_EQ(got.worker, "rig1");
    EXPECT_EQ(got.time_ms, kT0 + 10);
    EXPECT_EQ(got.difficulty, 64);
    EXPECT_EQ(got.actual_difficulty, 96);
    EXPECT_EQ(got.block_hash, "00000000deadbeef");
    EXPECT_EQ(got.height, 1001);
    EXPECT_EQ(got.network_difficulty, 12345.5);
    EXPECT_EQ(got.ip, "127.0.0.1");
    EXPECT_EQ(got.node_id, 1u);
    EXPECT_EQ(got.sequence, 1u);
    EXPECT_EQ((*read)[1].share.result, bus::ShareResult::low_difficulty);
    EXPECT_EQ((*read)[1].share.worker, "");
    EXPECT_EQ((*read)[2].share.difficulty, 0.5);
    EXPECT_LT((*read)[0].id, (*read)[2].id);
    auto newest = this->store().shares().newest_accepted_share();
    ASSERT_TRUE(newest);
    EXPECT_EQ(newest->time_ms, kT0 + 30);
    EXPECT_EQ(newest->id, (*read)[2].id);
    auto limited = this->store().shares().shares_between(kT0 + 15, kT0 + 1000, 1);
    ASSERT_TRUE(limited.ok());
    ASSERT_EQ(limited->size(), 1u);
    EXPECT_EQ((*limited)[0].share.sequence, 2u);
    EXPECT_TRUE(this->store().miners().find_miner("ltc1qbob"));
}

TYPED_TEST(StoreRepositoryTest, ReplayedBatchIsNotDoubled) {
    std::vector<bus::ShareEvent> batch;
    for (uint64_t i = 1; i <= 10; ++i)
        batch.push_back(this->share(i, kT0 + int64_t(i), "a", "w", 2));
    auto first = this->store().shares().append_shares(batch);
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first->written, 10u);
    auto again = this->store().shares().append_shares(batch);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->written, 0u);
    EXPECT_EQ(again->duplicates, 10u);
    EXPECT_EQ(this->store().shares().share_count(), 10);
    EXPECT_EQ(this->store().shares().high_water_mark(1), 10u);
    EXPECT_FALSE(this->store().shares().high_water_mark(2));

    std::vector<bus::ShareEvent> overlap;
    for (uint64_t i = 6; i <= 15; ++i)
        overlap.push_back(this->share(i, kT0 + int64_t(i), "a", "w", 2));
    overlap.push_back(this->share(1, kT0 + 20, "b", "w", 2, bus::ShareResult::accepted, 2));
    auto partial = this->store().shares().append_shares(overlap);
    ASSERT_TRUE(partial.ok());
    EXPECT_EQ(partial->written, 6u);
    EXPECT_EQ(partial->duplicates, 5u);
    EXPECT_EQ(this->store().shares().share_count(), 16);
    auto pool = this->store().hashrate().pool_hashrate(kT0 + kMin, kMin);
    EXPECT_EQ(pool.accepted, 16);
    EXPECT_DOUBLE_EQ(pool.accepted_difficulty, 32);
}

TYPED_TEST(StoreRepositoryTest, RollupsMatchTheShares) {
    std::mt19937_64 rng(7);
    std::vector<std::string> logins{"m1", "m2", "m3"};
    std::vector<std::string> workers{"", "a", "b"};
    std::vector<bus::ShareEvent> all;
    uint64_t seq = 0;
    for (int batch = 0; batch < 5; ++batch) {
        std::vector<bus::ShareEvent> shares;
        for (int i = 0; i < 400; ++i) {
            int64_t t = kT0 + static_cast<int64_t>(rng() % (30 * kMin));
            auto result = rng() % 10 == 0 ? bus::ShareResult::stale : bus::ShareResult::accepted;
            double diff = static_cast<double>(1 << (rng() % 8));
            shares.push_back(
                this->share(++seq, t, logins[rng() % 3], workers[rng() % 3], diff, result));
        }
        this->append(shares);
        all.insert(all.end(), shares.begin(), shares.end());
    }
    const int64_t now = kT0 + 30 * kMin;
    for (int64_t span : {10 * kMin, 60 * kMin}) {
        double pool_diff = 0;
        int64_t pool_ok = 0, pool_bad = 0;
        std::map<std::string, double> miner_diff;
        std::map<std::pair<std::string, std::string>, double> worker_diff;
        std::map<std::string, int64_t> miner_bad;
        for (const auto& s : all) {
            int64_t minute = s.time_ms - ((s.time_ms % kMin) + kMin) % kMin;
            if (minute < now - span || minute >= now) continue;
            if (s.result == bus::ShareResult::accepted) {
                pool_diff += s.difficulty;
                ++pool_ok;
                miner_diff[s.login] += s.difficulty;
                worker_diff[{s.login, s.worker}] += s.difficulty;
            } else {
                ++pool_bad;
                ++miner_bad[s.login];
            }
        }
        auto pool = this->store().hashrate().pool_hashrate(now, span);
        EXPECT_DOUBLE_EQ(pool.accepted_difficulty, pool_diff);
        EXPECT_EQ(pool.accepted, pool_ok);
        EXPECT_EQ(pool.rejected, pool_bad);
        EXPECT_EQ(pool.to_ms - pool.from_ms, span);
        for (const auto& login : logins) {
            auto m = this->store().hashrate().miner_hashrate(login, now, span);
            EXPECT_DOUBLE_EQ(m.accepted_difficulty, miner_diff[login]) << login;
            EXPECT_EQ(m.rejected, miner_bad[login]) << login;
            auto ws = this->store().hashrate().worker_hashrates(login, now, span);
            double sum = 0;
            for (const auto& w : ws) {
                EXPECT_DOUBLE_EQ(w.window.accepted_difficulty, (worker_diff[{login, w.worker}]));
                sum += w.window.accepted_difficulty;
            }
            EXPECT_DOUBLE_EQ(sum, miner_diff[login]);
            EXPECT_TRUE(std::is_sorted(ws.begin(), ws.end(),
                                       [](auto& x, auto& y) { return x.worker < y.worker; }));
        }
        auto board = this->store().hashrate().leaderboard(now, span, 10);
        ASSERT_TRUE(board.ok());
        ASSERT_EQ(board->size(), 3u);
        for (size_t i = 1; i < board->size(); ++i) {
            EXPECT_GE((*board)[i - 1].window.accepted_difficulty,
                      (*board)[i].window.accepted_difficulty);
        }
        EXPECT_DOUBLE_EQ((*board)[0].window.accepted_difficulty, miner_diff[(*board)[0].login]);
    }
    auto series = this->store().hashrate().series(std::nullopt, kT0, kT0 + 30 * kMin);
    double series_sum = 0;
    for (const auto& p : series)
        series_sum += p.accepted_difficulty;
    double total = 0;
    for (const auto& s : all) {
        if (s.result == bus::ShareResult::accepted) total += s.difficulty;
    }
    EXPECT_DOUBLE_EQ(series_sum, total);
    EXPECT_TRUE(std::is_sorted(series.begin(), series.end(),
                               [](auto& x, auto& y) { return x.minute_ms < y.minute_ms; }));
    auto miner_series = this->store().hashrate().series(std::string("m1"), kT0, kT0 + 30 * kMin);
    EXPECT_FALSE(miner_series.empty());
    EXPECT_LE(miner_series.size(), 30u);
}

TYPED_TEST(StoreRepositoryTest, PplnsWindowCountsThePartialBoundaryShare) {
    // Oldest to newest: b5, c4, a2, b3, a4, plus a rejected share and a later share that the
    // walk starts after. Walking back 10 from a4: a4 + b3 + a2 = 9, then 1 of c4's 4.
    this->append({
        this->share(1, kT0 + 1000, "b", "w", 5),
        this->share(2, kT0 + 2000, "c", "w", 4),
        this->share(3, kT0 + 3000, "a", "w", 2),
        this->share(4, kT0 + 3000, "x", "w", 50, bus::ShareResult::stale),
        this->share(5, kT0 + 4000, "b", "w", 3),
        this->share(6, kT0 + 5000, "a", "w", 4),
    });
    auto w = this->store().shares().pplns_window(10);
    ASSERT_TRUE(w.ok()) << w.error().message;
    EXPECT_TRUE(w->complete);
    EXPECT_DOUBLE_EQ(w->counted, 10);
    ASSERT_EQ(w->miners.size(), 3u);
    EXPECT_EQ(w->miners[0], (MinerDifficulty{"a", 6}));
    EXPECT_EQ(w->miners[1], (MinerDifficulty{"b", 3}));
    EXPECT_EQ(w->miners[2], (MinerDifficulty{"c", 1}));
    EXPECT_DOUBLE_EQ(w->boundary_fraction, 0.25);
    ASSERT_TRUE(w->boundary && w->newest);
    EXPECT_EQ(w->boundary->time_ms, kT0 + 2000);
    EXPECT_EQ(w->newest->time_ms, kT0 + 5000);

    // From an earlier point: b3 is the newest; 3 + 2 + 4 = 9, then 1 of b5's 5.
    auto shares = this->store().shares().shares_between(kT0 + 4000, kT0 + 4001, 10);
    ASSERT_TRUE(shares.ok());
    ASSERT_EQ(shares->size(), 1u);
    auto from = ShareCursor{kT0 + 4000, (*shares)[0].id};
    auto earlier = this->store().shares().pplns_window(10, from);
    ASSERT_TRUE(earlier.ok());
    ASSERT_EQ(earlier->miners.size(), 3u);
    EXPECT_EQ(earlier->miners[0], (MinerDifficulty{"a", 2}));
    EXPECT_EQ(earlier->miners[1], (MinerDifficulty{"b", 4}));
    EXPECT_EQ(earlier->miners[2], (MinerDifficulty{"c", 4}));
    EXPECT_DOUBLE_EQ(earlier->boundary_fraction, 0.2);

    auto too_long = this->store().shares().pplns_window(1000);
    ASSERT_TRUE(too_long.ok());
    EXPECT_FALSE(too_long->complete);
    EXPECT_DOUBLE_EQ(too_long->counted, 18);
    EXPECT_FALSE(this->store().shares().pplns_window(0).ok());
    EXPECT_FALSE(this->store().shares().pplns_window(NAN).ok());
}

TYPED_TEST(StoreRepositoryTest, PplnsWindowWalksManySharesWithTies) {
    // Many shares, several per millisecond, so the walk crosses chunks and breaks time ties by id.
    std::vector<bus::ShareEvent> shares;
    for (uint64_t i = 1; i <= 6000; ++i) {
        shares.push_back(this->share(i, kT0 + static_cast<int64_t>(i / 3),
                                     "m" + std::to_string(i % 7), "w",
                                     static_cast<double>(1 + i % 5)));
    }
    this->append(shares);
    const double target = 9000.5;
    std::map<std::string, double> expected;
    double left = target;
    for (auto it = shares.rbegin(); it != shares.rend() && left > 0; ++it) {
        double part = std::min(left, it->difficulty);
        expected[it->login] += part;
        left -= part;
    }
    auto w = this->store().shares().pplns_window(target);
    ASSERT_TRUE(w.ok());
    EXPECT_TRUE(w->complete);
    ASSERT_EQ(w->miners.size(), expected.size());
    for (const auto& m : w->miners)
        EXPECT_NEAR(m.difficulty, expected[m.login], 1e-6) << m.login;
}

TYPED_TEST(StoreRepositoryTest, WorkersKeepFirstAndLastShareTimes) {
    this->append({this->share(1, kT0 + 500, "a", "rig1", 1),
                  this->share(2, kT0 + 100, "a", "rig1", 1),
                  this->share(3, kT0 + 900, "a", "rig1", 1, bus::ShareResult::stale),
                  this->share(4, kT0 + 50, "a", "rig0", 1, bus::ShareResult::invalid)});
    this->append({this->share(5, kT0 + 300, "a", "rig1", 1)});
    auto ws = this->store().miners().workers("a");
    ASSERT_EQ(ws.size(), 2u);
    EXPECT_EQ(ws[0].name, "rig0");
    EXPECT_FALSE(ws[0].last_share_ms);
    EXPECT_EQ(ws[1].name, "rig1");
    EXPECT_EQ(ws[1].first_seen_ms, kT0 + 100);
    EXPECT_EQ(ws[1].last_seen_ms, kT0 + 900);
    EXPECT_EQ(ws[1].last_share_ms, kT0 + 500);
    EXPECT_TRUE(this->store().miners().workers("nobody").empty());
}

// ---- blocks and balances ----------------------------------------------------------------------

TYPED_TEST(StoreRepositoryTest, BalanceIsTheSumOfItsRowsSplitByMaturity) {
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

TYPED_TEST(StoreRepositoryTest, PaymentsMoveThroughTheirStates) {
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

TYPED_TEST(StoreRepositoryTest, BatchIsMarkedSentAtOnce) {
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

TYPED_TEST(StoreRepositoryTest, MinersAboveTheirPayoutThreshold) {
    this->register_miners({"low", "mid", "high", "custom", "zero"});
    this->pps("low", 50);
    this->pps("mid", 100);
    this->pps("high", 500);
    this->pps("custom", 30);
    ASSERT_TRUE(this->store().miners().set_payout_threshold("custom", 20).ok());
    ASSERT_TRUE(this->store().miners().set_payout_threshold("high", 1000).ok());
    ASSERT_TRUE(this->store().miners().set_payout_address("mid", std::string("ltc1qcold")).ok());
    auto payable = this->store().balances().payable_miners(100);
    ASSERT_TRUE(payable.ok());
    ASSERT_EQ(payable->size(), 2u);
    EXPECT_EQ((*payable)[0].login, "mid");
    EXPECT_EQ((*payable)[0].address, "ltc1qcold");
    EXPECT_EQ((*payable)[0].threshold, 100);
    EXPECT_EQ((*payable)[1].login, "custom");
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

TYPED_TEST(StoreRepositoryTest, PagingIsNewestFirstAndFiltersByStatus) {
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

TYPED_TEST(StoreRepositoryTest, PaymentsArePagedNewestFirst) {
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

TYPED_TEST(StoreRepositoryTest, BadInputIsRejectedWithoutChange) {
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
    EXPECT_FALSE(s.miners().set_payout_address("a", std::string("has space")).ok());
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
    EXPECT_FALSE(
        s.blocks().add_block({1, "hb", 100, 1, 1, "a", "", kT0, PayoutScheme::pplns}).ok());
    EXPECT_FALSE(s.blocks().add_block({1, "hc", -1, 1, 1, "a", "", kT0, PayoutScheme::pplns}).ok());
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

// ---- pool state, retention, concurrency -------------------------------------------------------

TYPED_TEST(StoreRepositoryTest, PoolStateComparesAndSets) {
    auto& state = this->store().state();
    EXPECT_FALSE(state.get("stream"));
    EXPECT_TRUE(*state.compare_and_put("stream", std::nullopt, "1-0", kT0));
    EXPECT_FALSE(*state.compare_and_put("stream", std::nullopt, "2-0", kT0));
    EXPECT_FALSE(*state.compare_and_put("stream", std::string("9-9"), "2-0", kT0));
    EXPECT_TRUE(*state.compare_and_put("stream", std::string("1-0"), "2-0", kT0));
    EXPECT_EQ(state.get("stream"), "2-0");
    ASSERT_TRUE(state.put("stream", "3-0", kT0).ok());
    EXPECT_EQ(state.get("stream"), "3-0");
}

TYPED_TEST(StoreRepositoryTest, RetentionDropsOldSharesAndRollups) {
    const int64_t day = 86'400'000;
    const int64_t now = (kT0 / day) * day + 12 * 3'600'000;  // midday
    std::vector<bus::ShareEvent> shares;
    uint64_t seq = 0;
    for (int64_t age_days : {45, 40, 31, 29, 1, 0}) {
        for (int i = 0; i < 3; ++i) {
            shares.push_back(this->share(++seq, now - age_days * day - i * kMin, "a", "w", 1));
        }
    }
    this->append(shares);
    EXPECT_EQ(this->store().shares().share_count(), 18);
    auto result = this->store().shares().apply_retention(now);
    // Shares 31+ days old are gone (whole days before the cutoff); 29 days and newer remain.
    EXPECT_EQ(result.shares_removed, 9);
    EXPECT_EQ(this->store().shares().share_count(), 9);
    auto old = this->store().shares().shares_between(0, now - 30 * day, 100);
    ASSERT_TRUE(old.ok());
    EXPECT_TRUE(old->empty());
    // Roll-ups are kept longer (90 days).
    EXPECT_EQ(result.rollup_rows_removed, 0);
    EXPECT_EQ(this->store().hashrate().pool_hashrate(now + kMin, 100 * day).accepted, 18);
    // 60 days on, the remaining shares go, and so do the roll-ups of the 9 shares that are now
    // over 90 days old (one worker, miner and pool row for each share's minute).
    auto later = this->store().shares().apply_retention(now + 60 * day);
    EXPECT_EQ(later.shares_removed, 9);
    EXPECT_EQ(later.rollup_rows_removed, 27);
    EXPECT_EQ(this->store().hashrate().pool_hashrate(now + kMin, 100 * day).accepted, 9);
    auto much_later = this->store().shares().apply_retention(now + 200 * day);
    EXPECT_EQ(much_later.rollup_rows_removed, 27);
    EXPECT_EQ(this->store().hashrate().pool_hashrate(now + kMin, 100 * day).accepted, 0);
    // Appending after retention still works (PostgreSQL re-creates a dropped day).
    this->append({this->share(++seq, now - 45 * day, "a", "w", 1)});
    EXPECT_EQ(this->store().shares().share_count(), 1);
}

TYPED_TEST(StoreRepositoryTest, ReadersRunWhileTheWriterAppends) {
    std::atomic<bool> done{false};
    std::atomic<int64_t> reads{0};
    std::thread reader([&] {
        while (!done.load()) {
            int64_t n = this->store().shares().share_count();
            auto w = this->store().shares().pplns_window(50);
            EXPECT_TRUE(w.ok());
            EXPECT_GE(n, 0);
            ++reads;
        }
    });
    uint64_t seq = 0;
    for (int batch = 0; batch < 20; ++batch) {
        std::vector<bus::ShareEvent> shares;
        for (int i = 0; i < 200; ++i) {
            ++seq;
            shares.push_back(this->share(seq, kT0 + static_cast<int64_t>(seq), "a", "w", 1));
        }
        this->append(shares);
    }
    done = true;
    reader.join();
    EXPECT_EQ(this->store().shares().share_count(), 4000);
    EXPECT_GT(reads.load(), 0);
}

}  // namespace
}  // namespace viddhana::store
