// Payments and their state machine, in SQL common to both backends. Each transition is one
// transaction that checks the current state first, so a wrong transition changes nothing.
#include <cctype>
#include <initializer_list>

#include "store/sql_repositories.h"

namespace viddhana::store {
namespace {

constexpr std::string_view kPaymentColumns =
    "id, login, address, amount, fee, batch_id, created_ms, status, txid, error, sent_ms, "
    "confirmed_ms, updated_ms";

Payment payment_from_row(const SqlRow& r) {
    Payment p;
    p.id = r.text(0);
    p.login = r.text(1);
    p.address = r.text(2);
    p.amount = r.i64(3);
    p.fee = r.i64(4);
    p.batch_id = r.opt_text(5);
    p.time_ms = r.i64(6);
    auto status = parse_payment_status(r.text(7));
    p.status = status ? *status : PaymentStatus::held;
    p.txid = r.opt_text(8);
    p.error = r.text(9);
    p.sent_ms = r.opt_i64(10);
    p.confirmed_ms = r.opt_i64(11);
    p.updated_ms = r.i64(12);
    return p;
}

std::optional<Payment> load_payment(SqlSession& s, const std::string& id) {
    auto row = s.query_one(
        "SELECT " + std::string(kPaymentColumns) + " FROM payments WHERE id = $1", {id});
    if (!row) return std::nullopt;
    return payment_from_row(*row);
}

bool plain_token(const std::string& s) {
    if (s.empty() || s.size() > 128) return false;
    for (unsigned char c : s) {
        if (std::isspace(c) || std::iscntrl(c)) return false;
    }
    return true;
}

// Loads the payment and checks it is in one of `from`; the error names both states.
Expected<Payment> load_in_state(SqlSession& s, const std::string& id,
                                std::initializer_list<PaymentStatus> from, PaymentStatus to) {
    auto p = load_payment(s, id);
    if (!p) return make_error("unknown payment '" + id + "'");
    for (PaymentStatus ok : from) {
        if (p->status == ok) return *p;
    }
    return make_error("payment '" + id + "' is " + std::string(to_string(p->status)) +
                      "; it cannot become " + std::string(to_string(to)));
}

}  // namespace

Expected<Payment> SqlPaymentRepository::create_intent(const NewPayment& p) {
    if (!is_uuid(p.id)) return make_error("payment id '" + p.id + "' is not a UUID");
    if (auto error = check_login(p.login)) return *error;
    if (!plain_token(p.address)) {
        return make_error("payment address must be 1..128 characters without whitespace");
    }
    if (p.amount <= 0)
        return make_error("payment amount must be > 0, got " + std::to_string(p.amount));
    if (p.fee < 0) return make_error("payment fee must be >= 0, got " + std::to_string(p.fee));
    if (p.amount > INT64_MAX - p.fee) return make_error("payment amount plus fee overflows");
    if (p.batch_id && !plain_token(*p.batch_id)) {
        return make_error("payment batch id must be 1..128 characters without whitespace");
    }
    auto s = db_.write();
    SqlTransaction tx(*s);
    if (load_payment(*s, p.id)) return make_error("payment '" + p.id + "' already exists");
    if (!miner_exists(*s, p.login)) return make_error("unknown miner '" + p.login + "'");
    int64_t debit = p.amount + p.fee;
    int64_t available = pending_balance(*s, p.login);
    if (available < debit) {
        return make_error("miner '" + p.login + "' has " + std::to_string(available) +
                          " pending, less than amount + fee " + std::to_string(debit));
    }
    s->execute(
        "INSERT INTO payments (id, login, address, amount, fee, status, batch_id, created_ms, "
        "updated_ms) VALUES ($1, $2, $3, $4, $5, 'intent', $6, $7, $7)",
        {p.id, p.login, p.address, p.amount, p.fee, p.batch_id, p.time_ms});
    s->execute(
        "INSERT INTO balance_changes (login, amount, reason, payment_id, memo, created_ms) VALUES "
        "($1, $2, 'payment', $3, '', $4)",
        {p.login, -debit, p.id, p.time_ms});
    auto stored = load_payment(*s, p.id);
    tx.commit();
    return *stored;
}

Expected<Payment> SqlPaymentRepository::mark_sent(const std::string& id, const std::string& txid,
                                                  int64_t now_ms) {
    if (!plain_token(txid)) return make_error("txid must be 1..128 characters without whitespace");
    auto s = db_.write();
    SqlTransaction tx(*s);
    auto p = load_in_state(*s, id, {PaymentStatus::intent}, PaymentStatus::sent);
    if (!p) return p.error();
    s->execute(
        "UPDATE payments SET status = 'sent', txid = $2, sent_ms = $3, updated_ms = $3 WHERE id = "
        "$1",
        {id, txid, now_ms});
    auto stored = load_payment(*s, id);
    tx.commit();
    return *stored;
}

Expected<int64_t> SqlPaymentRepository::mark_batch_sent(const std::string& batch_id,
                                                        const std::string& txid, int64_t now_ms) {
    if (!plain_token(txid)) return make_error("txid must be 1..128 characters without whitespace");
    auto s = db_.write();
    SqlTransaction tx(*s);
    if (!s->query_one("SELECT 1 FROM payments WHERE batch_id = $1", {batch_id})) {
        return make_error("unknown payment batch '" + batch_id + "'");
    }
    int64_t n = s->execute(
        "UPDATE payments SET status = 'sent', txid = $2, sent_ms = $3, updated_ms = $3 "
        "WHERE batch_id = $1 AND status = 'intent'",
        {batch_id, txid, now_ms});
    tx.commit();
    return n;
}

Expected<Payment> SqlPaymentRepository::mark_confirmed(const std::string& id, int64_t now_ms) {
    auto s = db_.write();
    SqlTransaction tx(*s);
    auto p = load_in_state(*s, id, {PaymentStatus::sent}, PaymentStatus::confirmed);
    if (!p) return p.error();
    s->execute(
        "UPDATE payments SET status = 'confirmed', confirmed_ms = $2, updated_ms = $2 WHERE id = "
        "$1",
        {id, now_ms});
    auto stored = load_payment(*s, id);
    tx.commit();
    return *stored;
}

Expected<Payment> SqlPaymentRepository::mark_failed(const std::string& id, const std::string& error,
                                                    int64_t now_ms) {
    auto s = db_.write();
    SqlTransaction tx(*s);
    auto p =
        load_in_state(*s, id, {PaymentStatus::intent, PaymentStatus::held, PaymentStatus::sent},
                      PaymentStatus::failed);
    if (!p) return p.error();
    s->execute("UPDATE payments SET status = 'failed', error = $2, updated_ms = $3 WHERE id = $1",
               {id, error, now_ms});
    // The coins never left: give the debit back.
    s->execute(
        "INSERT INTO balance_changes (login, amount, reason, payment_id, memo, created_ms) VALUES "
        "($1, $2, 'adjustment', $3, 'payment failed', $4)",
        {p->login, p->amount + p->fee, id, now_ms});
    auto stored = load_payment(*s, id);
    tx.commit();
    return *stored;
}

Expected<Payment> SqlPaymentRepository::hold(const std::string& id, const std::string& reason,
                                             int64_t now_ms) {
    auto s = db_.write();
    SqlTransaction tx(*s);
    auto p = load_in_state(*s, id, {PaymentStatus::intent}, PaymentStatus::held);
    if (!p) return p.error();
    s->execute("UPDATE payments SET status = 'held', error = $2, updated_ms = $3 WHERE id = $1",
               {id, reason, now_ms});
    auto stored = load_payment(*s, id);
    tx.commit();
    return *stored;
}

Expected<Payment> SqlPaymentRepository::release(const std::string& id, int64_t now_ms) {
    auto s = db_.write();
    SqlTransaction tx(*s);
    auto p = load_in_state(*s, id, {PaymentStatus::held}, PaymentStatus::intent);
    if (!p) return p.error();
    s->execute("UPDATE payments SET status = 'intent', error = '', updated_ms = $2 WHERE id = $1",
               {id, now_ms});
    auto stored = load_payment(*s, id);
    tx.commit();
    return *stored;
}

std::optional<Payment> SqlPaymentRepository::find_payment(const std::string& id) {
    auto s = db_.read();
    return load_payment(*s, id);
}

Expected<std::vector<Payment>> SqlPaymentRepository::payments(const PaymentFilter& filter,
                                                              Page page) {
    auto valid = validate(page);
    if (!valid) return valid.error();
    std::string sql = "SELECT " + std::string(kPaymentColumns) + " FROM payments";
    std::vector<SqlValue> params;
    auto where = [&](std::string_view column, SqlValue value) {
        sql += params.empty() ? " WHERE " : " AND ";
        params.push_back(std::move(value));
        sql += std::string(column) + " = $" + std::to_string(params.size());
    };
    if (filter.login) where("login", *filter.login);
    if (filter.status) where("status", to_string(*filter.status));
    if (filter.batch_id) where("batch_id", *filter.batch_id);
    append_page(sql, params, page, "created_ms", "id", !params.empty());
    auto s = db_.read();
    std::vector<Payment> out;
    for (const auto& row : s->query(sql, SqlParams(params.data(), params.size()))) {
        out.push_back(payment_from_row(row));
    }
    return out;
}

PoolTotals SqlPaymentRepository::pool_totals() {
    auto s = db_.read();
    PoolTotals t;
    for (const auto& row : s->query("SELECT status, COUNT(*) FROM blocks GROUP BY status")) {
        int64_t n = row.i64(1);
        t.blocks_found += n;
        std::string status = row.text(0);
        if (status == "pending") t.blocks_pending = n;
        if (status == "confirmed") t.blocks_confirmed = n;
        if (status == "orphaned") t.blocks_orphaned = n;
    }
    t.total_paid = s->query_one(
                        "SELECT COALESCE(SUM(amount), 0) FROM payments WHERE status IN ('sent', "
                        "'confirmed')")
                       ->i64(0);
    t.miners = s->query_one("SELECT COUNT(*) FROM miners")->i64(0);
    return t;
}

}  // namespace viddhana::store
