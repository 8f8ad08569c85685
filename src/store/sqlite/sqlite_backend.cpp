#include "store/sqlite/sqlite_session.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store_error.h"

namespace viddhana::store {
namespace {

constexpr size_t kShareColumns = 12;
constexpr size_t kRowsPerInsert = 256;

std::string share_insert_sql(size_t rows) {
    return "INSERT INTO shares (time_ms, login, worker, difficulty, actual_difficulty, result, "
           "height, network_difficulty, block_hash, ip, node_id, sequence) VALUES " +
           placeholder_rows(rows, kShareColumns);
}

void bind_text(SqliteSession& s, sqlite3_stmt* stmt, int i, const std::string& v) {
    int rc = sqlite3_bind_text(stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    if (rc != SQLITE_OK) s.fail(rc, "bind failed");
}

}  // namespace

std::unique_ptr<SqlSession> SqliteBackend::connect() {
    return std::make_unique<SqliteSession>(path_);
}

void SqliteBackend::insert_shares(SqlSession& session, std::span<const bus::ShareEvent> shares,
                                  std::span<const size_t> indices) {
    auto& s = static_cast<SqliteSession&>(session);
    const std::string full_sql = share_insert_sql(kRowsPerInsert);
    for (size_t at = 0; at < indices.size(); at += kRowsPerInsert) {
        size_t n = std::min(kRowsPerInsert, indices.size() - at);
        sqlite3_stmt* stmt = s.prepared(n == kRowsPerInsert ? full_sql : share_insert_sql(n));
        int p = 1;
        for (size_t r = 0; r < n; ++r) {
            const bus::ShareEvent& e = shares[indices[at + r]];
            sqlite3_bind_int64(stmt, p++, e.time_ms);
            bind_text(s, stmt, p++, e.login);
            bind_text(s, stmt, p++, e.worker);
            sqlite3_bind_double(stmt, p++, e.difficulty);
            sqlite3_bind_double(stmt, p++, e.actual_difficulty);
            sqlite3_bind_int(stmt, p++, static_cast<int>(e.result));
            sqlite3_bind_int64(stmt, p++, e.height);
            sqlite3_bind_double(stmt, p++, e.network_difficulty);
            if (e.block_hash.empty()) {
                sqlite3_bind_null(stmt, p++);
            } else {
                bind_text(s, stmt, p++, e.block_hash);
            }
            bind_text(s, stmt, p++, e.ip);
            sqlite3_bind_int64(stmt, p++, static_cast<sqlite3_int64>(e.node_id));
            sqlite3_bind_int64(stmt, p++, static_cast<sqlite3_int64>(e.sequence));
        }
        s.run_to_end(stmt);
    }
}

int64_t SqliteBackend::drop_shares_before(SqlSession& session, int64_t cutoff_ms) {
    return session.execute("DELETE FROM shares WHERE time_ms < $1", {cutoff_ms});
}

}  // namespace viddhana::store
