#include "store/postgres/pg_session.h"

#include <cctype>
#include <vector>

#include "store/store_error.h"

namespace viddhana::store {
namespace {

constexpr size_t kMaxPrepared = 512;

// SQLSTATE classes that mean the server or the link is gone rather than the statement wrong:
// 08 connection exceptions, 57P01..57P03 shutdown / crash / not accepting connections.
bool sqlstate_unavailable(const std::string& state) {
    return state.rfind("08", 0) == 0 || state == "57P01" || state == "57P02" || state == "57P03";
}

// A statement that changes nothing can be sent again on a new connection when the old one
// turns out to be dead (the server restarted while it sat idle). Writes are never resent
// outside a transaction: the first attempt may have committed.
bool is_read_only(std::string_view sql) {
    size_t i = sql.find_first_not_of(" \t\n");
    if (i == std::string_view::npos || sql.size() - i < 7) return false;
    std::string head(sql.substr(i, 7));
    for (auto& c : head)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return head == "SELECT ";
}

}  // namespace

PgSession::PgSession(std::string conninfo, std::string description)
    : conninfo_(std::move(conninfo)), description_(std::move(description)) {
    connection();
}

PgSession::~PgSession() {
    rollback();
    drop_connection();
}

void PgSession::drop_connection() noexcept {
    tx_.reset();
    prepared_.clear();
    if (conn_) {
        try {
            conn_->disconnect();
        } catch (...) {
        }
        conn_.reset();
    }
}

pqxx::connection& PgSession::connection() {
    if (conn_ && conn_->is_open()) return *conn_;
    drop_connection();
    try {
        conn_ = std::make_unique<pqxx::connection>(conninfo_);
        // Every statement here is a prepared OLTP query. Custom plans built from the freshest
        // share partition's (missing or stale) statistics sort the whole partition for the
        // PPLNS walk instead of reading its (time_ms, id) index backwards; generic plans don't.
        pqxx::nontransaction setup(*conn_);
        setup.exec("SET plan_cache_mode = force_generic_plan");
    } catch (const std::exception& e) {
        conn_.reset();
        throw StoreUnavailable("cannot connect to PostgreSQL at " + description_ + ": " + e.what());
    }
    return *conn_;
}

void PgSession::translate(std::string_view what) {
    std::string context = std::string(what);
    try {
        throw;
    } catch (const StoreError&) {
        throw;
    } catch (const pqxx::broken_connection& e) {
        drop_connection();
        throw StoreUnavailable("lost the PostgreSQL connection to " + description_ + " during " +
                               context + ": " + e.what());
    } catch (const pqxx::in_doubt_error& e) {
        drop_connection();
        throw StoreUnavailable("PostgreSQL connection to " + description_ +
                               " broke while committing " + context + ": " + e.what());
    } catch (const pqxx::sql_error& e) {
        if (sqlstate_unavailable(e.sqlstate())) {
            drop_connection();
            throw StoreUnavailable("PostgreSQL at " + description_ + " is unavailable during " +
                                   context + ": " + e.what());
        }
        throw StoreError("PostgreSQL error in " + context + ": " + e.what() + " [SQLSTATE " +
                         e.sqlstate() + "]");
    } catch (const std::exception& e) {
        if (!conn_ || !conn_->is_open()) {
            drop_connection();
            throw StoreUnavailable("PostgreSQL connection to " + description_ + " failed during " +
                                   context + ": " + e.what());
        }
        throw StoreError("PostgreSQL error in " + context + ": " + e.what());
    }
}

pqxx::result PgSession::run(std::string_view sql, SqlParams params) {
    pqxx::connection& c = connection();
    std::string key(sql);
    auto it = prepared_.find(key);
    if (it == prepared_.end()) {
        if (prepared_.size() >= kMaxPrepared) {
            for (const auto& [text, name] : prepared_) {
                try {
                    c.unprepare(name);
                } catch (...) {
                }
            }
            prepared_.clear();
        }
        std::string name = "s" + std::to_string(++next_statement_);
        c.prepare(name, key);
        it = prepared_.emplace(std::move(key), std::move(name)).first;
    }
    std::vector<std::string> texts;
    std::vector<const char*> values;
    texts.reserve(params.size());
    values.reserve(params.size());
    for (const SqlValue& v : params)
        texts.push_back(v.as_text());
    for (size_t i = 0; i < params.size(); ++i) {
        values.push_back(params[i].is_null() ? nullptr : texts[i].c_str());
    }
    auto dynamic = pqxx::prepare::make_dynamic_params(values);
    if (tx_) return tx_->exec_prepared(it->second, dynamic);
    pqxx::nontransaction n(c);
    return n.exec_prepared(it->second, dynamic);
}

void PgSession::execute_script(std::string_view sql) {
    guarded("a schema script", [&] {
        if (tx_) {
            tx_->exec(std::string(sql));
        } else {
            pqxx::nontransaction n(connection());
            n.exec(std::string(sql));
        }
    });
}

template <typename F>
auto PgSession::with_retry(std::string_view sql, F&& f) -> decltype(f()) {
    if (tx_ || !is_read_only(sql)) return guarded(sql.substr(0, 60), f);
    try {
        return guarded(sql.substr(0, 60), f);
    } catch (const StoreUnavailable&) {
        return guarded(sql.substr(0, 60), f);
    }
}

int64_t PgSession::execute(std::string_view sql, SqlParams params) {
    return with_retry(sql, [&] { return static_cast<int64_t>(run(sql, params).affected_rows()); });
}

SqlRows PgSession::query(std::string_view sql, SqlParams params) {
    return with_retry(sql, [&] {
        pqxx::result r = run(sql, params);
        SqlRows rows;
        rows.reserve(r.size());
        const auto columns = r.columns();
        for (const auto& row : r) {
            std::vector<SqlValue> values;
            values.reserve(columns);
            for (pqxx::row::size_type i = 0; i < columns; ++i) {
                const pqxx::field f = row[i];
                if (f.is_null()) {
                    values.emplace_back();
                } else {
                    values.emplace_back(std::string(f.c_str(), f.size()));
                }
            }
            rows.emplace_back(std::move(values));
        }
        return rows;
    });
}

void PgSession::begin() {
    if (tx_) throw StoreError("PostgreSQL transaction already open");
    auto start = [&] { tx_ = std::make_unique<pqxx::work>(connection()); };
    try {
        guarded("BEGIN", start);
    } catch (const StoreUnavailable&) {
        // Nothing was done yet: a dead idle connection is replaced once.
        guarded("BEGIN", start);
    }
}

void PgSession::commit() {
    guarded("COMMIT", [&] {
        if (!tx_) throw StoreError("no PostgreSQL transaction to commit");
        auto tx = std::move(tx_);
        tx->commit();
    });
}

void PgSession::rollback() noexcept {
    if (!tx_) return;
    try {
        tx_->abort();
    } catch (...) {
    }
    tx_.reset();
}

pqxx::work& PgSession::transaction() {
    if (!tx_) throw StoreError("no PostgreSQL transaction open");
    return *tx_;
}

}  // namespace viddhana::store
