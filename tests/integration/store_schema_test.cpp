// The two stores hold one schema. After every migration, SQLite's and PostgreSQL's own catalogues
// (PRAGMA table_info / index_list / foreign_key_list; information_schema and pg_index) are read
// back and compared line by line: the same tables, the same columns in the same order with the
// same type (SQL names mapped), nullability and default, the same keys, foreign keys and indexes
// (name, columns, uniqueness, predicate). What store/schema.h says differs is named below; any
// other difference fails with both descriptions. (schema_migrations, the migrations' own record,
// is created by one statement for both in store/migration.cpp and left out.)
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <vector>

#include "store_test_fixture.h"

namespace viddhana::store {
namespace {

using namespace viddhana::store::store_test;
using Lines = std::vector<std::string>;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// "(block_hash IS NOT NULL)" and "block_hash IS NOT NULL" alike.
std::string normal_predicate(std::string p) {
    while (p.size() >= 2 && p.front() == '(' && p.back() == ')')
        p = p.substr(1, p.size() - 2);
    return lower(p);
}

// PostgreSQL's catalogue writes defaults with their type: ''::text, 0.
std::string normal_default(std::string d) {
    for (const char* cast : {"::text", "::bigint", "::integer", "::smallint"}) {
        if (auto at = d.find(cast); at != std::string::npos) d.erase(at);
    }
    return d;
}

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v)
        out += (out.empty() ? "" : ", ") + s;
    return out;
}

// ---- SQLite ------------------------------------------------------------------------------------

class SqliteCatalogue {
  public:
    explicit SqliteCatalogue(const std::string& path) {
        if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) throw std::runtime_error("open");
    }
    ~SqliteCatalogue() { sqlite3_close(db_); }

    std::vector<std::vector<std::string>> rows(const std::string& sql) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
            throw std::runtime_error(sqlite3_errmsg(db_));
        std::vector<std::vector<std::string>> out;
        while (sqlite3_step(st) == SQLITE_ROW) {
            std::vector<std::string> row;
            for (int i = 0; i < sqlite3_column_count(st); ++i) {
                auto* text = sqlite3_column_text(st, i);
                row.push_back(text ? reinterpret_cast<const char*>(text) : "<null>");
            }
            out.push_back(std::move(row));
        }
        sqlite3_finalize(st);
        return out;
    }

    Lines describe() {
        Lines out;
        for (const auto& t : rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name "
                                  "NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' "
                                  "ORDER BY name")) {
            const std::string& table = t[0];
            out.push_back("table " + table);
            std::vector<std::pair<int, std::string>> key;  // position in the key, column
            for (const auto& c : rows("PRAGMA table_info('" + table + "')")) {
                // cid, name, type, notnull, dflt_value, pk
                const std::string& name = c[1];
                const bool row_id = lower(c[2]) == "integer" && c[5] == "1";
                if (c[5] != "0") key.emplace_back(std::stoi(c[5]), name);
                if (row_id) {
                    out.push_back("column " + table + "." + c[0] + " " + name + " row id");
                    continue;
                }
                // A key column cannot hold NULL in PostgreSQL; SQLite lets a one-column PRIMARY
                // KEY (other than a rowid) hold NULL, a legacy quirk. The store never writes
                // NULL to a key, so the two are taken as the same.
                bool not_null = c[3] == "1" || c[5] != "0";
                out.push_back("column " + table + "." + c[0] + " " + name + " " + lower(c[2]) +
                              (not_null ? " not null" : "") +
                              (c[4] == "<null>" ? "" : " default " + c[4]));
            }
            if (!key.empty()) {
                std::sort(key.begin(), key.end());
                std::vector<std::string> names;
                for (const auto& k : key)
                    names.push_back(k.second);
                out.push_back("primary key " + table + " (" + join(names) + ")");
            }
            for (const auto& fk : rows("PRAGMA foreign_key_list('" + table + "')")) {
                // id, seq, table, from, to, ...
                out.push_back("foreign key " + table + "." + fk[3] + " -> " + fk[2] + "." + fk[4]);
            }
            for (const auto& i : rows("PRAGMA index_list('" + table + "')")) {
                // seq, name, unique, origin, partial
                const std::string& name = i[1];
                std::vector<std::string> columns;
                for (const auto& c : rows("PRAGMA index_info('" + name + "')"))
                    columns.push_back(c[2]);
                if (i[3] == "pk") continue;  // the primary key, above
                if (i[3] == "u") {
                    out.push_back("unique " + table + " (" + join(columns) + ")");
                    continue;
                }
                std::string line = std::string(i[2] == "1" ? "unique index " : "index ") + name +
                                   " on " + table + " (" + join(columns) + ")";
                if (i[4] == "1") {
                    auto sql = rows("SELECT sql FROM sqlite_master WHERE name = '" + name + "'");
                    std::string text = sql.at(0).at(0);
                    line += " where " + normal_predicate(text.substr(text.find(" WHERE ") + 7));
                }
                out.push_back(line);
            }
        }
        std::sort(out.begin(), out.end());
        return out;
    }

  private:
    sqlite3* db_ = nullptr;
};

// ---- PostgreSQL --------------------------------------------------------------------------------

