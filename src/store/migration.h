// Forward-only schema migrations: a numbered list per backend, recorded in schema_migrations.
// Each migration runs in its own transaction; a database whose version is newer than the
// newest migration this build knows is refused.
#pragma once
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/expected.h"
#include "store/sql_session.h"

namespace viddhana::store {

struct Migration {
    int version = 0;   // 1, 2, 3 ... without gaps
    std::string name;  // short description, recorded with the version
    std::string sql;   // one or more statements
};

// Versions must run 1, 2, 3 ... in order with non-empty names and scripts.
std::optional<Error> check_migration_order(std::span<const Migration> migrations);

// The migrations still to apply to a database at `current` version. Errors when the list is
// malformed or `current` is newer than the newest known version.
Expected<std::vector<Migration>> pending_migrations(int current,
                                                    std::span<const Migration> migrations);

// Applies what is pending. `lock` runs first inside every migration transaction (PostgreSQL
// takes an advisory lock there, so two processes starting together migrate once). Returns
// the version the database is at afterwards. Throws SchemaTooNew / StoreError.
int apply_migrations(SqlSession& session, std::span<const Migration> migrations, int64_t now_ms,
                     const std::function<void(SqlSession&)>& lock = {});

// The version recorded in schema_migrations (after apply_migrations created the table).
int schema_version(SqlSession& session);

}  // namespace viddhana::store
