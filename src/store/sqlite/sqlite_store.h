// The SQLite backend: a single database file in WAL mode (the embedded default of
// `viddhana run`). Share inserts use cached multi-row prepared statements.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "store/migration.h"
#include "store/schema_sql.h"
#include "store/sql_database.h"

namespace viddhana::store {

class SqliteBackend final : public SqlBackend {
  public:
    explicit SqliteBackend(std::string path) : path_(std::move(path)) {}
    std::string_view name() const override { return "sqlite"; }
    std::unique_ptr<SqlSession> connect() override;
    std::vector<Migration> migrations() const override {
        return migrations_for(SqlDialect::sqlite);
    }
    void ensure_share_storage(SqlSession&, int64_t, int64_t) override {}
    void insert_shares(SqlSession& session, std::span<const bus::ShareEvent> shares,
                       std::span<const size_t> indices) override;
    int64_t drop_shares_before(SqlSession& session, int64_t cutoff_ms) override;

  private:
    std::string path_;
};

}  // namespace viddhana::store
