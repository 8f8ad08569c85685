// The fixture shared by the store suites: each test gets a fresh store on SQLite (a temporary
// file) or on PostgreSQL (a server started once per executable, a new database per test).
#pragma once
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

namespace viddhana::store::store_test {

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
class StoreFixture : public ::testing::Test {
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
        bus::FoundBlock b;
        b.height = 100;
        b.hash = hash;
        b.reward = reward;
        b.network_difficulty = 1000;
        b.finder_login = finder;
        b.finder_worker = "rig";
        b.found_ms = found_ms;
        b.accepted = true;
        auto stored = store().blocks().add_block(b, ledger::payout::SchemeKind::pplns);
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

}  // namespace viddhana::store::store_test
