// Migration list checks and the choice of pending migrations (no database).
#include <gtest/gtest.h>

#include "store/migration.h"
#include "store/postgres/pg_store.h"
#include "store/schema_sql.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace viddhana::store {
namespace {

std::vector<Migration> three() {
    return {{1, "one", "CREATE TABLE a (x INT)"},
            {2, "two", "CREATE TABLE b (x INT)"},
            {3, "three", "CREATE TABLE c (x INT)"}};
}

TEST(MigrationOrder, AcceptsConsecutiveVersions) {
    EXPECT_FALSE(check_migration_order(three()));
}

TEST(MigrationOrder, RejectsGapsDuplicatesAndDisorder) {
    auto gap = three();
    gap[2].version = 4;
    auto e = check_migration_order(gap);
    ASSERT_TRUE(e);
    EXPECT_NE(e->message.find("expected 3"), std::string::npos);
    auto swapped = three();
    std::swap(swapped[0], swapped[1]);
    EXPECT_TRUE(check_migration_order(swapped));
    auto dup = three();
    dup[1].version = 1;
    EXPECT_TRUE(check_migration_order(dup));
    auto unnamed = three();
    unnamed[0].name.clear();
    EXPECT_TRUE(check_migration_order(unnamed));
    auto empty_sql = three();
    empty_sql[1].sql.clear();
    EXPECT_TRUE(check_migration_order(empty_sql));
}

TEST(PendingMigrations, ReturnsTheTailAfterCurrent) {
    auto all = three();
    auto from_zero = pending_migrations(0, all);
    ASSERT_TRUE(from_zero.ok());
    ASSERT_EQ(from_zero->size(), 3u);
    EXPECT_EQ(from_zero->front().version, 1);
    auto from_two = pending_migrations(2, all);
    ASSERT_TRUE(from_two.ok());
    ASSERT_EQ(from_two->size(), 1u);
    EXPECT_EQ(from_two->front().name, "three");
    auto none = pending_migrations(3, all);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());
}

TEST(PendingMigrations, RefusesANewerDatabase) {
    auto newer = pending_migrations(4, three());
    ASSERT_FALSE(newer.ok());
    EXPECT_NE(newer.error().message.find("newer than this build knows"), std::string::npos);
    EXPECT_NE(newer.error().message.find("latest 3"), std::string::npos);
}

TEST(PendingMigrations, RefusesAMalformedList) {
    auto bad = three();
    bad[0].version = 0;
    EXPECT_FALSE(pending_migrations(0, bad).ok());
}

TEST(BackendSchemas, AreWellOrderedAndOfEqualLength) {
    auto sqlite = migrations_for(SqlDialect::sqlite);
    auto postgres = migrations_for(SqlDialect::postgres);
    EXPECT_FALSE(check_migration_order(sqlite));
    EXPECT_FALSE(check_migration_order(postgres));
    ASSERT_EQ(sqlite.size(), postgres.size());
    for (size_t i = 0; i < sqlite.size(); ++i)
        EXPECT_EQ(sqlite[i].name, postgres[i].name);
}

TEST(SharePartitions, NamesRoundTripThroughDays) {
    // 2024-02-29 is day 19782 since 1970-01-01.
    EXPECT_EQ(share_partition_name(19782), "shares_p20240229");
    EXPECT_EQ(share_partition_day("shares_p20240229"), 19782);
    EXPECT_EQ(share_partition_name(0), "shares_p19700101");
    for (int64_t day : {0, 1, 59, 10957, 19782, 20000, 30000}) {
        EXPECT_EQ(share_partition_day(share_partition_name(day)), day);
    }
    EXPECT_FALSE(share_partition_day("shares_p20230229"));  // not a leap year
    EXPECT_FALSE(share_partition_day("shares_p2024022"));
    EXPECT_FALSE(share_partition_day("shares_x20240229"));
    EXPECT_FALSE(share_partition_day("shares_p2024a229"));
}

TEST(Migrations, BothBackendsReachTheBuildsSchemaVersion) {
    EXPECT_EQ(migrations_for(SqlDialect::sqlite).back().version, kSchemaVersion);
    EXPECT_EQ(migrations_for(SqlDialect::postgres).back().version, kSchemaVersion);
}

// One definition, two dialects: what each backend's SQL makes of every kind of change.
TEST(SchemaSql, RendersOneDefinitionForEachBackend) {
    Column login;
    login.name = "login";
    login.type = ColumnType::text;
    login.not_null = true;
    login.bytewise = true;
    login.references = "miners(login)";
    Column amount;
    amount.name = "amount";
    amount.type = ColumnType::big_integer;
    amount.not_null = true;
    amount.default_value = "0";
    amount.check = "amount >= 0";
    Column id;
    id.name = "id";
    id.row_id = true;
    id.primary_key = true;
    Column time;
    time.name = "time_ms";
    time.not_null = true;
    Index by_login{"credits_login", "credits", {"login", "id"}, "amount > 0", false, std::nullopt};
    Index pg_only{"log_id", "log", {"id"}, "", false, SqlDialect::postgres};
    Column note;
    note.name = "note";
    note.type = ColumnType::text;
    std::vector<SchemaVersion> history{
        {1, "credits", {Table{"credits", {id, login, amount}, {}, ""}, by_login}},
        {2, "log", {Table{"log", {id, time}, {}, "time_ms"}, pg_only, AddColumn{"credits", note}}},
    };

    auto sqlite = render_migrations(SqlDialect::sqlite, history);
    ASSERT_EQ(sqlite.size(), 2u);
    EXPECT_EQ(sqlite[0].version, 1);
    EXPECT_EQ(sqlite[0].name, "credits");
    EXPECT_EQ(sqlite[0].sql,
              "CREATE TABLE credits (\n"
              "    id INTEGER PRIMARY KEY,\n"
              "    login TEXT NOT NULL REFERENCES miners(login),\n"
              "    amount BIGINT NOT NULL DEFAULT 0 CHECK (amount >= 0)\n"
              ");\n"
              "CREATE INDEX credits_login ON credits (login, id) WHERE amount > 0;\n");
    EXPECT_EQ(sqlite[1].sql,
              "CREATE TABLE log (\n"
              "    id INTEGER PRIMARY KEY,\n"
              "    time_ms BIGINT NOT NULL\n"
              ");\n"
              "ALTER TABLE credits ADD COLUMN note TEXT;\n");

    auto postgres = render_migrations(SqlDialect::postgres, history);
    ASSERT_EQ(postgres.size(), 2u);
    EXPECT_EQ(postgres[0].sql,
              "CREATE TABLE credits (\n"
              "    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
              "    login TEXT COLLATE \"C\" NOT NULL REFERENCES miners(login),\n"
              "    amount BIGINT NOT NULL DEFAULT 0 CHECK (amount >= 0)\n"
              ");\n"
              "CREATE INDEX credits_login ON credits (login, id) WHERE amount > 0;\n");
    EXPECT_EQ(postgres[1].sql,
              "CREATE SEQUENCE log_id_seq AS BIGINT CACHE 1000;\n"
              "CREATE TABLE log (\n"
              "    id BIGINT NOT NULL DEFAULT nextval('log_id_seq'),\n"
              "    time_ms BIGINT NOT NULL,\n"
              "    PRIMARY KEY (time_ms, id)\n"
              ") PARTITION BY RANGE (time_ms);\n"
              "ALTER SEQUENCE log_id_seq OWNED BY log.id;\n"
              "CREATE INDEX log_id ON log (id);\n"
              "ALTER TABLE credits ADD COLUMN note TEXT;\n");
}

}  // namespace
}  // namespace viddhana::store
