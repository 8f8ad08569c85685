// `viddhana backup` and `viddhana restore`: a copy of the embedded SQLite store taken while the
// pool runs, and that copy put in place for a fresh deployment. A PostgreSQL store is backed up
// with pg_dump and restored with pg_restore (docs/operations.md): these commands say so.
#pragma once
#include <string>

namespace viddhana::app {

// Copies the configured SQLite store to `out` (which must not exist). Exit code 0, 2 when
// refused (PostgreSQL store, `out` exists, no store yet), 1 when the copy failed.
int backup_store(const std::string& config_path, const std::string& out);

// Puts the backup `from` in place as the configured SQLite store, which must not exist yet
// (a fresh deployment; the pool stopped), then opens it once (schema migrations run, as at
// start) and prints what it holds. Exit codes as for backup_store.
int restore_store(const std::string& config_path, const std::string& from);

}  // namespace viddhana::app
