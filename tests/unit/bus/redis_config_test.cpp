// parse_redis_url: the REDIS_URL forms a deployment uses, and clear errors for the rest.
#include "bus/redis_config.h"

#include <gtest/gtest.h>

namespace viddhana::bus {
namespace {

RedisBusConfig parsed(std::string_view url) {
    auto c = parse_redis_url(url);
    EXPECT_TRUE(c.ok()) << url << ": " << (c.ok() ? "" : c.error().message);
    return c.ok() ? *c : RedisBusConfig{};
}

std::string error_of(std::string_view url) {
    auto c = parse_redis_url(url);
    EXPECT_FALSE(c.ok()) << url << " was accepted";
    return c.ok() ? "" : c.error().message;
}

TEST(RedisUrl, PasswordHostPortAndDatabase) {
    auto c = parsed("redis://:s3cret@redis.internal:6380/2");
    EXPECT_EQ(c.host, "redis.internal");
    EXPECT_EQ(c.port, 6380);
    EXPECT_EQ(c.username, "");
    EXPECT_EQ(c.password, "s3cret");
    EXPECT_EQ(c.db, 2);
}

TEST(RedisUrl, HostAloneTakesTheDefaults) {
    auto c = parsed("redis://localhost");
    EXPECT_EQ(c.host, "localhost");
    EXPECT_EQ(c.port, 6379);
    EXPECT_EQ(c.password, "");
    EXPECT_EQ(c.db, 0);
    EXPECT_EQ(parsed("redis://localhost/").db, 0);
    EXPECT_EQ(parsed("REDIS://localhost:7000").port, 7000);
}

TEST(RedisUrl, UserAndPercentEncodedPassword) {
    auto c = parsed("redis://pool:p%40ss%3Aw%2Fd@10.0.0.5:6379/0");
    EXPECT_EQ(c.username, "pool");
    EXPECT_EQ(c.password, "p@ss:w/d");
    EXPECT_EQ(c.host, "10.0.0.5");
}

TEST(RedisUrl, PasswordContainingAtSign) {
    // The last '@' ends the user info.
    auto c = parsed("redis://:a@b@host:1/3");
    EXPECT_EQ(c.password, "a@b");
    EXPECT_EQ(c.host, "host");
    EXPECT_EQ(c.port, 1);
    EXPECT_EQ(c.db, 3);
}

TEST(RedisUrl, UserWithoutPassword) {
    auto c = parsed("redis://reader@host");
    EXPECT_EQ(c.username, "reader");
    EXPECT_EQ(c.password, "");
}

TEST(RedisUrl, BracketedIpv6Host) {
    auto c = parsed("redis://[::1]:6390/1");
    EXPECT_EQ(c.host, "::1");
    EXPECT_EQ(c.port, 6390);
    EXPECT_EQ(c.db, 1);
    EXPECT_EQ(describe_server(c), "[::1]:6390/1");
}

TEST(RedisUrl, KeepsTheBaseConfigsOtherFields) {
    RedisBusConfig base;
    base.stream_key = "custom:events";
    base.group = "analytics";
    base.password = "from-yaml";
    auto c = parse_redis_url("redis://h:1", base);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->stream_key, "custom:events");
    EXPECT_EQ(c->group, "analytics");
    EXPECT_EQ(c->password, "");  // the URL says everything about the server
}

TEST(RedisUrl, DescribeServerNeverShowsThePassword) {
    auto c = parsed("redis://:topsecret@h:6379/4");
    EXPECT_EQ(describe_server(c), "h:6379/4");
}

TEST(RedisUrl, RejectsWhatItCannotServe) {
    EXPECT_NE(error_of("localhost:6379").find("missing scheme"), std::string::npos);
    EXPECT_NE(error_of("rediss://h").find("TLS"), std::string::npos);
    EXPECT_NE(error_of("unix:///tmp/redis.sock").find("unix socket"), std::string::npos);
    EXPECT_NE(error_of("http://h").find("unsupported scheme 'http'"), std::string::npos);
    EXPECT_NE(error_of("redis://").find("missing host"), std::string::npos);
    EXPECT_NE(error_of("redis://:pw@:6379").find("missing host"), std::string::npos);
    EXPECT_NE(error_of("redis://h:0").find("port '0'"), std::string::npos);
    EXPECT_NE(error_of("redis://h:65536").find("port '65536'"), std::string::npos);
    EXPECT_NE(error_of("redis://h:63x").find("port '63x'"), std::string::npos);
    EXPECT_NE(error_of("redis://h:").find("empty port"), std::string::npos);
    EXPECT_NE(error_of("redis://h/db1").find("database 'db1'"), std::string::npos);
    EXPECT_NE(error_of("redis://h/-1").find("database '-1'"), std::string::npos);
    EXPECT_NE(error_of("redis://h/0?timeout=5").find("query or fragment"), std::string::npos);
    EXPECT_NE(error_of("redis://:p%4@h").find("percent escape"), std::string::npos);
    EXPECT_NE(error_of("redis://:p%zz@h").find("percent escape"), std::string::npos);
    EXPECT_NE(error_of("redis://[::1").find("unterminated IPv6"), std::string::npos);
    EXPECT_NE(error_of("redis://[::1]x").find("after the host"), std::string::npos);
}

}  // namespace
}  // namespace viddhana::bus
