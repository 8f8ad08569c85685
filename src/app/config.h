// The pool's configuration: the YAML file's sections, with the product's defaults. Key names are
// the user's (server.*, mining.*, redis.*, postgres.*) plus coin, network, node(s) and pool.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/api_config.h"
#include "app/config_reader.h"
#include "chain/coin.h"
#include "ledger/ledger_config.h"
#include "node/rpc_client.h"
#include "stratum/stratum_config.h"
#include "web/web_config.h"

namespace viddhana::app {

struct NodeConfig {
    std::vector<node::RpcEndpoint> endpoints;  // node first, then nodes[] for failover
    double poll_interval_seconds = 1.0;
    double rpc_timeout_seconds = 30.0;
    bool longpoll = true;
};

struct PoolConfig {
    std::string address;       // pool.address: where the coinbase pays (pool mode)
    double fee_percent = 1.0;  // pool.fee_percent
};

struct MetricsConfig {
    bool enabled = true;
    std::string host = "0.0.0.0";
    uint16_t port = 9090;
};

struct RedisConfig {
    bool enabled = false;
    std::string host = "127.0.0.1";
    uint16_t port = 6379;
    std::string password;
    int db = 0;
    std::string url;  // redis.url or REDIS_URL
    std::string stream_key = "viddhana:events";
};

struct PostgresConfig {
    bool enabled = false;
    std::string host = "127.0.0.1";
    uint16_t port = 5432;
    std::string database = "viddhana_pool";
    std::string user = "viddhana";
    std::string password;
    std::string url;  // postgres.url or DATABASE_URL; takes precedence when set
};

struct StoreLocation {
    std::string sqlite_path;  // data_dir/viddhana.db unless set (ledger.sqlite_path)
    int share_retention_days = 30;
};

// The analytics service (the `analytics` role): analytics.* keys (ai.* is their deprecated name).
struct AnalyticsConfig {
    bool enabled = true;  // run it inside `viddhana run`
    std::string host = "127.0.0.1";
    uint16_t port = 8000;
    std::string model;           // trained difficulty forecaster file ("" = protocol rule only)
    std::string hardware_table;  // worker advisor's table ("" = the shipped one)
    std::string cors_origin;     // browser origins allowed, comma separated ("" = none, "*" = any)
    int64_t rate_limit_per_minute = 120;     // per client, for the prediction and alert endpoints
    std::string environment = "production";  // or PROMETHEUS_ENVIRONMENT
    double refresh_seconds = 30;             // analytics.refresh_interval: node difficulty history
    double sentinel_seconds = 60;            // analytics.sentinel_interval: Sentinel evaluations
};

struct LogConfig {
    std::string level = "info";
};

struct Config {
    std::string coin = "litecoin";
    chain::Network network = chain::Network::mainnet;
    const chain::CoinParams* coin_params = nullptr;
    stratum::StratumConfig stratum;
    NodeConfig node;
    PoolConfig pool;
    MetricsConfig metrics;
    RedisConfig redis;
    PostgresConfig postgres;
    ledger::LedgerConfig ledger;
    StoreLocation store;
    AnalyticsConfig analytics;
    api::ApiConfig api;
    web::WebConfig web;
    LogConfig log;
    std::string data_dir = "./data";
    // Deprecated names the file or the environment used, each with its replacement.
    std::vector<std::string> warnings;
};

// The analytics service the API forwards /api/ai/* to: analytics.url when set, else, when the
// analytics role runs in the same process (viddhana run), its own address; "" for none.
std::string api_analytics_url(const Config& config, bool analytics_in_process);

// Reads a config file; throws ConfigError naming the key for a bad or unknown key.
Config load_config_file(const std::string& path,
                        ConfigReader::EnvLookup env = ConfigReader::system_env());
Config load_config_text(const std::string& yaml,
                        ConfigReader::EnvLookup env = ConfigReader::system_env());

}  // namespace viddhana::app
