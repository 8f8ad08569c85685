// The `ledger` role wired to the world: the store chosen by the config (SQLite under data_dir,
// or PostgreSQL), the events from the in-process bus or Redis, and the coin node's wallet.
#pragma once
#include <memory>

#include "app/config.h"
#include "app/live_event_publisher.h"
#include "base/clock.h"
#include "bus/event_bus.h"
#include "bus/redis_config.h"
#include "bus/redis_live_publisher.h"
#include "ledger/ledger_service.h"
#include "metrics/metrics_endpoint.h"
#include "metrics/registry.h"
#include "store/store.h"

namespace viddhana::app {

// The store the config names: PostgreSQL when postgres.* or DATABASE_URL is set, otherwise the
// SQLite file (ledger.sqlite_path, default data_dir/viddhana.db).
store::StoreConfig store_config(const Config& config);
bus::RedisBusConfig redis_bus_config(const Config& config);

class LedgerRole {
  public:
    // `bus`: the in-process bus (run), or nullptr to read the Redis stream.
    LedgerRole(const Config& config, metrics::Registry& registry, bus::EventBus* bus,
               const Clock& clock);
    ~LedgerRole();
    void start();
    void stop();
    metrics::HealthReport health() const;
    store::Store& store() { return *store_; }
    ledger::LedgerService& service() { return *service_; }
    // The ledger's work as live events (published on Redis too when redis.* is configured).
    LiveEventPublisher& live_events() { return *live_; }

  private:
    const Config& config_;
    std::unique_ptr<store::Store> store_;
    std::unique_ptr<bus::RedisLivePublisher> redis_live_;
    std::unique_ptr<LiveEventPublisher> live_;
    std::unique_ptr<ledger::LedgerService> service_;
};

}  // namespace viddhana::app
