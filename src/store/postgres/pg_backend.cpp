#include <charconv>
#include <chrono>
#include <cstdio>

#include "store/postgres/pg_session.h"
#include "store/postgres/pg_store.h"
#include "store/share_batch.h"
#include "store/store_error.h"

namespace viddhana::store {
namespace {

// Arbitrary constants naming the advisory locks (one database may host several pools only
// with separate schemas, so fixed keys are enough).
constexpr int64_t kMigrationLock = 7405'1001;
constexpr int64_t kShareWriterLock = 7405'1002;
constexpr int64_t kMaxPartitionsPerBatch = 3660;

PgSession& pg(SqlSession& session) {
    return static_cast<PgSession&>(session);
}

}  // namespace

std::string share_partition_name(int64_t day) {
    using namespace std::chrono;
    year_month_day ymd{sys_days{days{day}}};
    char buf[32];
    std::snprintf(buf, sizeof buf, "shares_p%04d%02u%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
}

std::optional<int64_t> share_partition_day(std::string_view name) {
    constexpr std::string_view prefix = "shares_p";
    if (name.size() != prefix.size() + 8 || name.substr(0, prefix.size()) != prefix) {
        return std::nullopt;
    }
    int digits[8];
    for (size_t i = 0; i < 8; ++i) {
        char c = name[prefix.size() + i];
        if (c < '0' || c > '9') return std::nullopt;
        digits[i] = c - '0';
    }
    using namespace std::chrono;
    int y = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
    unsigned m = static_cast<unsigned>(digits[4] * 10 + digits[5]);
    unsigned d = static_cast<unsigned>(digits[6] * 10 + digits[7]);
    year_month_day ymd{year{y}, month{m}, day{d}};
    if (!ymd.ok()) return std::nullopt;
    return sys_days{ymd}.time_since_epoch().count();
}

PgBackend::PgBackend(PostgresConnection connection)
    : connection_(std::move(connection)),
      conninfo_(to_conninfo(connection_)),
      description_(to_url(connection_)) {}

std::unique_ptr<SqlSession> PgBackend::connect() {
    return std::make_unique<PgSession>(conninfo_, description_);
}

void PgBackend::lock_for_migration(SqlSession& session) {
    session.execute("SELECT pg_advisory_xact_lock($1)", {kMigrationLock});
}

void PgBackend::lock_share_writer(SqlSession& session) {
    session.execute("SELECT pg_advisory_xact_lock($1)", {kShareWriterLock});
}

void PgBackend::ensure_share_storage(SqlSession& session, int64_t from_ms, int64_t to_ms) {
    int64_t first = day_of(from_ms);
    int64_t last = day_of(to_ms);
    if (last - first >= kMaxPartitionsPerBatch) {
        throw StoreError("shares span more than " + std::to_string(kMaxPartitionsPerBatch) +
                         " days; refusing to create that many partitions");
    }
    std::lock_guard<std::mutex> lock(days_mutex_);
    for (int64_t day = first; day <= last; ++day) {
        if (known_days_.count(day)) continue;
        session.execute_script("CREATE TABLE IF NOT EXISTS " + share_partition_name(day) +
                               " PARTITION OF shares FOR VALUES FROM (" +
                               std::to_string(day * kDayMs) + ") TO (" +
                               std::to_string((day + 1) * kDayMs) + ")");
        known_days_.insert(day);
    }
}

void PgBackend::forget_cached_state() {
    std::lock_guard<std::mutex> lock(days_mutex_);
    known_days_.clear();
}

void PgBackend::insert_shares(SqlSession& session, std::span<const bus::ShareEvent> shares,
                              std::span<const size_t> indices) {
    PgSession& s = pg(session);
    // Numbers are formatted here with to_chars (shortest round-trip form): libpqxx's own
    // conversion of doubles goes through a stringstream and costs more than the rest of a row.
    auto number = [](auto value) {
        char buf[32];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
        return std::string(buf, end);
    };
    s.guarded("COPY into shares", [&] {
        static const std::vector<std::string> columns{
            "time_ms",           "login",  "worker",  "difficulty",
            "actual_difficulty", "result", "height",  "network_difficulty",
            "block_hash",        "ip",     "node_id", "sequence"};
        pqxx::stream_to copy(s.transaction(), "shares", columns);
        for (size_t i : indices) {
            const bus::ShareEvent& e = shares[i];
            const char* block_hash = e.block_hash.empty() ? nullptr : e.block_hash.c_str();
            copy << std::make_tuple(number(e.time_ms), e.login, e.worker, number(e.difficulty),
                                    number(e.actual_difficulty), number(static_cast<int>(e.result)),
                                    number(e.height), number(e.network_difficulty), block_hash,
                                    e.ip, number(static_cast<long long>(e.node_id)),
                                    number(static_cast<long long>(e.sequence)));
        }
        copy.complete();
    });
}

int64_t PgBackend::drop_shares_before(SqlSession& session, int64_t cutoff_ms) {
    int64_t removed = 0;
    auto partitions = session.query(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "JOIN pg_class p ON p.oid = i.inhparent "
        "WHERE p.relname = 'shares' AND pg_table_is_visible(p.oid) ORDER BY c.relname");
    for (const auto& row : partitions) {
        std::string name = row.text(0);
        auto day = share_partition_day(name);
        if (!day || (*day + 1) * kDayMs > cutoff_ms) continue;
        removed += session.query_one("SELECT COUNT(*) FROM " + name)->i64(0);
        session.execute_script("DROP TABLE " + name);
        std::lock_guard<std::mutex> lock(days_mutex_);
        known_days_.erase(*day);
    }
    return removed;
}

}  // namespace viddhana::store
