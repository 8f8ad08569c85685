// The `api` role wired to the world: the REST/WebSocket server on api.host:api.port reading
// the store (the ledger's own inside `viddhana run`, else the one the config names) and the
// coin node(s), with the Stratum role's and Redis's health in /health when they are known.
#pragma once
#include <memory>

#include "api/api_server.h"
#include "app/config.h"
#include "app/live_event_publisher.h"
#include "app/stratum_role.h"
#include "base/clock.h"
#include "bus/redis_live_subscriber.h"
#include "metrics/metrics_endpoint.h"
#include "metrics/registry.h"
#include "store/store.h"

namespace viddhana::app {

// The facts the API shows about this pool, from the config.
api::PoolInfo api_pool_info(const Config& config);

class ApiRole {
  public:
    // `shared_store`: the ledger's store in the same process, or nullptr to open one.
    // `stratum`: the Stratum role in the same process, or nullptr.
    // `bus`: the in-process event bus, or nullptr.
    // `ledger_events`: the ledger's live events in the same process, or nullptr. With redis.*
    // configured the ledger's events come over Redis pub/sub instead (from wherever it runs);
    // with neither, the WebSocket feed follows the store.
    // `analytics_in_process`: the analytics role runs beside it (see api_analytics_url).
    ApiRole(const Config& config, metrics::Registry& registry, store::Store* shared_store,
            StratumRole* stratum, bus::EventBus* bus, const Clock& clock,
            LiveEventPublisher* ledger_events = nullptr, bool analytics_in_process = false);
    ~ApiRole();
    // Why the API must not start with this config (no JWT secret outside regtest while the
    // sign-in routes are served), or none.
    std::optional<std::string> config_problem() const;
    // Throws std::runtime_error when the server cannot start (config_problem(), port taken).
    void start();
    void stop();
    uint16_t port() const { return server_->port(); }
    api::ApiServer& server() { return *server_; }
    metrics::HealthReport health() const;

  private:
    const Config& config_;
    std::unique_ptr<store::Store> own_store_;
    LiveEventPublisher* ledger_events_ = nullptr;
    int ledger_sink_ = 0;
    std::unique_ptr<api::ApiServer> server_;
    std::unique_ptr<bus::RedisLiveSubscriber> redis_events_;
};

}  // namespace viddhana::app
