// PostgreSQL URL parsing, conninfo quoting and store locations.
#include <gtest/gtest.h>

#include "store/store_config.h"

namespace viddhana::store {
namespace {

TEST(PostgresUrl, ParsesEveryPart) {
    auto c = parse_postgres_url("postgresql://pool:s3cret@db.example:6543/ledger");
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->user, "pool");
    EXPECT_EQ(c->password, "s3cret");
    EXPECT_EQ(c->host, "db.example");
    EXPECT_EQ(c->port, 6543);
    EXPECT_EQ(c->database, "ledger");
}

TEST(PostgresUrl, DecodesPercentEscapesAndKeepsDefaults) {
    auto c = parse_postgres_url("postgres://us%40er:p%3Aw%2Fd@127.0.0.1/");
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->user, "us@er");
    EXPECT_EQ(c->password, "p:w/d");
    EXPECT_EQ(c->port, 5432);
    EXPECT_EQ(c->database, "viddhana");
}

TEST(PostgresUrl, AcceptsBracketedIpv6Host) {
    auto c = parse_postgres_url("postgresql://u@[::1]:5433/db");
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->host, "::1");
    EXPECT_EQ(c->port, 5433);
    EXPECT_EQ(c->user, "u");
    EXPECT_TRUE(c->password.empty());
}

TEST(PostgresUrl, PasswordMayContainAtSign) {
    auto c = parse_postgres_url("postgresql://u:a@b@host/db");
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->user, "u");
    EXPECT_EQ(c->password, "a@b");
    EXPECT_EQ(c->host, "host");
}

TEST(PostgresUrl, RejectsBadInputWithReason) {
    auto scheme = parse_postgres_url("mysql://u@h/db");
    ASSERT_FALSE(scheme.ok());
    EXPECT_NE(scheme.error().message.find("postgresql://"), std::string::npos);
    auto port = parse_postgres_url("postgresql://u@h:99999/db");
    ASSERT_FALSE(port.ok());
    EXPECT_NE(port.error().message.find("port"), std::string::npos);
    EXPECT_FALSE(parse_postgres_url("postgresql://u@h:12ab/db").ok());
    EXPECT_FALSE(parse_postgres_url("postgresql://u@h/db?sslmode=require").ok());
    EXPECT_FALSE(parse_postgres_url("postgresql://u:%zz@h/db").ok());
    EXPECT_FALSE(parse_postgres_url("postgresql://u:%4@h/db").ok());
    EXPECT_FALSE(parse_postgres_url("postgresql://u@[::1/db").ok());
}

TEST(PostgresUrl, ConninfoQuotesValues) {
    PostgresConnection c;
    c.host = "h";
    c.port = 7;
    c.database = "d b";
    c.user = "o'neil";
    c.password = "back\\slash";
    std::string s = to_conninfo(c);
    EXPECT_NE(s.find("host='h'"), std::string::npos);
    EXPECT_NE(s.find("port=7"), std::string::npos);
    EXPECT_NE(s.find("dbname='d b'"), std::string::npos);
    EXPECT_NE(s.find("user='o\\'neil'"), std::string::npos);
    EXPECT_NE(s.find("password='back\\\\slash'"), std::string::npos);
}

TEST(PostgresUrl, UrlRoundTripsAndHidesPassword) {
    auto c = parse_postgres_url("postgresql://u%20x:p%40ss@host:6000/my%2Fdb");
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(to_url(*c), "postgresql://u%20x:***@host:6000/my%2Fdb");
    auto again = parse_postgres_url(to_url(*c, true));
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->password, "p@ss");
    EXPECT_EQ(again->database, "my/db");
    EXPECT_EQ(again->user, "u x");
}

TEST(StoreLocation, ChoosesBackend) {
    auto pg = parse_store_location("postgresql://a:b@c:1/d");
    ASSERT_TRUE(pg.ok());
    EXPECT_EQ(pg->backend, StoreBackend::postgres);
    EXPECT_EQ(pg->postgres.host, "c");
    auto file = parse_store_location("sqlite:/tmp/x.db");
    ASSERT_TRUE(file.ok());
    EXPECT_EQ(file->backend, StoreBackend::sqlite);
    EXPECT_EQ(file->sqlite_path, "/tmp/x.db");
    auto bare = parse_store_location("data/pool.db");
    ASSERT_TRUE(bare.ok());
    EXPECT_EQ(bare->sqlite_path, "data/pool.db");
    EXPECT_FALSE(parse_store_location("").ok());
    EXPECT_FALSE(parse_store_location("postgresql://u@h:0/d").ok());
}

TEST(StoreConfigValidation, RejectsOutOfRangeValues) {
    StoreConfig c;
    EXPECT_TRUE(validate(c).ok());
    c.share_retention_days = -1;
    auto bad = validate(c);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("share_retention_days"), std::string::npos);
    c = StoreConfig{};
    c.read_connections = 17;
    EXPECT_FALSE(validate(c).ok());
    c = StoreConfig{};
    c.backend = StoreBackend::postgres;
    c.postgres.host.clear();
    EXPECT_FALSE(validate(c).ok());
}

}  // namespace
}  // namespace viddhana::store
