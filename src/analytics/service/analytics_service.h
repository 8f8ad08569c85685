// The analytics service (the `analytics` role, port 8000): the four prediction and detection endpoints,
// the Sentinel's alerts and /health on the shared HTTP server, with the I/O behind them. A
// background thread reads the coin node's difficulty history every refresh interval and runs the
// Sentinel over newly stored shares every Sentinel interval; request handlers read what it left
// (and the store's roll-ups), so no request waits on the node.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "analytics/difficulty_forecaster.h"
#include "analytics/earnings_projection.h"
#include "analytics/hardware_table.h"
#include "analytics/sentinel.h"
#include "analytics/service/alert_book.h"
#include "analytics/service/chain_difficulty.h"
#include "analytics/service/difficulty_endpoint.h"
#include "analytics/service/service_health.h"
#include "base/asio.h"
#include "base/clock.h"
#include "chain/coin.h"
#include "ledger/payout/scheme_kind.h"
#include "metrics/registry.h"
#include "node/rpc_client.h"
#include "store/store.h"

namespace viddhana::http {
class HttpServer;
class Router;
struct Request;
struct Response;
}  // namespace viddhana::http

namespace viddhana::analytics::service {

class NodeDifficultyReader;
class SentinelShareFeed;

struct AnalyticsServiceConfig {
    std::string host = "127.0.0.1";
    uint16_t port = 8000;             // 0: any free port
    std::string model_path;           // trained forecaster file; "" = none
    std::string hardware_table_path;  // "" = the shipped table
    std::string environment = "production";
    std::string cors_origin;              // comma separated browser origins ("" = none)
    int64_t rate_limit_per_minute = 120;  // per client IP, every endpoint but /health
    double refresh_seconds = 30;          // node difficulty history
    double sentinel_seconds = 60;         // Sentinel evaluations
    const chain::CoinParams* coin = nullptr;
    std::vector<node::RpcEndpoint> nodes;
    double rpc_timeout_seconds = 30;
    ledger::payout::SchemeKind scheme = ledger::payout::SchemeKind::pplns;  // the pool's
    double fee_percent = 1.0;
    double target_share_seconds = 10;  // vardiff's target
    SentinelConfig sentinel;
};

class AnalyticsService {
  public:
    // `store` must outlive the service; `registry` may be null (no request metrics).
    AnalyticsService(AnalyticsServiceConfig config, store::Store& store,
                     metrics::Registry* registry, const Clock& clock);
    ~AnalyticsService();
    AnalyticsService(const AnalyticsService&) = delete;
    AnalyticsService& operator=(const AnalyticsService&) = delete;

    // Loads the model and the hardware table (a problem with either is reported, not fatal),
    // binds the HTTP port (throws std::runtime_error naming the address when it cannot) and
    // starts the background thread, which reads the node at once.
    void start();
    void stop();
    uint16_t port() const;
    HealthAnswer health() const;

    // One node refresh / one Sentinel run, now (the background thread's steps).
    void refresh_node();
    void evaluate_sentinel();

  private:
    http::Response handle_health(const http::Request& req);
    http::Response handle_difficulty(const http::Request& req);
    http::Response handle_earnings(const http::Request& req);
    http::Response handle_sentinel(const http::Request& req);
    http::Response handle_alerts(const http::Request& req);
    http::Response handle_worker(const http::Request& req);
    void background_loop();
    LoadedModel model() const;

    AnalyticsServiceConfig config_;
    store::Store& store_;
    metrics::Registry* registry_;
    const Clock& clock_;

    std::optional<TrainedForecaster> forecaster_;
    std::string model_problem_;
    std::optional<HardwareTable> hardware_;

    std::mutex node_mutex_;  // the reader
    std::unique_ptr<NodeDifficultyReader> node_reader_;
    std::mutex sentinel_mutex_;  // the feed and the Sentinel
    std::unique_ptr<SentinelShareFeed> feed_;
    Sentinel sentinel_;
    AlertBook alerts_;

    // What the background thread read from the node, under mutex_.
    mutable std::mutex mutex_;
    std::optional<ChainDifficulty> chain_;
    std::optional<DifficultyForecast> default_forecast_;
    std::optional<int64_t> recent_fees_;
    std::string node_error_;
    int64_t node_checked_ms_ = 0;
    bool stopping_ = false;
    std::condition_variable wake_;

    std::unique_ptr<http::Router> router_;
    asio::io_context io_;
    std::unique_ptr<http::HttpServer> server_;
    std::vector<std::thread> io_threads_;
    std::thread background_;
    bool started_ = false;
};

}  // namespace viddhana::analytics::service
