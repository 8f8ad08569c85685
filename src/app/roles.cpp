#include "app/roles.h"

#include <csignal>
#include <iostream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "app/config.h"
#include "app/stratum_role.h"
#include "base/asio.h"
#include "bus/in_process_bus.h"
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
        std::cout << fmt::format("{}: valid ({} {}, stratum port {}, {} node(s))\n", config_path,
                                 c.coin, chain::to_string(c.network), c.stratum.port,
                                 c.node.endpoints.size());
        return 0;
    } catch (const ConfigError& e) {
        std::cerr << e.what() << "\n";
        return 2;
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
    // A miner that disconnects mid-write must not kill the process.
    std::signal(SIGPIPE, SIG_IGN);

    const Clock& clock = SystemClock::instance();
    metrics::Registry registry;
    bus::InProcessBus bus;
    std::unique_ptr<StratumRole> stratum;
    asio::io_context metrics_io;
    std::unique_ptr<metrics::MetricsEndpoint> endpoint;
    std::thread metrics_thread;

    try {
        if (has_role(roles, "stratum")) {
            stratum = std::make_unique<StratumRole>(config, registry, bus, clock);
            stratum->start();
        }
        if (config.metrics.enabled) {
            endpoint = std::make_unique<metrics::MetricsEndpoint>(
                metrics_io.get_executor(), registry, [&]() -> metrics::HealthReport {
                    if (stratum) return stratum->health();
                    return {true, R"({"status":"ok"})"};
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
        if (stratum) stratum->stop(false);
        metrics_io.stop();
        if (metrics_thread.joinable()) metrics_thread.join();
        return 1;
    }

    wait_for_signal();
    if (stratum) stratum->stop(true);
    if (endpoint) endpoint->stop();
    metrics_io.stop();
    if (metrics_thread.joinable()) metrics_thread.join();
    bus.close();
    spdlog::info("stopped");
    return 0;
}

}  // namespace viddhana::app
