// /api/ai/*: the analytics service's answers, forwarded (POST /api/ai/predict/earnings goes to
// POST {ai.url}/api/v1/predict/earnings). Without ai.url every route answers 503 ai_unavailable.
#include <fmt/format.h>

#include "api/api_routes.h"
#include "http/api_error.h"
#include "http/http_client.h"

namespace viddhana::api {

namespace {

struct AiRoute {
    const char* method;
    const char* path;  // under /api/ai and /api/v1
};

constexpr AiRoute kAiRoutes[] = {
    {"POST", "/predict/earnings"},
    {"POST", "/predict/difficulty"},
    {"POST", "/sentinel/detect"},
    {"POST", "/optimize/worker"},
    {"GET", "/alerts"},
};

http::Response forward(const ApiContext& ctx, const AiRoute& route, const http::Request& req) {
    if (ctx.config.ai_url.empty()) {
        throw http::ApiError(503, "ai_unavailable",
                             "the analytics service is not configured on this pool (ai.url)");
    }
    auto base = http::parse_base_url(ctx.config.ai_url);
    if (!base) throw http::ApiError(503, "ai_unavailable", "ai.url: " + base.error().message);
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

void add_ai_routes(http::Router& r, ApiContext& ctx) {
    for (const auto& route : kAiRoutes) {
        r.add(route.method, std::string("/api/ai") + route.path,
              [&ctx, &route](const http::Request& req) { return forward(ctx, route, req); });
    }
}

}  // namespace viddhana::api
