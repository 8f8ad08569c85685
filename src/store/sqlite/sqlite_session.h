// SqlSession over one SQLite connection (WAL mode), with a cache of prepared statements.
#pragma once
#include <sqlite3.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "store/sql_session.h"

namespace viddhana::store {

class SqliteSession final : public SqlSession {
  public:
    // Opens (creating) the database file. Throws StoreError / StoreUnavailable.
    explicit SqliteSession(const std::string& path);
    ~SqliteSession() override;

    using SqlSession::execute;
    using SqlSession::query;
    void execute_script(std::string_view sql) override;
    int64_t execute(std::string_view sql, SqlParams params) override;
    SqlRows query(std::string_view sql, SqlParams params) override;
    void begin() override;
    void commit() override;
    void rollback() noexcept override;
    bool in_transaction() const override { return in_transaction_; }

    // A cached statement, reset and with its bindings cleared. For the bulk share insert,
    // which binds directly.
    sqlite3_stmt* prepared(std::string_view sql);
    // Steps a statement to completion, throwing on error, and resets it.
    void run_to_end(sqlite3_stmt* stmt);
    [[noreturn]] void fail(int rc, std::string_view what) const;

  private:
    struct Cached {
        sqlite3_stmt* stmt = nullptr;
        std::vector<int> index_of;  // parameter number ($n) -> SQLite bind index
    };
    Cached& cached(std::string_view sql);
    void bind(Cached& c, SqlParams params);

    sqlite3* db_ = nullptr;
    std::string path_;
    std::unordered_map<std::string, Cached> cache_;
    bool in_transaction_ = false;
};

}  // namespace viddhana::store
