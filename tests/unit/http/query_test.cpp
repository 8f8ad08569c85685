#include "http/query.h"

#include <gtest/gtest.h>

#include "http/api_error.h"

namespace viddhana::http {
namespace {

Request with_query(std::map<std::string, std::string> q) {
    Request r;
    r.query = std::move(q);
    return r;
}

TEST(Query, ParsesPathAndDecodesQuery) {
    auto t = parse_target("/api/miners/a%20b?limit=5&name=x+y&flag&limit=9");
    ASSERT_TRUE(t) << t.error().message;
    EXPECT_EQ(t->path, "/api/miners/a b");
    EXPECT_EQ(t->query.at("limit"), "5");  // first value wins
    EXPECT_EQ(t->query.at("name"), "x y");
    EXPECT_EQ(t->query.at("flag"), "");
}

TEST(Query, MalformedEscapesAreErrors) {
    EXPECT_FALSE(parse_target("/a%zz"));
    EXPECT_FALSE(parse_target("/a?x=%4"));
    EXPECT_FALSE(parse_target("nopath"));
    EXPECT_FALSE(percent_decode("%", false));
}

TEST(Query, IntParamNamesTheParameter) {
    EXPECT_EQ(int_param(with_query({}), "limit", 50, 1, 100), 50);
    EXPECT_EQ(int_param(with_query({{"limit", "7"}}), "limit", 50, 1, 100), 7);
    try {
        (void)int_param(with_query({{"limit", "500"}}), "limit", 50, 1, 100);
        FAIL() << "expected ApiError";
    } catch (const ApiError& e) {
        EXPECT_EQ(e.status(), 400);
        EXPECT_EQ(e.code(), "bad_parameter");
        EXPECT_EQ(e.parameter(), "limit");
        EXPECT_NE(std::string(e.what()).find("between 1 and 100"), std::string::npos);
    }
    EXPECT_THROW((void)int_param(with_query({{"page", "x1"}}), "page", 0, 0, 10), ApiError);
}

TEST(Query, ChoiceParam) {
    EXPECT_EQ(
        choice_param(with_query({{"status", "pending"}}), "status", "all", {"all", "pending"}),
        "pending");
    EXPECT_THROW(
        (void)choice_param(with_query({{"status", "lost"}}), "status", "all", {"all", "pending"}),
        ApiError);
}

TEST(Query, TimeParamTakesMillisecondsOrIso8601) {
    EXPECT_EQ(time_param(with_query({{"from", "1700000000000"}}), "from"), 1700000000000);
    EXPECT_EQ(time_param(with_query({{"from", "2023-11-14T22:13:20Z"}}), "from"), 1700000000000);
    EXPECT_EQ(time_param(with_query({{"from", "2023-11-14T22:13:20.5Z"}}), "from"), 1700000000500);
    EXPECT_EQ(time_param(with_query({{"from", "2023-11-14"}}), "from"), 1699920000000);
    EXPECT_EQ(time_param(with_query({}), "from"), std::nullopt);
    // Seconds are a common mistake: refused with a message that says so.
    try {
        (void)time_param(with_query({{"to", "1700000000"}}), "to");
        FAIL();
    } catch (const ApiError& e) {
        EXPECT_EQ(e.parameter(), "to");
        EXPECT_NE(std::string(e.what()).find("seconds"), std::string::npos);
    }
    EXPECT_THROW((void)time_param(with_query({{"to", "yesterday"}}), "to"), ApiError);
}

TEST(Query, Durations) {
    EXPECT_EQ(*parse_duration_ms("15m"), 900'000);
    EXPECT_EQ(*parse_duration_ms("7d"), 604'800'000);
    EXPECT_EQ(*parse_duration_ms("250ms"), 250);
    EXPECT_EQ(*parse_duration_ms("30s"), 30'000);
    EXPECT_EQ(*parse_duration_ms("45"), 45'000);
    EXPECT_FALSE(parse_duration_ms("soon"));
    EXPECT_FALSE(parse_duration_ms("-5m"));
}

}  // namespace
}  // namespace viddhana::http
