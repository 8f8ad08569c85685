// The PostgreSQL backend: shares in a table partitioned by day on time_ms (partitions created
// ahead and on demand, dropped whole for retention), written with COPY (pqxx::stream_to).
#pragma once
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "store/migration.h"
#include "store/schema_sql.h"
#include "store/sql_database.h"
#include "store/store_config.h"

namespace viddhana::store {

// "shares_p20240131" for the day holding time_ms, and back.
std::string share_partition_name(int64_t day);
std::optional<int64_t> share_partition_day(std::string_view name);

class PgBackend final : public SqlBackend {
  public:
    explicit PgBackend(PostgresConnection connection);
    std::string_view name() const override { return "postgres"; }
    std::unique_ptr<SqlSession> connect() override;
    std::vector<Migration> migrations() const override {
        return migrations_for(SqlDialect::postgres);
    }
    void lock_for_migration(SqlSession& session) override;
    void lock_share_writer(SqlSession& session) override;
    void ensure_share_storage(SqlSession& session, int64_t from_ms, int64_t to_ms) override;
    void forget_cached_state() override;
    void insert_shares(SqlSession& session, std::span<const bus::ShareEvent> shares,
                       std::span<const size_t> indices) override;
    int64_t drop_shares_before(SqlSession& session, int64_t cutoff_ms) override;

  private:
    PostgresConnection connection_;
    std::string conninfo_;
    std::string description_;
    std::mutex days_mutex_;
    std::set<int64_t> known_days_;  // partitions known to exist
};

}  // namespace viddhana::store
