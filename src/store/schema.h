// The database schema, written once for both backends: each forward-only migration as the tables,
// columns and indexes it adds, which schema_sql.cpp renders as SQLite's or PostgreSQL's SQL. The
// two stores cannot drift: a column exists on both or on neither, with the same type, nullability,
// default, check and reference. What differs is said here and nowhere else:
//   - the share log (time_partitioned): PostgreSQL partitions it by day on time_ms, with ids from
//     a sequence and (time_ms, id) as its key; SQLite keeps one table whose rowid is the id, with
//     an index on time_ms (which, with the rowid, orders it as (time_ms, id));
//   - row ids: PostgreSQL identity columns, SQLite INTEGER PRIMARY KEY (the rowid);
//   - bytewise text (keys and ordered text): COLLATE "C" in PostgreSQL, SQLite's default already
//     compares bytes;
//   - indexes only one backend needs (Index::only).
#pragma once
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace viddhana::store {

enum class SqlDialect { sqlite, postgres };

enum class ColumnType { big_integer, integer, small_integer, real, text };

struct Column {
    std::string name;
    ColumnType type = ColumnType::big_integer;
    bool not_null = false;
    bool bytewise = false;     // text compared and ordered byte by byte
    bool row_id = false;       // the table's generated ascending id (its primary key)
    bool primary_key = false;  // a one-column primary key
    bool unique = false;
    std::string default_value;  // an SQL literal, "" for none
    std::string check;          // an SQL condition, "" for none
    std::string references;     // "table(column)", "" for none
};

struct Table {
    std::string name;
    std::vector<Column> columns;
    std::vector<std::string> primary_key;  // a key over several columns
    // The share log: partitioned by day on this column in PostgreSQL ("" for a plain table).
    std::string partitioned_by_day;
};

struct Index {
    std::string name;
    std::string table;
    std::vector<std::string> columns;
    std::string where;  // a partial index's condition, "" for none
    bool unique = false;
    std::optional<SqlDialect> only;  // built on one backend alone
};

struct AddColumn {
    std::string table;
    Column column;
};

using SchemaChange = std::variant<Table, Index, AddColumn>;

struct SchemaVersion {
    int version = 0;
    std::string name;
    std::vector<SchemaChange> changes;
};

// Every version, oldest first (the versions the migrations record: never edit a released one,
// add the next).
const std::vector<SchemaVersion>& schema_history();

}  // namespace viddhana::store
