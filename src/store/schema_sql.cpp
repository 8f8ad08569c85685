#include "store/schema_sql.h"

#include <string>

namespace viddhana::store {
namespace {

const char* type_name(ColumnType type) {
    switch (type) {
        case ColumnType::big_integer:
            return "BIGINT";
        case ColumnType::integer:
            return "INTEGER";
        case ColumnType::small_integer:
            return "SMALLINT";
        case ColumnType::real:
            return "DOUBLE PRECISION";
        case ColumnType::text:
            return "TEXT";
    }
    return "TEXT";
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += ", ";
        out += item;
    }
    return out;
}

std::string column_sql(SqlDialect d, const Table* table, const Column& c) {
    const bool pg = d == SqlDialect::postgres;
    if (c.row_id) {
        // The id of the share log comes from a sequence: its key is (time_ms, id).
        if (pg && table && !table->partitioned_by_day.empty())
            return c.name + " BIGINT NOT NULL DEFAULT nextval('" + table->name + "_id_seq')";
        return c.name +
               (pg ? " BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : " INTEGER PRIMARY KEY");
    }
    std::string s = c.name + " " + type_name(c.type);
    if (pg && c.bytewise) s += " COLLATE \"C\"";
    if (c.not_null) s += " NOT NULL";
    if (c.unique) s += " UNIQUE";
    if (!c.default_value.empty()) s += " DEFAULT " + c.default_value;
    if (!c.check.empty()) s += " CHECK (" + c.check + ")";
    if (c.primary_key) s += " PRIMARY KEY";
    if (!c.references.empty()) s += " REFERENCES " + c.references;
    return s;
}

std::string table_sql(SqlDialect d, const Table& t) {
    const bool pg = d == SqlDialect::postgres;
    const bool partitioned = pg && !t.partitioned_by_day.empty();
    std::string s;
    std::string id_column;
    for (const auto& c : t.columns)
        if (c.row_id) id_column = c.name;
    if (partitioned) s += "CREATE SEQUENCE " + t.name + "_id_seq AS BIGINT CACHE 1000;\n";
    s += "CREATE TABLE " + t.name + " (\n";
    std::vector<std::string> lines;
    for (const auto& c : t.columns)
        lines.push_back("    " + column_sql(d, &t, c));
    if (partitioned) {
        lines.push_back("    PRIMARY KEY (" + t.partitioned_by_day + ", " + id_column + ")");
    } else if (!t.primary_key.empty()) {
        lines.push_back("    PRIMARY KEY (" + join(t.primary_key) + ")");
    }
    for (size_t i = 0; i < lines.size(); ++i)
        s += lines[i] + (i + 1 < lines.size() ? ",\n" : "\n");
    s += ")";
    if (partitioned) s += " PARTITION BY RANGE (" + t.partitioned_by_day + ")";
    s += ";\n";
    if (partitioned) {
        s += "ALTER SEQUENCE " + t.name + "_id_seq OWNED BY " + t.name + "." + id_column + ";\n";
    }
    return s;
}

std::string index_sql(const Index& i) {
    std::string s = std::string(i.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") + i.name +
                    " ON " + i.table + " (" + join(i.columns) + ")";
    if (!i.where.empty()) s += " WHERE " + i.where;
    return s + ";\n";
}

std::string change_sql(SqlDialect d, const SchemaChange& change) {
    if (const auto* t = std::get_if<Table>(&change)) return table_sql(d, *t);
    if (const auto* i = std::get_if<Index>(&change)) {
        if (i->only && *i->only != d) return {};
        return index_sql(*i);
    }
    const auto& a = std::get<AddColumn>(change);
    return "ALTER TABLE " + a.table + " ADD COLUMN " + column_sql(d, nullptr, a.column) + ";\n";
}

}  // namespace

std::vector<Migration> render_migrations(SqlDialect dialect,
                                         const std::vector<SchemaVersion>& history) {
    std::vector<Migration> out;
    for (const auto& v : history) {
        Migration m{v.version, v.name, {}};
        for (const auto& change : v.changes)
            m.sql += change_sql(dialect, change);
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace viddhana::store
