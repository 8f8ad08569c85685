#include "store/sqlite/sqlite_backup.h"

#include <sqlite3.h>

#include <filesystem>
#include <memory>

#include <fmt/format.h>

namespace viddhana::store {

namespace {

struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, Closer>;

Expected<Db> open(const std::string& path, int flags) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    Db db(raw);
    if (rc != SQLITE_OK) {
        return make_error(fmt::format("cannot open {}: {}", path,
                                      raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
    }
    // Writers hold the lock briefly; a step that meets one waits rather than failing.
    sqlite3_busy_timeout(db.get(), 10'000);
    return db;
}

}  // namespace

Expected<SqliteCopy> copy_sqlite_database(const std::string& from, const std::string& to) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_regular_file(from, ec)) return make_error(fmt::format("{}: no such file", from));
    if (fs::exists(to, ec)) {
        return make_error(fmt::format("{} exists already: nothing was written", to));
    }
    const std::string partial = to + ".partial";
    fs::remove(partial, ec);

    auto source = open(from, SQLITE_OPEN_READONLY);
    if (!source) return source.error();
    SqliteCopy copy;
    {
        auto target = open(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        if (!target) return target.error();
        sqlite3_backup* backup = sqlite3_backup_init(target->get(), "main", source->get(), "main");
        if (!backup) {
            std::string why = sqlite3_errmsg(target->get());
            fs::remove(partial, ec);
            return make_error(fmt::format("cannot copy {}: {}", from, why));
        }
        int rc;
        // Small steps let the pool's writer in between; SQLite restarts the copy when the
        // source changes through another connection, so what ends is one snapshot.
        while ((rc = sqlite3_backup_step(backup, 512)) == SQLITE_OK || rc == SQLITE_BUSY ||
               rc == SQLITE_LOCKED) {
            if (rc != SQLITE_OK) sqlite3_sleep(20);
        }
        copy.pages = sqlite3_backup_pagecount(backup);
        sqlite3_backup_finish(backup);
        if (rc != SQLITE_DONE) {
            fs::remove(partial, ec);
            return make_error(fmt::format("copying {} failed: {}", from, sqlite3_errstr(rc)));
        }
        sqlite3_stmt* check = nullptr;
        std::string verdict = "no answer";
        if (sqlite3_prepare_v2(target->get(), "PRAGMA integrity_check", -1, &check, nullptr) ==
                SQLITE_OK &&
            sqlite3_step(check) == SQLITE_ROW) {
            verdict = reinterpret_cast<const char*>(sqlite3_column_text(check, 0));
        }
        sqlite3_finalize(check);
        if (verdict != "ok") {
            fs::remove(partial, ec);
            return make_error(
                fmt::format("the copy of {} failed its integrity check: {}", from, verdict));
        }
        // One self-contained file (no -wal beside it); the store turns WAL on again when it
        // opens the file.
        sqlite3_exec(target->get(), "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
    }
    fs::rename(partial, to, ec);
    if (ec) {
        fs::remove(partial, ec);
        return make_error(fmt::format("cannot name the copy {}: {}", to, ec.message()));
    }
    copy.bytes = static_cast<int64_t>(fs::file_size(to, ec));
    return copy;
}

Expected<int> sqlite_store_schema_version(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        return make_error(fmt::format("{}: no such file", path));
    }
    auto db = open(path, SQLITE_OPEN_READONLY);
    if (!db) return db.error();
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(
        db->get(), "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", -1, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        std::string why = sqlite3_errmsg(db->get());
        sqlite3_finalize(stmt);
        return make_error(fmt::format("{} is not a Viddhana store: {}", path, why));
    }
    int version = 0;
    if (sqlite3_step(stmt) == SQLITE_ROW) version = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    if (version <= 0) return make_error(fmt::format("{} is not a Viddhana store: no schema", path));
    return version;
}

}  // namespace viddhana::store
