#include "app/ledger_role.h"

#include <csignal>
#include <cstdlib>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "api/live_event_codec.h"
#include "bus/redis_config.h"
#include "ledger/redis_event_source.h"

namespace viddhana::app {

store::StoreConfig store_config(const Config& c) {
    store::StoreConfig s;
    s.share_retention_days = c.store.share_retention_days;
    if (c.postgres.enabled) {
        s.backend = store::StoreBackend::postgres;
        if (!c.postgres.url.empty()) {
            auto parsed = store::parse_postgres_url(c.postgres.url);
            if (!parsed) throw std::runtime_error("postgres.url: " + parsed.error().message);
            s.postgres = *parsed;
        } else {
            s.postgres.host = c.postgres.host;
            s.postgres.port = c.postgres.port;
            s.postgres.database = c.postgres.database;
            s.postgres.user = c.postgres.user;
            s.postgres.password = c.postgres.password;
        }
    } else {
        s.backend = store::StoreBackend::sqlite;
        s.sqlite_path = c.store.sqlite_path;
    }
    auto valid = store::validate(s);
    if (!valid) throw std::runtime_error("store: " + valid.error().message);
    return *valid;
}

bus::RedisBusConfig redis_bus_config(const Config& c) {
    bus::RedisBusConfig r;
    if (!c.redis.url.empty()) {
        auto parsed = bus::parse_redis_url(c.redis.url);
        if (!parsed) throw std::runtime_error("redis.url: " + parsed.error().message);
        r = *parsed;
    } else {
        r.host = c.redis.host;
        r.port = c.redis.port;
        r.password = c.redis.password;
        r.db = c.redis.db;
    }
    r.stream_key = c.redis.stream_key;
    r.node_id = c.stratum.node_id;
    r.spool_path = fmt::format("{}/stratum-{}-spool.bin", c.data_dir, c.stratum.node_id);
    return r;
}

namespace {

std::vector<node::RpcEndpoint> wallet_endpoints(const Config& c) {
    auto endpoints = c.node.endpoints;
    if (!c.ledger.payments.wallet.empty()) {
        for (auto& e : endpoints)
            e.url += "/wallet/" + c.ledger.payments.wallet;
    }
    return endpoints;
}

// Crash testing: VIDDHANA_FAULT names a payment step at which the process kills itself with
// SIGKILL, exactly as a power cut or the OOM killer would end it (docs/testing.md).
ledger::PaymentStepHook fault_injection_from_env() {
    const char* fault = std::getenv("VIDDHANA_FAULT");
    if (!fault || !*fault) return {};
    std::string name = fault;
    ledger::PaymentStep step;
    if (name == "payment-after-intent") {
        step = ledger::PaymentStep::intents_stored;
    } else if (name == "payment-after-send") {
        step = ledger::PaymentStep::batch_sent;
    } else {
        throw std::runtime_error("VIDDHANA_FAULT: unknown fault " + name +
                                 " (payment-after-intent, payment-after-send)");
    }
    spdlog::warn("fault injection on: the process kills itself at {}", name);
    return [step](ledger::PaymentStep at) {
        if (at == step) std::raise(SIGKILL);
    };
}

}  // namespace

LedgerRole::LedgerRole(const Config& config, metrics::Registry& registry, bus::EventBus* bus,
                       const Clock& clock)
    : config_(config) {
    store_ = store::open_store(store_config(config));
    std::unique_ptr<ledger::EventSource> source;
    if (bus) {
        source = std::make_unique<ledger::SubscriptionSource>(bus->subscribe());
    } else {
        source = std::make_unique<ledger::RedisEventSource>(redis_bus_config(config));
    }
    service_ = std::make_unique<ledger::LedgerService>(config.ledger, *config.coin_params, *store_,
                                                       std::move(source), config.node.endpoints,
                                                       wallet_endpoints(config), registry, clock);
    if (auto hook = fault_injection_from_env()) service_->payments().set_step_hook(std::move(hook));
    live_ = std::make_unique<LiveEventPublisher>(*store_, config.ledger.maturity_confirmations);
    if (config.redis.enabled) {
        auto redis = redis_bus_config(config);
        redis_live_ = std::make_unique<bus::RedisLivePublisher>(redis);
        live_->add_sink([publisher = redis_live_.get(), channel = redis.live_channel()](
                            const std::vector<api::LiveEvent>& events) {
            // Failures are logged by the publisher; live events are not kept for later.
            (void)publisher->publish(channel, api::encode_live_events(events));
        });
    }
    service_->set_observer(live_.get());
}

LedgerRole::~LedgerRole() {
    stop();
}

void LedgerRole::start() {
    service_->start();
}

void LedgerRole::stop() {
    if (service_) service_->stop();
}

metrics::HealthReport LedgerRole::health() const {
    auto st = service_->status();
    nlohmann::json j{
        {"store",
         {{"backend", std::string(store_->backend_name())}, {"available", st.store_available}}},
        {"node_reachable", st.node_reachable},
        {"payments_waiting", st.payments_waiting},
        {"last_error", st.last_error}};
    bool healthy = st.store_available && st.node_reachable;
    j["status"] = healthy ? "ok" : "degraded";
    return {healthy, j.dump()};
}

}  // namespace viddhana::app
