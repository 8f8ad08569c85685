// Balance rows and the balance sums, in SQL common to both backends.
#include "store/sql_repositories.h"

namespace viddhana::store {
namespace {

constexpr std::string_view kChangeColumns =
    "id, login, amount, reason, block_id, payment_id, memo, created_ms";

BalanceChange change_from_row(const SqlRow& r) {
    BalanceChange c;
    c.id = r.i64(0);
    c.login = r.text(1);
    c.amount = r.i64(2);
    auto reason = parse_balance_reason(r.text(3));
    c.reason = reason ? *reason : BalanceReason::adjustment;
    c.block_id = r.opt_i64(4);
    c.payment_id = r.opt_text(5);
    c.memo = r.text(6);
    c.time_ms = r.i64(7);
    return c;
}

std::optional<Error> check_change(const NewBalanceChange& c) {
    if (auto error = check_login(c.login)) return *error;
    std::string what = std::string(to_string(c.reason)) + " row for '" + c.login + "'";
    if (c.amount == 0) return make_error(what + " has amount 0");
    switch (c.reason) {
        case BalanceReason::block_credit:
            if (!c.block_id) return make_error(what + " needs a block id");
            [[fallthrough]];
        case BalanceReason::pps_credit:
            if (c.amount < 0) return make_error(what + " must be positive");
            break;
        case BalanceReason::fee:
            if (c.amount > 0) return make_error(what + " must be negative");
            break;
        case BalanceReason::payment:
            return make_error(what + ": payment rows are written when a payment intent is created");
        case BalanceReason::orphan_reversal:
            if (!c.block_id) return make_error(what + " needs a block id");
            break;
        case BalanceReason::adjustment:
            break;
    }
    if (c.memo.size() > 512) return make_error(what + " has a memo over 512 characters");
    return std::nullopt;
}

}  // namespace

int64_t pending_balance(SqlSession& s, const std::string& login) {
    auto row = s.query_one(
        "SELECT COALESCE(SUM(c.amount), 0) FROM balance_changes c LEFT JOIN blocks b ON b.id = "
        "c.block_id WHERE c.login = $1 AND (b.status IS NULL OR b.status <> 'pending')",
        {login});
    return row->i64(0);
}

namespace {

// The rows, inside the caller's transaction.
Expected<std::vector<int64_t>> insert_changes(SqlSession& s,
                                              std::span<const NewBalanceChange> changes) {
    std::vector<int64_t> ids;
    for (const auto& c : changes) {
        if (!miner_exists(s, c.login)) return make_error("unknown miner '" + c.login + "'");
        if (c.block_id && !s.query_one("SELECT 1 FROM blocks WHERE id = $1", {*c.block_id})) {
            return make_error("unknown block id " + std::to_string(*c.block_id));
        }
        if (c.payment_id && !s.query_one("SELECT 1 FROM payments WHERE id = $1", {*c.payment_id})) {
            return make_error("unknown payment id '" + *c.payment_id + "'");
        }
        auto row = s.query_one(
            "INSERT INTO balance_changes (login, amount, reason, block_id, payment_id, memo, "
            "created_ms) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            {c.login, c.amount, to_string(c.reason), c.block_id, c.payment_id, c.memo, c.time_ms});
        ids.push_back(row->i64(0));
    }
    return ids;
}

}  // namespace

Expected<std::vector<int64_t>> SqlBalanceRepository::append_changes(
    std::span<const NewBalanceChange> changes) {
    for (const auto& c : changes) {
        if (auto error = check_change(c)) return *error;
    }
    auto s = db_.write();
    SqlTransaction tx(*s);
    auto ids = insert_changes(*s, changes);
    if (!ids) return ids;
    tx.commit();
    return ids;
}

Expected<std::vector<int64_t>> SqlBalanceRepository::append_changes_with_state(
    std::span<const NewBalanceChange> changes, const std::string& key, const std::string& value,
    int64_t now_ms) {
    for (const auto& c : changes) {
        if (auto error = check_change(c)) return *error;
    }
    if (key.empty() || key.size() > 128) return make_error("state key must be 1..128 characters");
    auto s = db_.write();
    SqlTransaction tx(*s);
    auto ids = insert_changes(*s, changes);
    if (!ids) return ids;
    s->execute(
        "INSERT INTO pool_state (key, value, updated_ms) VALUES ($1, $2, $3) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_ms = excluded.updated_ms",
        {key, value, now_ms});
    tx.commit();
    return ids;
}

Balance SqlBalanceRepository::balance(const std::string& login) {
    auto s = db_.read();
    auto row = s->query_one(
        "SELECT COALESCE(SUM(CASE WHEN b.status = 'pending' THEN c.amount ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN b.status = 'pending' THEN 0 ELSE c.amount END), 0) "
        "FROM balance_changes c LEFT JOIN blocks b ON b.id = c.block_id WHERE c.login = $1",
        {login});
    auto paid = s->query_one(
        "SELECT COALESCE(SUM(amount), 0) FROM payments WHERE login = $1 AND status IN ('sent', "
        "'confirmed')",
        {login});
    return Balance{row->i64(0), row->i64(1), paid->i64(0)};
}

Expected<std::vector<BalanceChange>> SqlBalanceRepository::changes(const std::string& login,
                                                                   Page page) {
    auto valid = validate(page);
    if (!valid) return valid.error();
    std::string sql =
        "SELECT " + std::string(kChangeColumns) + " FROM balance_changes WHERE login = $1";
    std::vector<SqlValue> params{login};
    append_page(sql, params, page, "created_ms", "id", true);
    auto s = db_.read();
    std::vector<BalanceChange> out;
    for (const auto& row : s->query(sql, SqlParams(params.data(), params.size()))) {
        out.push_back(change_from_row(row));
    }
    return out;
}

std::vector<DailyAmount> SqlBalanceRepository::daily_earnings(const std::string& login,
                                                              int64_t from_ms, int64_t to_ms) {
    auto s = db_.read();
    std::vector<DailyAmount> out;
    for (const auto& row : s->query(
             "SELECT (created_ms / 86400000) * 86400000 AS day, SUM(amount) FROM balance_changes "
             "WHERE login = $1 AND created_ms >= $2 AND created_ms < $3 AND reason IN "
             "('block_credit', "
             "'pps_credit', 'fee', 'orphan_reversal') GROUP BY day ORDER BY day",
             {login, from_ms, to_ms})) {
        out.push_back({row.i64(0), row.i64(1)});
    }
    return out;
}

Expected<std::vector<PayableMiner>> SqlBalanceRepository::payable_miners(
    int64_t default_threshold) {
    if (default_threshold < 0) {
        return make_error("default payout threshold must be >= 0, got " +
                          std::to_string(default_threshold));
    }
    auto s = db_.read();
    std::vector<PayableMiner> out;
    for (const auto& row :
         s->query("SELECT m.login, COALESCE(m.payout_address, m.login), t.pending, "
                  "COALESCE(m.payout_threshold, CAST($1 AS BIGINT)), m.payout_address_changed_ms "
                  "FROM miners m JOIN ("
                  "SELECT c.login AS login, SUM(c.amount) AS pending FROM balance_changes c "
                  "LEFT JOIN blocks b ON b.id = c.block_id "
                  "WHERE b.status IS NULL OR b.status <> 'pending' GROUP BY c.login) t "
                  "ON t.login = m.login "
                  "WHERE t.pending > 0 AND t.pending >= COALESCE(m.payout_threshold, CAST($1 AS "
                  "BIGINT)) "
                  "ORDER BY t.pending DESC, m.login",
                  {default_threshold})) {
        out.push_back({row.text(0), row.text(1), row.i64(2), row.i64(3), row.opt_i64(4)});
    }
    return out;
}

}  // namespace viddhana::store
