// The API's routes, registered on a Router by concern. Handlers only read through the context;
// building the router touches nothing, so the route table can be inspected without a store.
#pragma once
#include <string>

#include "api/api_context.h"
#include "http/message.h"
#include "http/router.h"

namespace viddhana::api {

// Every route of the API server (the WebSocket endpoint /ws is added by the server).
http::Router build_api_router(ApiContext& ctx);

void add_service_routes(http::Router& r, ApiContext& ctx);    // /health, /ready, /api, openapi
void add_stats_routes(http::Router& r, ApiContext& ctx);      // /api/stats/*, /api/pool
void add_block_routes(http::Router& r, ApiContext& ctx);      // /api/blocks*, /api/payouts
void add_miner_routes(http::Router& r, ApiContext& ctx);      // /api/miners/{address}*
void add_analytics_routes(http::Router& r, ApiContext& ctx);  // /api/ai/*
void add_auth_routes(http::Router& r, ApiContext& ctx);       // /api/auth/*, /api/dashboard
// /api/dashboard/miners/*, /api/workers
void add_account_routes(http::Router& r, ApiContext& ctx);

// Shared by the route files: paging parameters (`page` from 0, `limit` 1..100), `order`
// (newest, the default, or oldest first) and an optional time range `from`/`to` (Unix ms or ISO
// 8601 UTC).
store::Page page_param(const http::Request& req, int64_t default_limit = 25);
// Turns store outages into 503 "store_unavailable" instead of a 500.
http::Handler guarded(http::Handler handler);

}  // namespace viddhana::api
