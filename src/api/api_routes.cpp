#include "api/api_routes.h"

#include <spdlog/spdlog.h>

#include "http/api_error.h"
#include "http/query.h"

namespace viddhana::api {

store::Page page_param(const http::Request& req, int64_t default_limit) {
    int64_t limit = http::int_param(req, "limit", default_limit, 1, 100);
    int64_t page = http::int_param(req, "page", 0, 0, 1'000'000);
    return store::Page{limit, page * limit};
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
    add_ai_routes(r, ctx);
    add_auth_routes(r, ctx);
    add_account_routes(r, ctx);
    return r;
}

}  // namespace viddhana::api
