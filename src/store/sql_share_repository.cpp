// append_shares, the share reads and the PPLNS walk, in SQL common to both backends.
#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "store/pplns_accumulator.h"
#include "store/share_batch.h"
#include "store/sql_repositories.h"
#include "store/store_error.h"

namespace viddhana::store {
namespace {

constexpr std::string_view kShareColumns =
    "id, time_ms, login, worker, difficulty, actual_difficulty, result, height, "
    "network_difficulty, block_hash, ip, node_id, sequence";

StoredShare share_from_row(const SqlRow& r) {
    StoredShare s;
    s.id = r.i64(0);
    s.share.time_ms = r.i64(1);
    s.share.login = r.text(2);
    s.share.worker = r.text(3);
    s.share.difficulty = r.f64(4);
    s.share.actual_difficulty = r.f64(5);
    s.share.result = static_cast<bus::ShareResult>(r.i64(6));
    s.share.height = r.i64(7);
    s.share.network_difficulty = r.f64(8);
    s.share.block_hash = r.text(9);
    s.share.ip = r.text(10);
    s.share.node_id = static_cast<uint32_t>(r.i64(11));
    s.share.sequence = static_cast<uint64_t>(r.i64(12));
    return s;
}

void write_rollups(SqlSession& s, std::string_view table, std::string_view key_columns,
                   size_t key_count, const std::vector<MinuteRollup>& rows) {
    std::string head = "INSERT INTO " + std::string(table) + " (" + std::string(key_columns) +
                       ", accepted_difficulty, accepted, rejected)";
    std::string t(table);
    std::string tail =
        "ON CONFLICT (" + std::string(key_columns) + ") DO UPDATE SET accepted_difficulty = " + t +
        ".accepted_difficulty + excluded.accepted_difficulty, accepted = " + t +
        ".accepted + excluded.accepted, rejected = " + t + ".rejected + excluded.rejected";
    execute_rows(s, head, tail, key_count + 3, rows.size(),
                 [&](size_t i, std::vector<SqlValue>& out) {
                     const MinuteRollup& r = rows[i];
                     if (key_count == 3) {
                         out.emplace_back(r.login);
                         out.emplace_back(r.worker);
                     } else if (key_count == 2) {
                         out.emplace_back(r.login);
                     }
                     out.emplace_back(r.minute_ms);
                     out.emplace_back(r.accepted_difficulty);
                     out.emplace_back(r.accepted);
                     out.emplace_back(r.rejected);
                 });
}

void write_plan(SqlSession& s, const ShareBatchPlan& plan) {
    execute_rows(s, "INSERT INTO miners (login, created_ms)", "ON CONFLICT (login) DO NOTHING", 2,
                 plan.miners.size(), [&](size_t i, std::vector<SqlValue>& out) {
                     out.emplace_back(plan.miners[i].login);
                     out.emplace_back(plan.miners[i].first_ms);
                 });
    execute_rows(s, "INSERT INTO workers (login, name, first_seen_ms, last_seen_ms, last_share_ms)",
                 "ON CONFLICT (login, name) DO UPDATE SET "
                 "first_seen_ms = CASE WHEN excluded.first_seen_ms < workers.first_seen_ms "
                 "THEN excluded.first_seen_ms ELSE workers.first_seen_ms END, "
                 "last_seen_ms = CASE WHEN excluded.last_seen_ms > workers.last_seen_ms "
                 "THEN excluded.last_seen_ms ELSE workers.last_seen_ms END, "
                 "last_share_ms = CASE WHEN workers.last_share_ms IS NULL "
                 "OR excluded.last_share_ms > workers.last_share_ms "
                 "THEN COALESCE(excluded.last_share_ms, workers.last_share_ms) "
                 "ELSE workers.last_share_ms END",
                 5, plan.workers.size(), [&](size_t i, std::vector<SqlValue>& out) {
                     const WorkerSeen& w = plan.workers[i];
                     out.emplace_back(w.login);
                     out.emplace_back(w.worker);
                     out.emplace_back(w.first_ms);
                     out.emplace_back(w.last_ms);
                     out.emplace_back(w.last_accepted_ms);
                 });
    write_rollups(s, "hashrate_worker_minute", "login, worker, minute_ms", 3, plan.worker_minutes);
    write_rollups(s, "hashrate_miner_minute", "login, minute_ms", 2, plan.miner_minutes);
    write_rollups(s, "hashrate_pool_minute", "minute_ms", 1, plan.pool_minutes);
    // Last, so a transaction that dies earlier leaves the marks (and everything else) as they were.
    std::vector<std::pair<uint32_t, uint64_t>> marks(plan.new_high_water.begin(),
                                                     plan.new_high_water.end());
    execute_rows(s, "INSERT INTO share_sources (node_id, last_sequence, updated_ms)",
                 "ON CONFLICT (node_id) DO UPDATE SET last_sequence = excluded.last_sequence, "
                 "updated_ms = excluded.updated_ms",
                 3, marks.size(), [&](size_t i, std::vector<SqlValue>& out) {
                     out.emplace_back(static_cast<long long>(marks[i].first));
                     out.emplace_back(static_cast<long long>(marks[i].second));
                     out.emplace_back(plan.max_time_ms);
                 });
}

}  // namespace

Expected<AppendResult> SqlShareRepository::append_shares(std::span<const bus::ShareEvent> shares) {
    if (shares.empty()) return AppendResult{};
    for (const auto& share : shares) {
        if (auto error = validate_share(share)) return *error;
    }
    auto s = db_.write();
    SqlBackend& backend = db_.backend();
    try {
        SqlTransaction tx(*s);
        backend.lock_share_writer(*s);
        std::map<uint32_t, uint64_t> marks;
        for (const auto& row : s->query("SELECT node_id, last_sequence FROM share_sources")) {
            marks[static_cast<uint32_t>(row.i64(0))] = static_cast<uint64_t>(row.i64(1));
        }
        auto plan = plan_share_batch(shares, marks);
        if (!plan) return plan.error();
        AppendResult result{plan->to_write.size(), plan->duplicates};
        if (plan->to_write.empty()) return result;
        backend.ensure_share_storage(*s, plan->min_time_ms, plan->max_time_ms);
        backend.insert_shares(*s, shares, plan->to_write);
        write_plan(*s, *plan);
        tx.commit();
        return result;
    } catch (...) {
        backend.forget_cached_state();
        throw;
    }
}

Expected<AppendResult> SqlShareRepository::restore_shares(std::span<const bus::ShareEvent> shares) {
    if (shares.empty()) return AppendResult{};
    for (const auto& share : shares) {
        if (auto error = validate_share(share)) return *error;
    }
    auto s = db_.write();
    SqlBackend& backend = db_.backend();
    try {
        SqlTransaction tx(*s);
        backend.lock_share_writer(*s);
        std::vector<bus::ShareEvent> missing;
        for (const auto& share : shares) {
            bool stored = s->query_one(
                               "SELECT 1 FROM shares WHERE time_ms = $1 AND node_id = $2 AND "
                               "sequence = $3",
                               {share.time_ms, static_cast<long long>(share.node_id),
                                static_cast<long long>(share.sequence)})
                              .has_value();
            if (!stored) missing.push_back(share);
        }
        AppendResult result{missing.size(), shares.size() - missing.size()};
        if (missing.empty()) return result;
        // Planned as if no node had a mark (in sequence order, so the plan keeps each one), and
        // the marks left alone.
        std::sort(missing.begin(), missing.end(), [](const auto& a, const auto& b) {
            return std::tie(a.node_id, a.sequence) < std::tie(b.node_id, b.sequence);
        });
        auto plan = plan_share_batch(missing, {});
        if (!plan) return plan.error();
        plan->new_high_water.clear();
        backend.ensure_share_storage(*s, plan->min_time_ms, plan->max_time_ms);
        backend.insert_shares(*s, missing, plan->to_write);
        write_plan(*s, *plan);
        tx.commit();
        return result;
    } catch (...) {
        backend.forget_cached_state();
        throw;
    }
}

std::optional<uint64_t> SqlShareRepository::high_water_mark(uint32_t node_id) {
    auto s = db_.read();
    auto row = s->query_one("SELECT last_sequence FROM share_sources WHERE node_id = $1",
                            {static_cast<long long>(node_id)});
    if (!row) return std::nullopt;
    return static_cast<uint64_t>(row->i64(0));
}

Expected<std::vector<StoredShare>> SqlShareRepository::shares_between(int64_t from_ms,
                                                                      int64_t to_ms,
                                                                      int64_t limit) {
    if (limit < 1 || limit > 100'000) {
        return make_error("share limit must be 1..100000, got " + std::to_string(limit));
    }
    if (to_ms < from_ms) return make_error("share range ends before it starts");
    auto s = db_.read();
    std::vector<StoredShare> out;
    for (const auto& row :
         s->query("SELECT " + std::string(kShareColumns) +
                      " FROM shares WHERE time_ms >= $1 AND time_ms < $2 ORDER BY time_ms, id "
                      "LIMIT $3",
                  {from_ms, to_ms, limit})) {
        out.push_back(share_from_row(row));
    }
    return out;
}

int64_t SqlShareRepository::share_count() {
    auto s = db_.read();
    return s->query_one("SELECT COUNT(*) FROM shares")->i64(0);
}

std::optional<ShareCursor> SqlShareRepository::newest_accepted_share() {
    auto s = db_.read();
    auto row = s->query_one(
        "SELECT time_ms, id FROM shares WHERE result = 0 ORDER BY time_ms DESC, id DESC LIMIT 1");
    if (!row) return std::nullopt;
    return ShareCursor{row->i64(0), row->i64(1)};
}

Expected<PplnsWindow> SqlShareRepository::pplns_window(double target,
                                                       std::optional<ShareCursor> from) {
    if (!std::isfinite(target) || target <= 0) {
        return make_error("PPLNS window target must be a finite number > 0");
    }
    if (!from) from = newest_accepted_share();
    PplnsAccumulator acc(target);
    if (!from) return acc.result();
    auto s = db_.read();
    // Chunks grow so that short windows read little and long ones few round trips.
    int64_t chunk = 1000;
    ShareCursor cursor = *from;
    bool inclusive = true;
    while (true) {
        auto rows = s->query(
            inclusive ? "SELECT id, time_ms, login, difficulty FROM shares WHERE result = 0 "
                        "AND time_ms <= $1 AND (time_ms < $1 OR id <= $2) "
                        "ORDER BY time_ms DESC, id DESC LIMIT $3"
                      : "SELECT id, time_ms, login, difficulty FROM shares WHERE result = 0 "
                        "AND time_ms <= $1 AND (time_ms < $1 OR id < $2) "
                        "ORDER BY time_ms DESC, id DESC LIMIT $3",
            {cursor.time_ms, cursor.id, chunk});
        inclusive = false;
        for (const auto& row : rows) {
            cursor = ShareCursor{row.i64(1), row.i64(0)};
            if (!acc.add(cursor, row.text(2), row.f64(3))) return acc.result();
        }
        if (static_cast<int64_t>(rows.size()) < chunk) return acc.result();
        chunk = std::min<int64_t>(chunk * 4, 64'000);
    }
}

std::optional<ShareCursor> SqlShareRepository::block_share(const std::string& block_hash) {
    if (block_hash.empty()) return std::nullopt;
    auto s = db_.read();
    auto row = s->query_one(
        "SELECT time_ms, id FROM shares WHERE block_hash = $1 ORDER BY time_ms, id LIMIT 1",
        {block_hash});
    if (!row) return std::nullopt;
    return ShareCursor{row->i64(0), row->i64(1)};
}

Expected<std::vector<MinerDifficulty>> SqlShareRepository::miner_difficulty_between(
    std::optional<ShareCursor> after, ShareCursor upto) {
    auto s = db_.read();
    SqlRows rows = after ? s->query(
                               "SELECT login, SUM(difficulty) FROM shares WHERE result = 0 "
                               "AND (time_ms > $1 OR (time_ms = $1 AND id > $2)) "
                               "AND (time_ms < $3 OR (time_ms = $3 AND id <= $4)) "
                               "GROUP BY login ORDER BY login",
                               {after->time_ms, after->id, upto.time_ms, upto.id})
                         : s->query(
                               "SELECT login, SUM(difficulty) FROM shares WHERE result = 0 "
                               "AND (time_ms < $1 OR (time_ms = $1 AND id <= $2)) "
                               "GROUP BY login ORDER BY login",
                               {upto.time_ms, upto.id});
    std::vector<MinerDifficulty> out;
    for (const auto& row : rows)
        out.push_back({row.text(0), row.f64(1)});
    return out;
}

Expected<std::vector<StoredShare>> SqlShareRepository::accepted_shares_after(
    std::optional<int64_t> after_id, int64_t limit) {
    if (limit < 1 || limit > 100'000) {
        return make_error("share limit must be 1..100000, got " + std::to_string(limit));
    }
    auto s = db_.read();
    std::vector<StoredShare> out;
    for (const auto& row : s->query("SELECT " + std::string(kShareColumns) +
                                        " FROM shares WHERE result = 0 AND id > $1 ORDER BY id "
                                        "LIMIT $2",
                                    {after_id.value_or(0), limit})) {
        out.push_back(share_from_row(row));
    }
    return out;
}

void SqlShareRepository::ensure_share_storage(int64_t now_ms) {
    auto s = db_.write();
    SqlBackend& backend = db_.backend();
    try {
        SqlTransaction tx(*s);
        backend.ensure_share_storage(*s, now_ms,
                                     now_ms + db_.config().partition_days_ahead * kDayMs);
        tx.commit();
    } catch (...) {
        backend.forget_cached_state();
        throw;
    }
}

RetentionResult SqlShareRepository::apply_retention(int64_t now_ms) {
    RetentionResult result;
    const StoreConfig& config = db_.config();
    auto s = db_.write();
    SqlTransaction tx(*s);
    if (config.share_retention_days > 0) {
        int64_t cutoff = now_ms - config.share_retention_days * kDayMs;
        result.shares_removed = db_.backend().drop_shares_before(*s, cutoff);
    }
    if (config.rollup_retention_days > 0) {
        int64_t cutoff = now_ms - config.rollup_retention_days * kDayMs;
        for (const char* table :
             {"hashrate_worker_minute", "hashrate_miner_minute", "hashrate_pool_minute"}) {
            result.rollup_rows_removed +=
                s->execute("DELETE FROM " + std::string(table) + " WHERE minute_ms < $1", {cutoff});
        }
    }
    tx.commit();
    return result;
}

// ---- hashrate ------------------------------------------------------------------------------

namespace {

HashrateWindow window_from(const std::optional<SqlRow>& row, int64_t from_ms, int64_t to_ms) {
    HashrateWindow w{from_ms, to_ms, 0, 0, 0};
    if (row) {
        w.accepted_difficulty = row->f64(0);
        w.accepted = row->i64(1);
        w.rejected = row->i64(2);
    }
    return w;
}

constexpr std::string_view kSums =
    "COALESCE(SUM(accepted_difficulty), 0), COALESCE(SUM(accepted), 0), "
    "COALESCE(SUM(rejected), 0)";

}  // namespace

HashrateWindow SqlHashrateRepository::pool_hashrate(int64_t now_ms, int64_t span_ms) {
    auto s = db_.read();
    int64_t from = now_ms - span_ms;
    return window_from(s->query_one("SELECT " + std::string(kSums) +
                                        " FROM hashrate_pool_minute WHERE minute_ms >= $1 AND "
                                        "minute_ms < $2",
                                    {from, now_ms}),
                       from, now_ms);
}

HashrateWindow SqlHashrateRepository::miner_hashrate(const std::string& login, int64_t now_ms,
                                                     int64_t span_ms) {
    auto s = db_.read();
    int64_t from = now_ms - span_ms;
    return window_from(s->query_one("SELECT " + std::string(kSums) +
                                        " FROM hashrate_miner_minute WHERE login = $1 AND "
                                        "minute_ms >= $2 AND minute_ms < $3",
                                    {login, from, now_ms}),
                       from, now_ms);
}

std::vector<WorkerHashrate> SqlHashrateRepository::worker_hashrates(const std::string& login,
                                                                    int64_t now_ms,
                                                                    int64_t span_ms) {
    auto s = db_.read();
    int64_t from = now_ms - span_ms;
    std::vector<WorkerHashrate> out;
    // One range of the (login, worker, minute_ms) key per worker: filtering the miner's whole
    // history on minute_ms instead grows with the roll-ups kept (about 8 ms a call after a month
    // on PostgreSQL's generic plans).
    for (const auto& row :
         s->query("SELECT w.name, COALESCE(SUM(h.accepted_difficulty), 0), "
                  "COALESCE(SUM(h.accepted), 0), COALESCE(SUM(h.rejected), 0) FROM workers w "
                  "JOIN hashrate_worker_minute h ON h.login = w.login AND h.worker = w.name "
                  "WHERE w.login = $1 AND h.minute_ms >= $2 AND h.minute_ms < $3 "
                  "GROUP BY w.name ORDER BY w.name",
                  {login, from, now_ms})) {
        out.push_back({row.text(0), {from, now_ms, row.f64(1), row.i64(2), row.i64(3)}});
    }
    return out;
}

std::vector<HashratePoint> SqlHashrateRepository::series(const std::optional<std::string>& login,
                                                         int64_t from_ms, int64_t to_ms) {
    auto s = db_.read();
    SqlRows rows = login ? s->query(
                               "SELECT minute_ms, accepted_difficulty, accepted, rejected FROM "
                               "hashrate_miner_minute WHERE login = $1 AND minute_ms >= $2 AND "
                               "minute_ms < $3 ORDER BY minute_ms",
                               {*login, from_ms, to_ms})
                         : s->query(
                               "SELECT minute_ms, accepted_difficulty, accepted, rejected FROM "
                               "hashrate_pool_minute WHERE minute_ms >= $1 AND minute_ms < $2 "
                               "ORDER BY minute_ms",
                               {from_ms, to_ms});
    std::vector<HashratePoint> out;
    out.reserve(rows.size());
    for (const auto& row : rows)
        out.push_back({row.i64(0), row.f64(1), row.i64(2), row.i64(3)});
    return out;
}

Expected<std::vector<MinerHashrate>> SqlHashrateRepository::leaderboard(int64_t now_ms,
                                                                        int64_t span_ms,
                                                                        int64_t limit) {
    if (limit < 1 || limit > 1000) {
        return make_error("leaderboard limit must be 1..1000, got " + std::to_string(limit));
    }
    if (span_ms <= 0) return make_error("leaderboard window must be positive");
    auto s = db_.read();
    int64_t from = now_ms - span_ms;
    std::vector<MinerHashrate> out;
    for (const auto& row :
         s->query("SELECT login, SUM(accepted_difficulty) AS difficulty, SUM(accepted), "
                  "SUM(rejected) FROM hashrate_miner_minute WHERE minute_ms >= $1 AND "
                  "minute_ms < $2 GROUP BY login ORDER BY difficulty DESC, login LIMIT $3",
                  {from, now_ms, limit})) {
        out.push_back({row.text(0), {from, now_ms, row.f64(1), row.i64(2), row.i64(3)}});
    }
    return out;
}

ActiveCounts SqlHashrateRepository::active_counts(int64_t now_ms, int64_t span_ms) {
    auto s = db_.read();
    int64_t from = now_ms - span_ms;
    auto miners = s->query_one(
        "SELECT COUNT(DISTINCT login) FROM hashrate_miner_minute WHERE minute_ms >= $1 AND "
        "minute_ms < $2",
        {from, now_ms});
    auto workers = s->query_one(
        "SELECT COUNT(*) FROM (SELECT DISTINCT login, worker FROM hashrate_worker_minute WHERE "
        "minute_ms >= $1 AND minute_ms < $2) AS active",
        {from, now_ms});
    return ActiveCounts{miners ? miners->i64(0) : 0, workers ? workers->i64(0) : 0};
}

}  // namespace viddhana::store
