// Copies an SQLite store while the pool keeps writing to it, with SQLite's online backup API: the
// copy is one consistent snapshot (a step that sees pages change under it starts again), never
// a half-written file under the final name.
#pragma once
#include <cstdint>
#include <string>

#include "base/expected.h"

namespace viddhana::store {

struct SqliteCopy {
    int64_t pages = 0;
    int64_t bytes = 0;
};

// Copies the database file `from` into `to`, which must not exist yet. The copy is written to
// `to`.partial, checked with PRAGMA integrity_check, and only then renamed to `to`. `from` is
// opened read-only and may be in use by other processes.
Expected<SqliteCopy> copy_sqlite_database(const std::string& from, const std::string& to);

// The schema version of the store in the SQLite file at `path` (opened read-only), or why it
// is not a store (not SQLite, no schema_migrations table).
Expected<int> sqlite_store_schema_version(const std::string& path);

}  // namespace viddhana::store
