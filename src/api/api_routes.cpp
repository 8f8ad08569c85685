#include "api/api_routes.h"

#include <spdlog/spdlog.h>

#include "http/api_error.h"
#include "http/query.h"

namespace viddhana::api {

store::Page page_param(const http::Request& req, int64_t default_limit) {
    store::Page p;
    p.limit = http::int_param(req, "limit", default_limit, 1, 100);
    p.offset = http::int_param(req, "page", 0, 0, 1'000'000) * p.limit;
    p.oldest_first = http::choice_param(req, "order", "newest", {"newest", "oldest"}) == "oldest";
    p.from_ms = http::time_param(req, "from").value_or(0);
    p.to_ms = http::time_param(req, "to").value_or(0);
    if (p.to_ms != 0 && p.to_ms <= p.from_ms) {
        http::throw_bad_parameter("from", "'from' must be before 'to'");
    }
    return p;
}

http::Handler guarded(http::Handler handler) {
    return [handler = std::move(handler)](const http::Request& req) -> http::Response {
        try {
            return handler(req);
        } catch (const store::StoreUnavailable& e) {
            spdlog::warn("api: {} {}: store unavailable: {}", req.method, req.path, e.what());
            auto res = http::error_response(503, "store_unavailable",
                                            "the pool's database is not reachable; try again "
                                            "shortly");
            res.set_header("Retry-After", "5");
            return res;
        }
    };
}

http::Router build_api_router(ApiContext& ctx) {
    http::Router r;
    add_service_routes(r, ctx);
    add_stats_routes(r, ctx);
    add_block_routes(r, ctx);
    add_miner_routes(r, ctx);
    add_analytics_routes(r, ctx);
    add_auth_routes(r, ctx);
    add_account_routes(r, ctx);
    return r;
}

}  // namespace viddhana::api
