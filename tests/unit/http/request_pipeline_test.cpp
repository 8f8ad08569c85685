#include "http/request_pipeline.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/api_error.h"

namespace viddhana::http {
namespace {

class PipelineTest : public ::testing::Test {
  protected:
    PipelineTest() {
        router_.get("/api/stats/pool", [](const Request&) {
            return json_response({{"stats", {{"hashrate", 1}}}});
        });
        router_.get("/api/miners/{address}", [](const Request& r) {
            if (r.path_param("address") == "bad") {
                throw ApiError(400, "bad_address", "not an address", "address");
            }
            return json_response({{"address", r.path_param("address")}});
        });
        router_.get("/api/boom", [](const Request&) -> Response {
            throw std::runtime_error("database exploded");
        });
        router_.post("/api/auth/wallet",
                     [](const Request&) {
                         return json_response({{"ok", true}});
                     },
                     {"auth", true});
        options_.name = "test";
        options_.cors = CorsPolicy::from_list("http://localhost:3004, https://pool.example/");
        options_.rate_limits = {{"api", {3, 60'000}}, {"auth", {1, 900'000}}};
        options_.default_bucket = "api";
        options_.access_log = false;
    }

    static Request get(std::string path, std::string ip = "10.0.0.1") {
        Request r;
        r.method = "GET";
        r.path = std::move(path);
        r.client_ip = std::move(ip);
        return r;
    }

    static nlohmann::json body(const Response& r) { return nlohmann::json::parse(r.body); }

