#include "app/api_role.h"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "api/live_event_codec.h"
#include "app/ledger_role.h"
#include "bus/redis_connection.h"
#include "ledger/payout/scheme_kind.h"

namespace viddhana::app {

api::PoolInfo api_pool_info(const Config& c) {
    api::PoolInfo i;
    i.coin = c.coin_params;
    i.network = std::string(chain::to_string(c.network));
    i.fee_percent = c.pool.fee_percent;
    i.payout_scheme = std::string(ledger::payout::to_string(c.ledger.payout.scheme));
    i.stratum_url = c.api.stratum_url;
    i.stratum_port = c.stratum.port;
    i.initial_difficulty = c.stratum.vardiff.initial_difficulty;
    i.min_difficulty = c.stratum.vardiff.min_difficulty;
    i.max_difficulty = c.stratum.vardiff.max_difficulty;
    i.min_payout_threshold = c.ledger.min_threshold;
    i.default_payout_threshold = c.ledger.default_threshold;
    i.max_payout_threshold = c.ledger.max_threshold;
    i.maturity_confirmations = c.ledger.maturity_confirmations;
    i.payments_enabled = c.ledger.payments.enabled;
    i.payment_interval_seconds = c.ledger.payments.interval_seconds;
    return i;
}

ApiRole::ApiRole(const Config& config, metrics::Registry& registry, store::Store* shared_store,
                 StratumRole* stratum, bus::EventBus* bus, const Clock& clock,
                 LiveEventPublisher* ledger_events, bool analytics_in_process)
    : config_(config) {
    if (!shared_store) {
        own_store_ = store::open_store(store_config(config));
        shared_store = own_store_.get();
    }
    api::ApiServerDeps deps;
    deps.store = shared_store;
    deps.node_endpoints = config.node.endpoints;
    deps.registry = &registry;
    deps.clock = &clock;
    deps.bus = bus;
    deps.live.pushed = config.redis.enabled || ledger_events;
    if (!config.redis.enabled) ledger_events_ = ledger_events;
    if (stratum) {
        deps.probes.push_back({"stratum", [stratum] {
                                   auto h = stratum->health();
                                   return std::make_pair(h.healthy, nlohmann::json::parse(h.json));
                               }});
    }
    if (config.redis.enabled) {
        auto redis = redis_bus_config(config);
        deps.probes.push_back(
            {"redis", [redis] {
                 auto conn = bus::RedisConnection::open(redis);
                 if (!conn) {
                     return std::make_pair(false, nlohmann::json{{"status", "down"},
                                                                 {"error", conn.error().message}});
                 }
                 (*conn)->set_timeout(std::chrono::seconds(2));
                 auto pong = (*conn)->command({"PING"});
                 if (!pong) {
                     return std::make_pair(false, nlohmann::json{{"status", "down"},
                                                                 {"error", pong.error().message}});
                 }
                 return std::make_pair(true, nlohmann::json{{"status", "ok"}});
             }});
    }
    if (config.redis.enabled) {
        // Set in this constructor, before any request can run the probe.
        deps.probes.push_back(
            {"live_events", [this] {
                 bool up = redis_events_ && redis_events_->connected();
                 return std::make_pair(
                     up, nlohmann::json{{"source", "redis"}, {"status", up ? "ok" : "down"}});
             }});
    }
    auto api_config = config.api;
    api_config.analytics_url = api_analytics_url(config, analytics_in_process);
    server_ = std::make_unique<api::ApiServer>(api_config, api_pool_info(config), std::move(deps));
    if (config.redis.enabled) {
        auto redis = redis_bus_config(config);
        redis_events_ = std::make_unique<bus::RedisLiveSubscriber>(
            redis, std::vector<std::string>{redis.live_channel()},
            [server = server_.get()](const std::string&, const std::string& message) {
                auto events = api::decode_live_events(message);
                if (!events) {
                    spdlog::warn("live events from Redis ignored: {}", events.error().message);
                    return;
                }
                server->deliver_live(*events);
            });
    }
}

ApiRole::~ApiRole() {
    stop();
}

std::optional<std::string> ApiRole::config_problem() const {
    const auto& a = server_->context().config;
    bool signs_sessions = server_->router().match("POST", "/api/auth/wallet").route != nullptr;
    if (!signs_sessions) return std::nullopt;
    if (a.jwt_secret.empty() && config_.network == chain::Network::regtest) return std::nullopt;
    if (a.jwt_secret.empty()) {
        return "api.jwt_secret (or JWT_SECRET) is required: the API signs sign-in sessions with "
               "it; use 32 or more random characters, e.g. `openssl rand -hex 32`";
    }
    if (a.jwt_secret.size() < 32) {
        return "api.jwt_secret (or JWT_SECRET) must be at least 32 characters long";
    }
    return std::nullopt;
}

void ApiRole::start() {
    if (auto problem = config_problem()) throw std::runtime_error(*problem);
    server_->start();
    if (ledger_events_) {
        ledger_sink_ = ledger_events_->add_sink(
            [server = server_.get()](const std::vector<api::LiveEvent>& e) {
                server->deliver_live(e);
            });
    }
}

void ApiRole::stop() {
    if (ledger_sink_) ledger_events_->remove_sink(std::exchange(ledger_sink_, 0));
    if (server_) server_->stop();
    // After the server: its threads (the health probe) read it. A late event meanwhile finds
    // no subscriber.
    redis_events_.reset();
}

metrics::HealthReport ApiRole::health() const {
    bool up = server_->port() != 0;
    nlohmann::json j{{"status", up ? "ok" : "down"},
                     {"port", server_->port()},
                     {"websocket_clients", server_->live().clients()}};
    if (redis_events_) {
        j["live_events"] = {{"source", "redis"}, {"connected", redis_events_->connected()}};
    } else {
        j["live_events"] = {{"source", ledger_events_ ? "ledger" : "store"}};
    }
    return {up, j.dump()};
}

}  // namespace viddhana::app
