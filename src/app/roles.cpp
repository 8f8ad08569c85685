#include "app/roles.h"

#include <csignal>
#include <iostream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "app/analytics_role.h"
#include "app/api_role.h"
#include "app/config.h"
#include "app/ledger_role.h"
#include "app/stratum_role.h"
#include "app/web_role.h"
#include "base/asio.h"
#include "bus/in_process_bus.h"
#include "bus/redis_event_bus.h"
#include "metrics/metrics_endpoint.h"
#include "metrics/registry.h"

namespace viddhana::app {

namespace {

void wait_for_signal() {
    asio::io_context io;
    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([](const boost::system::error_code&, int signal) {
        spdlog::info("{} received: stopping", signal == SIGINT ? "SIGINT" : "SIGTERM");
    });
    io.run();
}

bool has_role(const std::vector<std::string>& roles, const std::string& name) {
    return std::find(roles.begin(), roles.end(), name) != roles.end();
}

}  // namespace

int check_config(const std::string& config_path) {
    try {
        Config c = load_config_file(config_path);
        for (const auto& w : c.warnings)
            std::cerr << "warning: " << w << "\n";
        std::cout << fmt::format("{}: valid ({} {}, stratum port {}, {} node(s))\n", config_path,
                                 c.coin, chain::to_string(c.network), c.stratum.port,
                                 c.node.endpoints.size());
        return 0;
    } catch (const ConfigError& e) {
        std::cerr << e.what() << "\n";
        return 2;
    }
}

int release_payment(const std::string& config_path, const std::string& payment_id) {
    try {
        Config config = load_config_file(config_path);
        auto store = store::open_store(store_config(config));
        auto released = store->payments().release(payment_id, SystemClock::instance().now_ms());
        if (!released) {
            std::cerr << "cannot release payment " << payment_id << ": " << released.error().message
                      << "\n";
            return 2;
        }
        std::cout << "payment " << payment_id << " to " << released->address
                  << " released: the next payment pass sends it\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
}

int run_roles(const std::string& config_path, const std::vector<std::string>& roles) {
    Config config;
    try {
        config = load_config_file(config_path);
    } catch (const ConfigError& e) {
        std::cerr << e.what() << "\n";
        return 2;
    }
    spdlog::set_level(spdlog::level::from_str(config.log.level));
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");
    for (const auto& w : config.warnings)
        spdlog::warn("{}", w);
    // A miner that disconnects mid-write must not kill the process.
    std::signal(SIGPIPE, SIG_IGN);

    const bool with_stratum = has_role(roles, "stratum");
    const bool with_ledger = has_role(roles, "ledger");
    // Inside `run` the analytics service follows analytics.enabled; asked for alone, it runs.
    const bool with_analytics =
        has_role(roles, "analytics") && (roles.size() == 1 || config.analytics.enabled);
    // Likewise the API follows api.enabled inside `run`.
    const bool with_api = has_role(roles, "api") && (roles.size() == 1 || config.api.enabled);
    const bool with_web = has_role(roles, "web") && (roles.size() == 1 || config.web.enabled);
    if (with_ledger && !with_stratum && !config.redis.enabled) {
        std::cerr << "the ledger role alone reads share events from Redis: configure redis.* "
                     "(or REDIS_URL), or use `viddhana run`\n";
        return 2;
    }

    const Clock& clock = SystemClock::instance();
    metrics::Registry registry;
    std::unique_ptr<bus::EventBus> bus;
    std::unique_ptr<StratumRole> stratum;
    std::unique_ptr<LedgerRole> ledger;
    std::unique_ptr<AnalyticsRole> analytics;
    std::unique_ptr<ApiRole> api;
    std::unique_ptr<WebRole> web;
    asio::io_context metrics_io;
    std::unique_ptr<metrics::MetricsEndpoint> endpoint;
    std::thread metrics_thread;

    auto stop_all = [&](bool graceful) {
        // The API first (it reads the others); then Stratum, so its last events reach the
        // ledger; the ledger drains them.
        if (web) web->stop();
        if (api) api->stop();
        if (stratum) stratum->stop(graceful);
        if (bus) bus->close();
        if (ledger) ledger->stop();
        if (analytics) analytics->stop();
        if (endpoint) endpoint->stop();
        metrics_io.stop();
        if (metrics_thread.joinable()) metrics_thread.join();
    };

    try {
        if (!with_stratum) {
            // Nothing publishes share events here: a ledger alone reads them from Redis, the
            // other roles read the store.
        } else if (config.redis.enabled) {
            bus = std::make_unique<bus::RedisEventBus>(redis_bus_config(config));
        } else {
            bus = std::make_unique<bus::InProcessBus>();
            if (with_stratum && !with_ledger) {
                spdlog::warn(
                    "no ledger in this process and no redis.* configured: share events "
                    "are not accounted");
            }
        }
        if (with_ledger) {
            ledger = std::make_unique<LedgerRole>(
                config, registry, config.redis.enabled ? nullptr : bus.get(), clock);
            ledger->start();
        }
        if (with_stratum) {
            stratum = std::make_unique<StratumRole>(config, registry, *bus, clock);
            stratum->start();
        }
        if (with_analytics) {
            analytics = std::make_unique<AnalyticsRole>(config, registry,
                                                        ledger ? &ledger->store() : nullptr, clock);
            try {
                analytics->start();
            } catch (const std::exception& e) {
                // Beside Stratum and the ledger, analytics must not keep the pool from mining.
                if (roles.size() == 1) throw;
                spdlog::error(
                    "the analytics service (analytics.*) did not start: {}; the other roles "
                    "run without it",
                    e.what());
                analytics.reset();
            }
        }
        if (with_api) {
            api = std::make_unique<ApiRole>(
                config, registry, ledger ? &ledger->store() : nullptr, stratum.get(),
                config.redis.enabled ? nullptr : bus.get(), clock,
                ledger ? &ledger->live_events() : nullptr, with_analytics);
            if (auto problem = api->config_problem()) throw std::runtime_error(*problem);
            try {
                api->start();
            } catch (const std::exception& e) {
                // Beside Stratum and the ledger, a taken API port must not keep the pool from
                // mining; alone, the API has nothing else to do.
                if (roles.size() == 1) throw;
                spdlog::error("the API did not start: {}; the other roles run without it",
                              e.what());
                api.reset();
            }
        }
        if (with_web) {
            try {
                web = std::make_unique<WebRole>(config, registry, clock);
                web->start();
            } catch (const std::exception& e) {
                // The dashboard missing (not built) must not keep the pool from mining.
                if (roles.size() == 1) throw;
                spdlog::error("the web dashboard (web.*) did not start: {}", e.what());
                web.reset();
            }
        }
        if (config.metrics.enabled) {
            endpoint = std::make_unique<metrics::MetricsEndpoint>(
                metrics_io.get_executor(), registry, [&]() -> metrics::HealthReport {
                    nlohmann::json j;
                    bool healthy = true;
                    if (stratum) {
                        auto h = stratum->health();
                        j["stratum"] = nlohmann::json::parse(h.json);
                        healthy = healthy && h.healthy;
                    }
                    if (ledger) {
                        auto h = ledger->health();
                        j["ledger"] = nlohmann::json::parse(h.json);
                        healthy = healthy && h.healthy;
                    }
                    if (api) {
                        auto h = api->health();
                        j["api"] = nlohmann::json::parse(h.json);
                        healthy = healthy && h.healthy;
                    }
                    if (analytics) {
                        auto h = analytics->health();
                        j["analytics"] = nlohmann::json::parse(h.json);
                        healthy = healthy && h.healthy;
                    }
                    j["status"] = healthy ? "ok" : "degraded";
                    return {healthy, j.dump()};
                });
            endpoint->start(config.metrics.host, config.metrics.port);
            metrics_thread = std::thread([&] {
                auto work = asio::make_work_guard(metrics_io);
                metrics_io.run();
            });
            spdlog::info("metrics on http://{}:{}/metrics, health on /health", config.metrics.host,
                         endpoint->port());
        }
    } catch (const std::exception& e) {
        spdlog::critical("cannot start: {}", e.what());
        stop_all(false);
        return 1;
    }

    wait_for_signal();
    stop_all(true);
    spdlog::info("stopped");
    return 0;
}

}  // namespace viddhana::app
