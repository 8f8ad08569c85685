#include "store/migration.h"

#include "store/store_error.h"

namespace viddhana::store {
namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_ms BIGINT NOT NULL)";

}  // namespace

std::optional<Error> check_migration_order(std::span<const Migration> migrations) {
    for (size_t i = 0; i < migrations.size(); ++i) {
        const Migration& m = migrations[i];
        if (m.version != static_cast<int>(i) + 1) {
            return make_error("migration #" + std::to_string(i + 1) + " ('" + m.name +
                              "') has version " + std::to_string(m.version) + ", expected " +
                              std::to_string(i + 1));
        }
        if (m.name.empty()) {
            return make_error("migration " + std::to_string(m.version) + " has no name");
        }
        if (m.sql.empty()) {
            return make_error("migration " + std::to_string(m.version) + " ('" + m.name +
                              "') has no SQL");
        }
    }
    return std::nullopt;
}

Expected<std::vector<Migration>> pending_migrations(int current,
                                                    std::span<const Migration> migrations) {
    if (auto error = check_migration_order(migrations)) return *error;
    int latest = static_cast<int>(migrations.size());
    if (current < 0) {
        return make_error("database schema version " + std::to_string(current) + " is invalid");
    }
    if (current > latest) {
        return make_error("database schema version " + std::to_string(current) +
                          " is newer than this build knows (latest " + std::to_string(latest) +
                          "); run a newer viddhana or restore a matching backup");
    }
    return std::vector<Migration>(migrations.begin() + current, migrations.end());
}

int schema_version(SqlSession& session) {
    auto row = session.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    return row ? static_cast<int>(row->i64(0)) : 0;
}

int apply_migrations(SqlSession& session, std::span<const Migration> migrations, int64_t now_ms,
                     const std::function<void(SqlSession&)>& lock) {
    int current = 0;
    {
        // Under the lock: two processes starting on an empty database create the table once.
        SqlTransaction tx(session);
        if (lock) lock(session);
        session.execute(kCreateTable);
        current = schema_version(session);
        tx.commit();
    }
    auto pending = pending_migrations(current, migrations);
    if (!pending) {
        if (current > static_cast<int>(migrations.size()))
            throw SchemaTooNew(pending.error().message);
        throw StoreError(pending.error().message);
    }
    for (const Migration& m : *pending) {
        SqlTransaction tx(session);
        if (lock) lock(session);
        // Another process may have applied it while we waited for the lock.
        auto row = session.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        int now_at = row ? static_cast<int>(row->i64(0)) : 0;
        if (now_at >= m.version) continue;
        try {
            session.execute_script(m.sql);
        } catch (const StoreUnavailable&) {
            throw;
        } catch (const StoreError& e) {
            throw StoreError("migration " + std::to_string(m.version) + " ('" + m.name +
                             "') failed: " + e.what());
        }
        session.execute(
            "INSERT INTO schema_migrations (version, name, applied_ms) VALUES ($1, $2, $3)",
            {m.version, m.name, now_ms});
        tx.commit();
    }
    return schema_version(session);
}

}  // namespace viddhana::store
