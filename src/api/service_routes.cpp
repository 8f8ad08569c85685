// GET /health (every component, 503 when one is down), GET /ready (can answer: the database
// works), GET /api (what this server is) and GET /api/openapi.yaml (the route document).
#include <fmt/format.h>

#include "api/api_routes.h"
#include "chain/pow.h"
#include "http/api_error.h"

namespace viddhana::api {

namespace {

std::pair<bool, nlohmann::json> probe_database(const ApiContext& ctx) {
    try {
        auto version = ctx.store->schema_version();
        return {true,
                {{"status", "ok"},
                 {"backend", std::string(ctx.store->backend_name())},
                 {"schemaVersion", version}}};
    } catch (const std::exception& e) {
        return {false, {{"status", "down"}, {"error", e.what()}}};
    }
}

std::pair<bool, nlohmann::json> probe_node(const ApiContext& ctx) {
    auto snap = ctx.network->get();
    nlohmann::json j{{"status", snap.reachable ? "ok" : "down"}};
    if (snap.info) {
        j["height"] = snap.info->height;
        j["difficulty"] = snap.info->difficulty;
    }
    if (!snap.reachable) j["error"] = snap.last_error;
    return {snap.reachable, j};
}

}  // namespace

void add_service_routes(http::Router& r, ApiContext& ctx) {
    r.get("/health", [&ctx](const http::Request&) {
        nlohmann::json checks;
        bool healthy = true;
        auto add = [&](const std::string& name, std::pair<bool, nlohmann::json> result) {
            checks[name] = std::move(result.second);
            healthy = healthy && result.first;
        };
        add("database", probe_database(ctx));
        add("node", probe_node(ctx));
        for (const auto& p : ctx.probes) {
            try {
                add(p.name, p.probe());
            } catch (const std::exception& e) {
                add(p.name, {false, {{"status", "down"}, {"error", e.what()}}});
            }
        }
        nlohmann::json body{{"status", healthy ? "ok" : "degraded"},
                            {"time", ctx.clock->now_ms()},
                            {"checks", std::move(checks)}};
        return http::json_response(body, healthy ? 200 : 503);
    });

    r.get("/ready", [&ctx](const http::Request&) {
        auto db = probe_database(ctx);
        if (!db.first) {
            return http::error_response(
                503, "not_ready",
                "the database is not reachable: " + db.second.value("error", std::string()));
        }
        return http::json_response({{"status", "ready"}});
    });

    r.get("/api", [&ctx](const http::Request&) {
        const auto& coin = *ctx.info.coin;
        return http::json_response({{"name", ctx.info.name},
                                    {"version", ctx.info.version},
                                    {"coin", coin.coin},
                                    {"symbol", coin.symbol},
                                    {"network", ctx.info.network},
                                    {"algorithm", std::string(chain::to_string(coin.algorithm))},
                                    {"documentation", "/api/openapi.yaml"},
                                    {"websocket", "/ws"}});
    });

    r.get("/api/openapi.yaml", [&ctx](const http::Request&) {
        if (ctx.openapi_yaml.empty()) {
            throw http::ApiError(404, "not_found", "the OpenAPI document is not installed");
        }
        return http::text_response(ctx.openapi_yaml, "application/yaml");
    });
}

}  // namespace viddhana::api
