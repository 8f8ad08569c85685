// One store suite run against SQLite and PostgreSQL: schema migrations, the share log
// (idempotent appends, roll-ups, the PPLNS window), retention, pool state and concurrent use.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <random>
#include <thread>

#include "store_test_fixture.h"

namespace viddhana::store {
namespace {

using namespace viddhana::store::store_test;

template <typename Backend>
class StoreRepositoryTest : public StoreFixture<Backend> {};
TYPED_TEST_SUITE(StoreRepositoryTest, Backends, BackendNames);

// ---- schema -----------------------------------------------------------------------------------

TYPED_TEST(StoreRepositoryTest, MigrationsAreIdempotent) {
    EXPECT_EQ(this->store().schema_version(), kSchemaVersion);
    ASSERT_TRUE(this->store().state().put("round_start", "42", kT0).ok());
    this->store_.reset();
    this->store_ = open_store(this->config_);
    EXPECT_EQ(this->store().schema_version(), kSchemaVersion);
    EXPECT_EQ(this->store().state().get("round_start"), "42");
    this->store_.reset();
    this->store_ = open_store(this->config_);
    EXPECT_EQ(this->store().schema_version(), kSchemaVersion);
}

TYPED_TEST(StoreRepositoryTest, RefusesADatabaseFromANewerBuild) {
    this->store_.reset();
    this->backend_.execute_raw(this->config_,
                               "INSERT INTO schema_migrations (version, name, applied_ms) VALUES (" +
                                   std::to_string(kSchemaVersion + 1) + ", 'from the future', 1)");
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
