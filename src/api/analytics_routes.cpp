// /api/ai/*: the analytics service's answers, forwarded (POST /api/ai/predict/earnings goes to
// POST {analytics.url}/api/v1/predict/earnings). Without analytics.url every route answers 503
// ai_unavailable: the routes and their error code keep the name the user's guide gives them.
#include <fmt/format.h>

#include "api/api_routes.h"
#include "http/api_error.h"
#include "http/http_client.h"

namespace viddhana::api {

namespace {

struct AnalyticsRoute {
    const char* method;
    const char* path;  // under /api/ai and /api/v1
};

constexpr AnalyticsRoute kAnalyticsRoutes[] = {
    {"POST", "/predict/earnings"},
    {"POST", "/predict/difficulty"},
    {"POST", "/sentinel/detect"},
    {"POST", "/optimize/worker"},
    {"GET", "/alerts"},
};

http::Response forward(const ApiContext& ctx, const AnalyticsRoute& route,
                       const http::Request& req) {
    if (ctx.config.analytics_url.empty()) {
        throw http::ApiError(
            503, "ai_unavailable",
            "the analytics service is not configured on this pool (analytics.url)");
    }
    auto base = http::parse_base_url(ctx.config.analytics_url);
    if (!base)
        throw http::ApiError(503, "ai_unavailable", "analytics.url: " + base.error().message);
    std::string target = std::string("/api/v1") + route.path;
    auto q = req.target.find('?');
    if (q != std::string::npos) target += req.target.substr(q);
    std::vector<std::pair<std::string, std::string>> headers;
    if (!req.body.empty()) headers.emplace_back("Content-Type", "application/json");
    headers.emplace_back("X-Forwarded-For", req.client_ip);
    auto res =
        http::call_http(*base, route.method, target, req.body, headers, std::chrono::seconds(10));
    if (!res) {
        throw http::ApiError(503, "ai_unavailable",
                             "the analytics service did not answer: " + res.error().message);
    }
    http::Response out;
    out.status = res->status;
    out.content_type = res->content_type.empty() ? "application/json" : res->content_type;
    out.body = std::move(res->body);
    return out;
}

}  // namespace

void add_analytics_routes(http::Router& r, ApiContext& ctx) {
    for (const auto& route : kAnalyticsRoutes) {
        r.add(route.method, std::string("/api/ai") + route.path,
              [&ctx, &route](const http::Request& req) { return forward(ctx, route, req); });
    }
}

}  // namespace viddhana::api
