#include "store/sqlite/sqlite_session.h"

#include <charconv>
#include <filesystem>

#include "store/store_error.h"

namespace viddhana::store {
namespace {

constexpr size_t kMaxCachedStatements = 256;

bool is_unavailable(int rc) {
    int primary = rc & 0xFF;
    return primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_IOERR ||
           primary == SQLITE_FULL || primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY;
}

}  // namespace

SqliteSession::SqliteSession(const std::string& path) : path_(path) {
    if (path != ":memory:") {
        std::filesystem::path p(path);
        if (p.has_parent_path()) {
            std::error_code ec;
            std::filesystem::create_directories(p.parent_path(), ec);
            if (ec) {
                throw StoreUnavailable("cannot create directory " + p.parent_path().string() +
                                       " for the SQLite store: " + ec.message());
            }
        }
    }
    int rc =
        sqlite3_open_v2(path.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw StoreUnavailable("cannot open SQLite store " + path + ": " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 10'000);
    // WAL: readers never block the writer. synchronous=NORMAL: a commit is durable once the
    // WAL is checkpointed; a power cut can lose the last commits but never corrupts the file.
    execute_script(
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA temp_store=MEMORY;"
        "PRAGMA cache_size=-65536;");
}

SqliteSession::~SqliteSession() {
    for (auto& [sql, c] : cache_)
        sqlite3_finalize(c.stmt);
    if (db_) sqlite3_close(db_);
}

void SqliteSession::fail(int rc, std::string_view what) const {
    std::string msg = "SQLite " + std::string(what) + ": " + sqlite3_errmsg(db_) + " (" +
                      std::string(sqlite3_errstr(rc)) + ")";
    if (is_unavailable(rc)) throw StoreUnavailable(msg + " in " + path_);
    throw StoreError(msg);
}

void SqliteSession::execute_script(std::string_view sql) {
    std::string text(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        if (is_unavailable(rc)) throw StoreUnavailable("SQLite: " + msg + " in " + path_);
        throw StoreError("SQLite: " + msg);
    }
}

SqliteSession::Cached& SqliteSession::cached(std::string_view sql) {
    std::string key(sql);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    if (cache_.size() >= kMaxCachedStatements) {
        for (auto& [k, c] : cache_)
            sqlite3_finalize(c.stmt);
        cache_.clear();
    }
    Cached c;
    int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                                SQLITE_PREPARE_PERSISTENT, &c.stmt, nullptr);
    if (rc != SQLITE_OK) fail(rc, "prepare failed for \"" + key.substr(0, 200) + "\"");
    int count = sqlite3_bind_parameter_count(c.stmt);
    for (int i = 1; i <= count; ++i) {
        const char* name = sqlite3_bind_parameter_name(c.stmt, i);
        int number = 0;
        if (name == nullptr || name[0] != '$') {
            sqlite3_finalize(c.stmt);
            throw StoreError("SQLite statement uses a parameter that is not $n: " +
                             key.substr(0, 200));
        }
        std::string_view digits(name + 1);
        std::from_chars(digits.data(), digits.data() + digits.size(), number);
        if (number <= 0) {
            sqlite3_finalize(c.stmt);
            throw StoreError("SQLite statement has a bad parameter name " + std::string(name));
        }
        if (static_cast<size_t>(number) >= c.index_of.size()) c.index_of.resize(number + 1, 0);
        c.index_of[number] = i;
    }
    return cache_.emplace(std::move(key), std::move(c)).first->second;
}

sqlite3_stmt* SqliteSession::prepared(std::string_view sql) {
    Cached& c = cached(sql);
    sqlite3_reset(c.stmt);
    sqlite3_clear_bindings(c.stmt);
    return c.stmt;
}

void SqliteSession::bind(Cached& c, SqlParams params) {
    sqlite3_reset(c.stmt);
    sqlite3_clear_bindings(c.stmt);
    if (params.size() + 1 < c.index_of.size()) {
        throw StoreError("SQLite statement expects " + std::to_string(c.index_of.size() - 1) +
                         " parameters, got " + std::to_string(params.size()));
    }
    for (size_t n = 1; n <= params.size(); ++n) {
        if (n >= c.index_of.size() || c.index_of[n] == 0) continue;
        int i = c.index_of[n];
        const SqlValue& v = params[n - 1];
        int rc = SQLITE_OK;
        if (v.is_null()) {
            rc = sqlite3_bind_null(c.stmt, i);
        } else if (v.is_int()) {
            rc = sqlite3_bind_int64(c.stmt, i, v.int_value());
        } else if (v.is_double()) {
            rc = sqlite3_bind_double(c.stmt, i, v.double_value());
        } else {
            const std::string& s = v.text_value();
            rc = sqlite3_bind_text(c.stmt, i, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
        }
        if (rc != SQLITE_OK) fail(rc, "bind failed");
    }
}

void SqliteSession::run_to_end(sqlite3_stmt* stmt) {
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) {
        sqlite3_reset(stmt);
        fail(rc, "statement failed");
    }
    sqlite3_reset(stmt);
}

int64_t SqliteSession::execute(std::string_view sql, SqlParams params) {
    Cached& c = cached(sql);
    bind(c, params);
    run_to_end(c.stmt);
    return sqlite3_changes64(db_);
}

SqlRows SqliteSession::query(std::string_view sql, SqlParams params) {
    Cached& c = cached(sql);
    bind(c, params);
    SqlRows rows;
    int columns = sqlite3_column_count(c.stmt);
    int rc;
    while ((rc = sqlite3_step(c.stmt)) == SQLITE_ROW) {
        std::vector<SqlValue> values;
        values.reserve(columns);
        for (int i = 0; i < columns; ++i) {
            switch (sqlite3_column_type(c.stmt, i)) {
                case SQLITE_NULL:
                    values.emplace_back();
                    break;
                case SQLITE_INTEGER:
                    values.emplace_back(static_cast<long long>(sqlite3_column_int64(c.stmt, i)));
                    break;
                case SQLITE_FLOAT:
                    values.emplace_back(sqlite3_column_double(c.stmt, i));
                    break;
                default: {
                    const auto* text =
                        reinterpret_cast<const char*>(sqlite3_column_text(c.stmt, i));
                    int size = sqlite3_column_bytes(c.stmt, i);
                    values.emplace_back(std::string(text ? text : "", static_cast<size_t>(size)));
                }
            }
        }
        rows.emplace_back(std::move(values));
    }
    if (rc != SQLITE_DONE) {
        sqlite3_reset(c.stmt);
        fail(rc, "query failed");
    }
    sqlite3_reset(c.stmt);
    return rows;
}

void SqliteSession::begin() {
    execute("BEGIN IMMEDIATE");
    in_transaction_ = true;
}

void SqliteSession::commit() {
    execute("COMMIT");
    in_transaction_ = false;
}

void SqliteSession::rollback() noexcept {
    if (!in_transaction_) return;
    in_transaction_ = false;
    if (sqlite3_get_autocommit(db_)) return;  // SQLite already rolled back after an error
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

}  // namespace viddhana::store
