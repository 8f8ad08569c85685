// The schema's versions (schema.h) as each backend's migrations: the SQL that SQLite or
// PostgreSQL runs to go from one version to the next.
#pragma once
#include <vector>

#include "store/migration.h"
#include "store/schema.h"

namespace viddhana::store {

std::vector<Migration> render_migrations(SqlDialect dialect,
                                         const std::vector<SchemaVersion>& history);
inline std::vector<Migration> migrations_for(SqlDialect dialect) {
    return render_migrations(dialect, schema_history());
}

}  // namespace viddhana::store
