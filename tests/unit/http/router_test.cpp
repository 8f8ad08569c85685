#include "http/router.h"

#include <gtest/gtest.h>

namespace viddhana::http {
namespace {

Handler named(std::string name) {
    return [name](const Request&) { return text_response(name, "text/plain"); };
}

TEST(Router, MatchesLiteralAndParameterSegments) {
    Router r;
    r.get("/api/miners/{address}", named("miner"));
    r.get("/api/miners/{address}/workers", named("workers"));
    auto m = r.match("GET", "/api/miners/LTC1abc/workers");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.route->pattern, "/api/miners/{address}/workers");
    EXPECT_EQ(m.params.at("address"), "LTC1abc");
    EXPECT_EQ(r.match("GET", "/api/miners/x").route->pattern, "/api/miners/{address}");
}

TEST(Router, LiteralSegmentWinsOverParameter) {
    Router r;
    r.get("/api/blocks/{hash}", named("block"));
    r.get("/api/blocks/stats", named("stats"));
    EXPECT_EQ(r.match("GET", "/api/blocks/stats").route->pattern, "/api/blocks/stats");
    EXPECT_EQ(r.match("GET", "/api/blocks/00ff").route->pattern, "/api/blocks/{hash}");
}

TEST(Router, TrailingSlashIsTheSameResource) {
    Router r;
    r.get("/api/stats/pool", named("pool"));
    EXPECT_NE(r.match("GET", "/api/stats/pool/").route, nullptr);
    EXPECT_EQ(r.match("GET", "/api/stats").route, nullptr);
}

TEST(Router, WrongMethodListsTheAllowedOnes) {
    Router r;
    r.get("/api/auth/nonce", named("nonce"));
    r.post("/api/auth/wallet", named("wallet"));
    auto m = r.match("POST", "/api/auth/nonce");
    EXPECT_EQ(m.route, nullptr);
    EXPECT_EQ(m.allowed_methods, std::vector<std::string>{"GET"});
    EXPECT_TRUE(r.match("DELETE", "/nope").allowed_methods.empty());
}

TEST(Router, HeadIsAnsweredByGet) {
    Router r;
    r.get("/health", named("health"));
    EXPECT_NE(r.match("HEAD", "/health").route, nullptr);
}

TEST(Router, RejectsMalformedAndDuplicatePatterns) {
    Router r;
    r.get("/a/{x}", named("a"));
    EXPECT_THROW(r.get("/a/{y}", named("dup")), std::invalid_argument);
    EXPECT_THROW(r.get("a/b", named("rel")), std::invalid_argument);
    EXPECT_THROW(r.get("/a//b", named("empty")), std::invalid_argument);
    EXPECT_THROW(r.get("/a/{b", named("brace")), std::invalid_argument);
    EXPECT_NO_THROW(r.post("/a/{y}", named("post")));
}

}  // namespace
}  // namespace viddhana::http
