// The API role's server: REST routes (and the WebSocket feed) on one port, on its own threads,
// reading the store and the node, with the rate limits, CORS and cache from ApiConfig.
#pragma once
#include <memory>
#include <thread>
#include <vector>

#include "api/api_context.h"
#include "api/auth_service.h"
#include "api/live_feed.h"
#include "api/live_hub.h"
#include "base/asio.h"
#include "bus/event_bus.h"
#include "http/http_server.h"
#include "http/router.h"
#include "metrics/registry.h"
#include "node/rpc_client.h"

namespace viddhana::api {

struct ApiServerDeps {
    store::Store* store = nullptr;
    std::vector<node::RpcEndpoint> node_endpoints;
    metrics::Registry* registry = nullptr;
    const Clock* clock = &SystemClock::instance();
    std::vector<HealthProbe> probes;  // other roles in this process, Redis, ...
    // The in-process event bus (blocks the moment Stratum finds them), or null.
    bus::EventBus* bus = nullptr;
    // live.pushed: the ledger's events come through deliver_live(); otherwise the WebSocket feed
    // follows the store.
    LiveFeedOptions live;
};

// The named rate-limit buckets: "api" (rate_limit_per_minute) and "auth" (auth_rate_limit per
// 15 minutes).
http::PipelineOptions api_pipeline_options(const ApiConfig& config);

class ApiServer {
  public:
    ApiServer(ApiConfig config, PoolInfo info, ApiServerDeps deps);
    ~ApiServer();
    ApiServer(const ApiServer&) = delete;
    ApiServer& operator=(const ApiServer&) = delete;

    // Binds (throws std::runtime_error naming the address) and starts the threads.
    void start();
    void stop();
    uint16_t port() const;
    const http::Router& router() const { return router_; }
    ApiContext& context() { return ctx_; }
    LiveHub& live() { return *hub_; }
    // Live events of the ledger's work, pushed from the ledger (any thread); see LiveFeed.
    void deliver_live(const std::vector<LiveEvent>& events) { feed_->deliver(events); }

  private:
    ApiContext ctx_;
    ApiServerDeps deps_;
    std::unique_ptr<NodeNetworkSource> network_source_;
    std::unique_ptr<NetworkStatus> network_;
    std::unique_ptr<PoolStatsCache> stats_;
    std::unique_ptr<auth::RandomSource> random_;
    std::unique_ptr<AuthService> auth_;
    http::Router router_;
    // Before the hub: WebSocket streams must be destroyed while their io_context exists.
    asio::io_context io_;
    std::unique_ptr<LiveHub> hub_;
    std::unique_ptr<LiveFeed> feed_;
    std::unique_ptr<http::HttpServer> server_;
    std::vector<std::thread> threads_;
    bool stopped_ = false;
};

}  // namespace viddhana::api