    ManualClock clock_;
    Router router_;
    PipelineOptions options_;
    metrics::Registry registry_;
};

TEST_F(PipelineTest, AnswersWithSecurityHeadersAndRecordsMetrics) {
    RequestPipeline p(router_, options_, clock_, &registry_);
    auto req = get("/api/stats/pool");
    auto res = p.handle(req);
    EXPECT_EQ(res.status, 200);
    EXPECT_EQ(body(res)["stats"]["hashrate"], 1);
    EXPECT_EQ(res.header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(res.header("X-Frame-Options"), "DENY");
    EXPECT_EQ(res.header("Referrer-Policy"), "no-referrer");
    EXPECT_EQ(res.header("Cache-Control"), std::nullopt);
    auto text = registry_.render();
    EXPECT_NE(
        text.find(
            R"(http_requests_total{server="test",route="/api/stats/pool",method="GET",status="200"} 1)"),
        std::string::npos)
        << text;
    EXPECT_NE(
        text.find(
            R"(http_request_duration_seconds_count{server="test",route="/api/stats/pool"} 1)"),
        std::string::npos)
        << text;
}

TEST_F(PipelineTest, PrivateRoutesAreNotStored) {
    RequestPipeline p(router_, options_, clock_, nullptr);
    auto req = get("/api/auth/wallet");
    req.method = "POST";
    EXPECT_EQ(p.handle(req).header("Cache-Control"), "no-store");
}

TEST_F(PipelineTest, ErrorsHaveOneShape) {
    RequestPipeline p(router_, options_, clock_, nullptr);
    auto bad = get("/api/miners/bad");
    auto res = p.handle(bad);
    EXPECT_EQ(res.status, 400);
    EXPECT_EQ(
        body(res),
        (nlohmann::json{
            {"error",
             {{"code", "bad_address"}, {"message", "not an address"}, {"parameter", "address"}}}}));
    auto missing = get("/nope");
    res = p.handle(missing);
    EXPECT_EQ(res.status, 404);
    EXPECT_EQ(body(res)["error"]["code"], "not_found");
    auto boom = get("/api/boom", "10.0.0.2");
    res = p.handle(boom);
    EXPECT_EQ(res.status, 500);
    EXPECT_EQ(body(res)["error"]["code"], "internal_error");
    // The exception's text stays in the log, not in the answer.
    EXPECT_EQ(res.body.find("exploded"), std::string::npos);
    auto wrong = get("/api/auth/wallet", "10.0.0.2");
    res = p.handle(wrong);
    EXPECT_EQ(res.status, 405);
    EXPECT_EQ(res.header("Allow"), "POST");
}

TEST_F(PipelineTest, RateLimitsPerClientAndBucket) {
    RequestPipeline p(router_, options_, clock_, nullptr);
    for (int i = 0; i < 3; ++i) {
        auto req = get("/api/stats/pool");
        ASSERT_EQ(p.handle(req).status, 200);
    }
    auto req = get("/api/stats/pool");
    auto res = p.handle(req);
    EXPECT_EQ(res.status, 429);
    EXPECT_EQ(body(res)["error"]["code"], "rate_limited");
    EXPECT_EQ(res.header("Retry-After"), "20");
    auto other = get("/api/stats/pool", "10.0.0.9");
    EXPECT_EQ(p.handle(other).status, 200);
    // The auth bucket is separate and stricter.
    auto login = get("/api/auth/wallet");
    login.method = "POST";
    EXPECT_EQ(p.handle(login).status, 200);
    EXPECT_EQ(p.handle(login).status, 429);
    EXPECT_EQ(p.handle(login).header("Retry-After"), "900");
    clock_.advance_ms(20'000);
    EXPECT_EQ(p.handle(req).status, 200);
}

TEST_F(PipelineTest, CorsHeadersOnlyForAllowedOrigins) {
    RequestPipeline p(router_, options_, clock_, nullptr);
    auto req = get("/api/stats/pool");
    req.headers["origin"] = "https://pool.example";
    auto res = p.handle(req);
    EXPECT_EQ(res.header("Access-Control-Allow-Origin"), "https://pool.example");
    EXPECT_EQ(res.header("Vary"), "Origin");
    req.headers["origin"] = "https://evil.example";
    EXPECT_EQ(p.handle(req).header("Access-Control-Allow-Origin"), std::nullopt);
}

TEST_F(PipelineTest, PreflightListsMethods) {
    RequestPipeline p(router_, options_, clock_, nullptr);
    auto req = get("/api/auth/wallet");
    req.method = "OPTIONS";
    req.headers["origin"] = "http://localhost:3004";
    req.headers["access-control-request-method"] = "POST";
    auto res = p.handle(req);
    EXPECT_EQ(res.status, 204);
    EXPECT_EQ(res.header("Access-Control-Allow-Origin"), "http://localhost:3004");
    EXPECT_EQ(res.header("Access-Control-Allow-Methods"), "POST, OPTIONS");
    EXPECT_NE(res.header("Access-Control-Allow-Headers")->find("Authorization"), std::string::npos);
    req.headers["origin"] = "http://elsewhere";
    res = p.handle(req);
    EXPECT_EQ(res.status, 403);
    EXPECT_EQ(body(res)["error"]["code"], "origin_not_allowed");
    req.path = "/nope";
    EXPECT_EQ(p.handle(req).status, 404);
    // Without an Origin it is not a preflight: the methods, no CORS headers.
    auto plain = get("/api/auth/wallet");
    plain.method = "OPTIONS";
    auto allow = p.handle(plain);
    EXPECT_EQ(allow.status, 204);
    EXPECT_EQ(allow.header("Allow"), "POST, OPTIONS");
    EXPECT_EQ(allow.header("Access-Control-Allow-Origin"), std::nullopt);
}

TEST_F(PipelineTest, HeadHasNoBody) {
    RequestPipeline p(router_, options_, clock_, nullptr);
    auto req = get("/api/stats/pool");
    req.method = "HEAD";
    auto res = p.handle(req);
    EXPECT_EQ(res.status, 200);
    EXPECT_TRUE(res.body.empty());
    auto full = get("/api/stats/pool");
    auto body = p.handle(full).body;
    ASSERT_FALSE(body.empty());
    EXPECT_EQ(res.header("Content-Length"), std::to_string(body.size()));
}

}  // namespace
}  // namespace viddhana::http
