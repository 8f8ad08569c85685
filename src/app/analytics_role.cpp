#include "app/analytics_role.h"

#include "app/ledger_role.h"

namespace viddhana::app {

analytics::service::AnalyticsServiceConfig analytics_service_config(const Config& c) {
    analytics::service::AnalyticsServiceConfig a;
    a.host = c.analytics.host;
    a.port = c.analytics.port;
    a.model_path = c.analytics.model;
    a.hardware_table_path = c.analytics.hardware_table;
    a.cors_origin = c.analytics.cors_origin;
    a.rate_limit_per_minute = c.analytics.rate_limit_per_minute;
    a.environment = c.analytics.environment;
    a.refresh_seconds = c.analytics.refresh_seconds;
    a.sentinel_seconds = c.analytics.sentinel_seconds;
    a.coin = c.coin_params;
    a.nodes = c.node.endpoints;
    a.rpc_timeout_seconds = c.node.rpc_timeout_seconds;
    a.scheme = c.ledger.payout.scheme;
    a.fee_percent = c.pool.fee_percent;
    a.target_share_seconds = c.stratum.vardiff.target_share_seconds;
    return a;
}

AnalyticsRole::AnalyticsRole(const Config& config, metrics::Registry& registry,
                             store::Store* shared_store, const Clock& clock) {
    if (!shared_store) {
        own_store_ = store::open_store(store_config(config));
        shared_store = own_store_.get();
    }
    service_ = std::make_unique<analytics::service::AnalyticsService>(
        analytics_service_config(config), *shared_store, &registry, clock);
}

AnalyticsRole::~AnalyticsRole() {
    stop();
}

void AnalyticsRole::start() {
    service_->start();
}

void AnalyticsRole::stop() {
    if (service_) service_->stop();
}

metrics::HealthReport AnalyticsRole::health() const {
    auto h = service_->health();
    return {h.healthy, h.body.dump()};
}

}  // namespace viddhana::app
