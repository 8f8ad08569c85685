// Where the store lives and how it behaves: an SQLite file (the embedded default) or a
// PostgreSQL server, plus retention. Parsing of PostgreSQL URLs lives here too (pure).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "base/expected.h"

namespace viddhana::store {

struct PostgresConnection {
    std::string host = "127.0.0.1";
    uint16_t port = 5432;
    std::string database = "viddhana";
    std::string user = "viddhana";
    std::string password;
    int connect_timeout_s = 5;
};

enum class StoreBackend { sqlite, postgres };

struct StoreConfig {
    StoreBackend backend = StoreBackend::sqlite;
    std::string sqlite_path = "./data/viddhana.db";
    PostgresConnection postgres;
    // Connections used for reads besides the single writer connection.
    int read_connections = 2;
    // Shares older than this many days are dropped by apply_retention (0 keeps them forever).
    int share_retention_days = 30;
    // Per-minute hashrate roll-ups older than this many days are deleted (0 keeps them).
    int rollup_retention_days = 90;
    // PostgreSQL: daily share partitions are created this many days ahead of "now".
    int partition_days_ahead = 2;
};

// Parses postgresql://user:password@host:port/database (also "postgres://"). Percent-escapes
// are decoded; missing parts keep PostgresConnection's defaults. "[::1]" hosts are accepted.
Expected<PostgresConnection> parse_postgres_url(std::string_view url);

// A libpq keyword/value connection string with every value quoted.
std::string to_conninfo(const PostgresConnection& c);

// The URL form, with the password replaced by "***" unless reveal_password is set.
std::string to_url(const PostgresConnection& c, bool reveal_password = false);

// A store location as given on a command line: a postgres(ql):// URL, "sqlite:PATH" or a bare
// file path (SQLite).
Expected<StoreConfig> parse_store_location(std::string_view location);

// Checks value ranges (retention >= 0, read connections 0..16, non-empty path/host, ...).
Expected<StoreConfig> validate(StoreConfig config);

}  // namespace viddhana::store
