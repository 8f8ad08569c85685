// The online copy of an SQLite store: a consistent, checked copy under a new name, refusals that
// leave everything as it was.
#include "store/sqlite/sqlite_backup.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace fs = std::filesystem;

namespace {

struct SqliteBackup : ::testing::Test {
    fs::path dir;
    void SetUp() override {
        dir =
            fs::temp_directory_path() / ("sqlite-backup-" + std::to_string(std::random_device{}()));
        fs::create_directories(dir);
    }
    void TearDown() override { fs::remove_all(dir); }

    // A WAL-mode file shaped like a store: schema_migrations and some rows.
    std::string make_store(int rows) {
        std::string path = (dir / "store.db").string();
        sqlite3* db = nullptr;
        EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
        std::string sql =
            "PRAGMA journal_mode=WAL; CREATE TABLE schema_migrations(version INTEGER);"
            "INSERT INTO schema_migrations VALUES (1), (7); CREATE TABLE t(v INTEGER);";
        for (int i = 0; i < rows; ++i)
            sql += "INSERT INTO t VALUES (" + std::to_string(i) + ");";
        EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
        return path;
    }
    static int64_t count(const std::string& path) {
        sqlite3* db = nullptr;
        sqlite3_open(path.c_str(), &db);
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM t", -1, &s, nullptr);
        int64_t n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
        sqlite3_finalize(s);
        sqlite3_close(db);
        return n;
    }
};

TEST_F(SqliteBackup, CopiesEveryRowUnderTheNewName) {
    auto from = make_store(500);
    std::string to = (dir / "copy.db").string();
    auto copy = viddhana::store::copy_sqlite_database(from, to);
    ASSERT_TRUE(copy) << copy.error().message;
    EXPECT_GT(copy->pages, 0);
    EXPECT_EQ(count(to), 500);
    EXPECT_FALSE(fs::exists(to + ".partial"));
    EXPECT_FALSE(fs::exists(to + "-wal"));  // one self-contained file
    auto version = viddhana::store::sqlite_store_schema_version(to);
    ASSERT_TRUE(version) << version.error().message;
    EXPECT_EQ(*version, 7);
}

TEST_F(SqliteBackup, RefusesAnExistingTargetAndLeavesIt) {
    auto from = make_store(3);
    std::string to = (dir / "copy.db").string();
    std::ofstream(to) << "keep me";
    auto copy = viddhana::store::copy_sqlite_database(from, to);
    ASSERT_FALSE(copy);
    EXPECT_NE(copy.error().message.find("exists"), std::string::npos);
    std::ifstream in(to);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(text, "keep me");
}

TEST_F(SqliteBackup, MissingSourceIsAnErrorAndWritesNothing) {
    std::string to = (dir / "copy.db").string();
    auto copy = viddhana::store::copy_sqlite_database((dir / "none.db").string(), to);
    ASSERT_FALSE(copy);
    EXPECT_FALSE(fs::exists(to));
    EXPECT_FALSE(fs::exists(to + ".partial"));
}

TEST_F(SqliteBackup, AFileThatIsNotAStoreHasNoSchemaVersion) {
    std::string other = (dir / "other.db").string();
    sqlite3* db = nullptr;
    sqlite3_open(other.c_str(), &db);
    sqlite3_exec(db, "CREATE TABLE x(a)", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    auto version = viddhana::store::sqlite_store_schema_version(other);
    ASSERT_FALSE(version);
    EXPECT_NE(version.error().message.find("not a Viddhana store"), std::string::npos);
    std::string text_file = (dir / "notes.txt").string();
    std::ofstream(text_file) << "not a database at all, just some text that is long enough";
    EXPECT_FALSE(viddhana::store::sqlite_store_schema_version(text_file));
}

}  // namespace
