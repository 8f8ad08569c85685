// The `analytics` role wired to the world: the analytics service on analytics.host:analytics.port,
// reading the coin node(s) and the store (the ledger's own store inside `viddhana run`, else the
// one the config names: SQLite under data_dir or PostgreSQL).
#pragma once
#include <memory>

#include "analytics/service/analytics_service.h"
#include "app/config.h"
#include "base/clock.h"
#include "metrics/metrics_endpoint.h"
#include "metrics/registry.h"
#include "store/store.h"

namespace viddhana::app {

analytics::service::AnalyticsServiceConfig analytics_service_config(const Config& config);

class AnalyticsRole {
  public:
    // `shared_store`: the ledger's store in the same process, or nullptr to open one.
    AnalyticsRole(const Config& config, metrics::Registry& registry, store::Store* shared_store,
                  const Clock& clock);
    ~AnalyticsRole();
    void start();
    void stop();
    uint16_t port() const { return service_->port(); }
    metrics::HealthReport health() const;
    analytics::service::AnalyticsService& service() { return *service_; }

  private:
    std::unique_ptr<store::Store> own_store_;
    std::unique_ptr<analytics::service::AnalyticsService> service_;
};

}  // namespace viddhana::app