Lines describe_postgres(const StoreConfig& config) {
    pqxx::connection conn(to_conninfo(config.postgres));
    pqxx::nontransaction q(conn);
    Lines out;
    auto tables = q.exec(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition "
        "AND c.relname <> 'schema_migrations' ORDER BY 1");
    for (const auto& t : tables) {
        const std::string table = t[0].c_str();
        out.push_back("table " + table);
        auto columns = q.exec_params(
            "SELECT ordinal_position - 1, column_name, data_type, is_nullable, column_default, "
            "is_identity FROM information_schema.columns WHERE table_schema = 'public' AND "
            "table_name = $1 ORDER BY ordinal_position",
            table);
        for (const auto& c : columns) {
            std::string name = c[1].c_str();
            std::string def = c[4].is_null() ? "" : c[4].c_str();
            bool row_id = std::string(c[5].c_str()) == "YES" || def.rfind("nextval(", 0) == 0;
            std::string line = "column " + table + "." + c[0].c_str() + " " + name;
            if (row_id) {
                out.push_back(line + " row id");
                continue;
            }
            line += " " + std::string(c[2].c_str());
            if (std::string(c[3].c_str()) == "NO") line += " not null";
            if (!def.empty()) line += " default " + normal_default(def);
            out.push_back(line);
        }
        auto indexes = q.exec_params(
            "SELECT i.relname, x.indisunique, x.indisprimary, "
            "coalesce(pg_get_expr(x.indpred, x.indrelid), ''), "
            "EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid), "
            "array_to_string(ARRAY(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY "
            "AS k(attnum, ord) JOIN pg_attribute a ON a.attrelid = x.indrelid AND "
            "a.attnum = k.attnum ORDER BY k.ord), ', ') "
            "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "JOIN pg_class r ON r.oid = x.indrelid JOIN pg_namespace n ON n.oid = r.relnamespace "
            "WHERE n.nspname = 'public' AND r.relname = $1",
            table);
        for (const auto& i : indexes) {
            std::string name = i[0].c_str();
            bool unique = std::string(i[1].c_str()) == "t";
            bool primary = std::string(i[2].c_str()) == "t";
            std::string where = i[3].c_str();
            bool constraint = std::string(i[4].c_str()) == "t";
            std::string columns = i[5].c_str();
            if (primary) {
                out.push_back("primary key " + table + " (" + columns + ")");
            } else if (constraint) {
                out.push_back("unique " + table + " (" + columns + ")");
            } else {
                std::string line = std::string(unique ? "unique index " : "index ") + name +
                                   " on " + table + " (" + columns + ")";
                if (!where.empty()) line += " where " + normal_predicate(where);
                out.push_back(line);
            }
        }
        auto keys = q.exec_params(
            "SELECT a.attname, f.relname, fa.attname FROM pg_constraint k "
            "JOIN pg_class r ON r.oid = k.conrelid JOIN pg_class f ON f.oid = k.confrelid "
            "JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1] "
            "JOIN pg_attribute fa ON fa.attrelid = k.confrelid AND fa.attnum = k.confkey[1] "
            "WHERE k.contype = 'f' AND r.relname = $1",
            table);
        for (const auto& k : keys) {
            out.push_back("foreign key " + table + "." + k[0].c_str() + " -> " + k[1].c_str() +
                          "." + k[2].c_str());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

// The differences store/schema.h declares, each on the one backend that has it.
const std::set<std::string> kSqliteOnly = {
    // SQLite keeps the share log in one table: its rowid is the id, and an index on time_ms
    // orders it as (time_ms, id).
    "index shares_time on shares (time_ms)",
    "primary key shares (id)",
};
const std::set<std::string> kPostgresOnly = {
    // PostgreSQL partitions the share log by day: (time_ms, id) is its key, and the id needs
    // an index of its own.
    "primary key shares (time_ms, id)",
    "index shares_id on shares (id)",
};

Lines without(const Lines& lines, const std::set<std::string>& declared) {
    Lines out;
    for (const auto& l : lines)
        if (!declared.count(l)) out.push_back(l);
    return out;
}

Lines only_in(const Lines& a, const Lines& b) {
    Lines out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

TEST(StoreSchema, BothBackendsHoldTheSameTablesColumnsKeysAndIndexes) {
    store_test::SqliteBackend sqlite;
    store_test::PostgresBackend postgres;
    StoreConfig sqlite_config = sqlite.config();
    StoreConfig postgres_config = postgres.config();
    open_store(sqlite_config);
    open_store(postgres_config);

    Lines lite = SqliteCatalogue(sqlite_config.sqlite_path).describe();
    Lines pg = describe_postgres(postgres_config);
    // The declared differences are really there (a schema change that removed one must remove
    // it here too).
    for (const auto& l : kSqliteOnly)
        EXPECT_TRUE(std::binary_search(lite.begin(), lite.end(), l)) << "SQLite lacks: " << l;
    for (const auto& l : kPostgresOnly)
        EXPECT_TRUE(std::binary_search(pg.begin(), pg.end(), l)) << "PostgreSQL lacks: " << l;

    Lines a = without(lite, kSqliteOnly);
    Lines b = without(pg, kPostgresOnly);
    EXPECT_GT(a.size(), 150u);  // every table was read, not an empty catalogue
    std::string diff;
    for (const auto& l : only_in(a, b))
        diff += "  SQLite only:     " + l + "\n";
    for (const auto& l : only_in(b, a))
        diff += "  PostgreSQL only: " + l + "\n";
    EXPECT_EQ(a, b) << diff;
}

}  // namespace
}  // namespace viddhana::store
