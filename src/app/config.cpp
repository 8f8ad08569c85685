#include "app/config.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include <cmath>
#include "app/deprecated_names.h"
#include "base/ip_range.h"
#include "chain/address.h"
#include "http/http_client.h"
#include "http/query.h"
#include "ledger/payout/payout_scheme.h"

namespace viddhana::app {

namespace {

node::RpcEndpoint read_endpoint(ConfigReader& r, const std::string& prefix) {
    node::RpcEndpoint e;
    e.url = r.text(prefix + ".rpc_url", "");
    e.user = r.text(prefix + ".rpc_user", "");
    e.password = r.text(prefix + ".rpc_password", "");
    e.cookie_file = r.text(prefix + ".rpc_cookie_file", "");
    e.zmq_url = r.text(prefix + ".zmq_url", "");
    if (!e.zmq_url.empty() && !e.zmq_url.starts_with("tcp://")) {
        ConfigReader::fail(prefix + ".zmq_url",
                           fmt::format("'{}' must start with tcp:// (the node's "
                                       "-zmqpubhashblock address)",
                                       e.zmq_url));
    }
    return e;
}

void read_server(ConfigReader& r, stratum::StratumConfig& s) {
    s.host = r.text("server.host", s.host);
    s.port = static_cast<uint16_t>(r.integer("server.port", s.port, 0, 65535));
    s.max_connections =
        static_cast<int>(r.integer("server.max_connections", s.max_connections, 1, 1'000'000));
    s.max_connections_per_ip = static_cast<int>(
        r.integer("server.max_connections_per_ip", s.max_connections_per_ip, 1, 1'000'000));
    s.threads = static_cast<int>(r.integer("server.threads", s.threads, 0, 256));
    s.node_id = static_cast<uint8_t>(r.integer("server.node_id", s.node_id, 0, 255));
    s.max_line_bytes = static_cast<size_t>(
        r.integer("server.max_line_bytes", static_cast<int64_t>(s.max_line_bytes), 512, 1 << 20));
    s.idle_timeout_seconds =
        static_cast<int>(r.seconds("server.idle_timeout", s.idle_timeout_seconds));
    s.login_timeout_seconds =
        static_cast<int>(r.seconds("server.login_timeout", s.login_timeout_seconds));
    s.ban_seconds = static_cast<int>(r.seconds("server.ban_time", s.ban_seconds));
    s.strikes_to_ban =
        static_cast<int>(r.integer("server.strikes_to_ban", s.strikes_to_ban, 1, 1000));
    s.ban_invalid_ratio = r.number("server.ban_invalid_ratio", s.ban_invalid_ratio);
    if (!(s.ban_invalid_ratio > 0 && s.ban_invalid_ratio <= 1)) {
        ConfigReader::fail("server.ban_invalid_ratio", "must be above 0 and at most 1");
    }
    s.ban_min_shares =
        static_cast<int>(r.integer("server.ban_min_shares", s.ban_min_shares, 1, 1'000'000));
    s.reconnect_backoff_seconds =
        static_cast<int>(r.seconds("server.reconnect_backoff", s.reconnect_backoff_seconds));
    if (s.reconnect_backoff_seconds < 0) {
        ConfigReader::fail("server.reconnect_backoff", "must not be negative");
    }
    s.ban_connections_per_minute = static_cast<int>(r.integer(
        "server.ban_connections_per_minute", s.ban_connections_per_minute, 1, 100'000'000));
    s.ban_garbage_bytes_per_minute =
        r.integer("server.ban_garbage_bytes_per_minute", s.ban_garbage_bytes_per_minute, 1024,
                  int64_t{1} << 40);
    s.ban_handshake_timeouts_per_minute =
        static_cast<int>(r.integer("server.ban_handshake_timeouts_per_minute",
                                   s.ban_handshake_timeouts_per_minute, 1, 100'000'000));
    s.ban_exempt.clear();
    for (const auto& cidr : r.text_list("server.ban_exempt")) {
        auto range = IpRange::parse(cidr);
        if (!range) ConfigReader::fail("server.ban_exempt", range.error().message);
        s.ban_exempt.push_back(*range);
    }
}

void read_mining(ConfigReader& r, stratum::StratumConfig& s) {
    auto& v = s.vardiff;
    v.initial_difficulty = r.number("mining.initial_difficulty", v.initial_difficulty);
    v.min_difficulty = r.number("mining.min_difficulty", v.min_difficulty);
    v.max_difficulty = r.number("mining.max_difficulty", v.max_difficulty);
    v.target_share_seconds = r.seconds("mining.target_share_time", v.target_share_seconds);
    v.retarget_seconds = r.seconds("mining.retarget_time", v.retarget_seconds);
    v.variance_percent = r.number("mining.variance_percent", v.variance_percent);
    if (!(v.min_difficulty > 0)) ConfigReader::fail("mining.min_difficulty", "must be above 0");
    if (v.max_difficulty < v.min_difficulty) {
        ConfigReader::fail("mining.max_difficulty", "must be at least mining.min_difficulty");
    }
    if (v.initial_difficulty < v.min_difficulty || v.initial_difficulty > v.max_difficulty) {
        ConfigReader::fail("mining.initial_difficulty",
                           "must lie between mining.min_difficulty and mining.max_difficulty");
    }
    if (!(v.target_share_seconds > 0)) {
        ConfigReader::fail("mining.target_share_time", "must be above 0");
    }
    if (!(v.retarget_seconds >= v.target_share_seconds)) {
        ConfigReader::fail("mining.retarget_time", "must be at least mining.target_share_time");
    }
    if (!(v.variance_percent > 0 && v.variance_percent < 100)) {
        ConfigReader::fail("mining.variance_percent", "must be between 0 and 100");
    }
    s.version_rolling_mask = r.hex32("mining.version_rolling_mask", s.version_rolling_mask);
    s.job_refresh_seconds =
        static_cast<int>(r.seconds("mining.job_refresh_interval", s.job_refresh_seconds));
    if (s.job_refresh_seconds < 1) {
        ConfigReader::fail("mining.job_refresh_interval", "must be at least 1s");
    }
    s.coinbase.extranonce2_size =
        static_cast<int>(r.integer("mining.extranonce2_size", s.coinbase.extranonce2_size, 2, 8));
}

int64_t coins_to_base_units(ConfigReader& r, const std::string& key, int64_t fallback,
                            const chain::CoinParams& coin) {
    double coins =
        r.number(key, static_cast<double>(fallback) / static_cast<double>(coin.coin_units));
    if (!(coins >= 0)) ConfigReader::fail(key, "must be 0 or more coins");
    double units = coins * static_cast<double>(coin.coin_units);
    if (units > 9e15) ConfigReader::fail(key, "is too large");
    return static_cast<int64_t>(std::llround(units));
}

void read_ledger(ConfigReader& r, Config& c) {
    auto& l = c.ledger;
    const auto& coin = *c.coin_params;
    std::string scheme = r.text("payout.scheme", "pplns");
    auto kind = ledger::payout::parse_scheme(scheme);
    if (!kind) ConfigReader::fail("payout.scheme", kind.error().message);
    l.payout.scheme = *kind;
    l.payout.fee_percent = c.pool.fee_percent;
    l.payout.pplns_window_factor =
        r.number("payout.pplns_window_factor", l.payout.pplns_window_factor);
    if (!(l.payout.pplns_window_factor > 0 && l.payout.pplns_window_factor <= 100)) {
        ConfigReader::fail("payout.pplns_window_factor", "must be above 0 and at most 100");
    }
    l.payout.fee_account = r.text("payout.fee_address", c.pool.address);
    if (auto d = chain::decode_address(l.payout.fee_account, coin); !d) {
        ConfigReader::fail("payout.fee_address",
                           fmt::format("'{}' is not a valid address: {}", l.payout.fee_account,
                                       d.error().message));
    }
    l.share_multiplier = coin.share_multiplier;
    l.coinbase_maturity = coin.coinbase_maturity;
    l.maturity_confirmations = static_cast<int>(
        r.integer("payout.maturity_confirmations", coin.coinbase_maturity + 1, 1, 100000));
    l.min_threshold = coins_to_base_units(r, "payout.min_threshold", l.min_threshold, coin);
    l.max_threshold = coins_to_base_units(r, "payout.max_threshold", l.max_threshold, coin);
    l.default_threshold =
        coins_to_base_units(r, "payout.default_threshold", l.default_threshold, coin);
    if (l.min_threshold > l.max_threshold) {
        ConfigReader::fail("payout.min_threshold", "must not be above payout.max_threshold");
    }
    if (l.default_threshold < l.min_threshold || l.default_threshold > l.max_threshold) {
        ConfigReader::fail("payout.default_threshold",
                           "must lie between payout.min_threshold and payout.max_threshold");
    }
    // Validate the scheme with its fee now, so a bad combination fails at start with the key.
    if (auto s = ledger::payout::make_payout_scheme(l.payout); !s) {
        ConfigReader::fail(l.payout.scheme == ledger::payout::SchemeKind::solo ? "pool.fee_percent"
                                                                               : "payout.scheme",
                           s.error().message);
    }

    auto& p = l.payments;
    p.enabled = r.boolean("payments.enabled", p.enabled);
    p.interval_seconds = static_cast<int>(r.seconds("payments.interval", p.interval_seconds));
    if (p.interval_seconds < 1) ConfigReader::fail("payments.interval", "must be at least 1s");
    p.max_outputs = static_cast<int>(r.integer("payments.max_outputs", p.max_outputs, 1, 2000));
    p.miner_pays_fee = r.boolean("payments.miner_pays_fee", p.miner_pays_fee);
    p.confirmations =
        static_cast<int>(r.integer("payments.confirmations", p.confirmations, 1, 1000));
    p.wallet = r.text("payments.wallet", p.wallet);
    p.guard = r.boolean("payments.guard", p.guard);
    p.min_wallet_confirmations = static_cast<int>(
        r.integer("payments.min_wallet_confirmations", p.min_wallet_confirmations, 0, 1000));

    l.unlocker_interval_seconds =
        static_cast<int>(r.seconds("ledger.unlocker_interval", l.unlocker_interval_seconds));
    if (l.unlocker_interval_seconds < 1)
        ConfigReader::fail("ledger.unlocker_interval", "must be at least 1s");
    l.spool_path = r.text("ledger.spool_path", c.data_dir + "/ledger-spool.bin");
    c.store.sqlite_path = r.text("ledger.sqlite_path", c.data_dir + "/viddhana.db");
    c.store.share_retention_days =
        static_cast<int>(r.seconds("ledger.share_retention", 30 * 86400.0) / 86400);

    // SOLO: the Stratum side pays each miner in the coinbase.
    if (l.payout.scheme == ledger::payout::SchemeKind::solo) {
        c.stratum.solo = true;
        c.stratum.solo_fee_script =
            chain::decode_address(l.payout.fee_account, coin)->script_pubkey;
        c.stratum.solo_fee_basis_points = std::llround(c.pool.fee_percent * 100);
    }
}

int64_t duration_ms(ConfigReader& r, const std::string& key, int64_t fallback,
                    const std::optional<std::string>& env_value, const std::string& env_name) {
    std::string text = r.text(key, env_value.value_or(""));
    if (text.empty()) return fallback;
    auto ms = http::parse_duration_ms(text);
    if (!ms || *ms < 1000) {
        ConfigReader::fail(
            env_value && !r.has(key) ? env_name : key,
            fmt::format("'{}' is not a duration of at least 1s (e.g. 15m, 7d)", text));
    }
    return *ms;
}

// api.*, with the environment variables of the user's deployment (PORT, HOST, CORS_ORIGIN,
// JWT_SECRET, JWT_ACCESS_EXPIRY, JWT_REFRESH_EXPIRY) below the file's keys and VIDDHANA_API_*.
void read_api(ConfigReader& r, Config& c, const ConfigReader::EnvLookup& env) {
    auto& a = c.api;
    a.enabled = r.boolean("api.enabled", a.enabled);
    a.host = r.text("api.host", env("HOST").value_or(a.host));
    std::string port_text = r.text("api.port", env("PORT").value_or(std::to_string(a.port)));
    try {
        size_t used = 0;
        int port = std::stoi(port_text, &used);
        if (used != port_text.size() || port < 0 || port > 65535) throw std::out_of_range("port");
        a.port = static_cast<uint16_t>(port);
    } catch (const std::exception&) {
        ConfigReader::fail(r.has("api.port") ? "api.port" : "PORT",
                           fmt::format("'{}' is not a port number (0..65535)", port_text));
    }
    a.cors_origin = r.text("api.cors_origin", env("CORS_ORIGIN").value_or(a.cors_origin));
    a.cache_ttl_ms = r.integer("api.cache_ttl_ms", a.cache_ttl_ms, 0, 3'600'000);
    a.rate_limit_per_minute =
        r.integer("api.rate_limit_per_minute", a.rate_limit_per_minute, 1, 1'000'000);
    a.auth_rate_limit = r.integer("api.auth_rate_limit", a.auth_rate_limit, 1, 1'000'000);
    a.jwt_secret = r.text("api.jwt_secret", env("JWT_SECRET").value_or(""));
    a.jwt_access_expiry_ms = duration_ms(r, "api.jwt_access_expiry", a.jwt_access_expiry_ms,
                                         env("JWT_ACCESS_EXPIRY"), "JWT_ACCESS_EXPIRY");
    a.jwt_refresh_expiry_ms = duration_ms(r, "api.jwt_refresh_expiry", a.jwt_refresh_expiry_ms,
                                          env("JWT_REFRESH_EXPIRY"), "JWT_REFRESH_EXPIRY");
    a.stratum_url = r.text("api.stratum_url", "");
    if (a.stratum_url.empty()) {
        std::string host = c.stratum.host == "0.0.0.0" || c.stratum.host == "::"
                               ? std::string("localhost")
                               : c.stratum.host;
        a.stratum_url = fmt::format("stratum+tcp://{}:{}", host, c.stratum.port);
    }
    // Sign-in messages name the web UI: by default the first CORS origin.
    std::string first_origin = a.cors_origin.substr(0, a.cors_origin.find(','));
    if (first_origin.empty() || first_origin == "*") first_origin = a.site_uri;
    a.site_uri = r.text("api.site_uri", first_origin);
    if (a.site_uri.rfind("http://", 0) != 0 && a.site_uri.rfind("https://", 0) != 0) {
        ConfigReader::fail("api.site_uri", "must be the web UI's http:// or https:// URL");
    }
    a.chain_id = r.integer("api.chain_id", a.chain_id, 1, int64_t{1} << 53);
    a.threads = static_cast<int>(r.integer("api.threads", a.threads, 1, 64));
    a.max_body_bytes = r.integer("api.max_body_bytes", a.max_body_bytes, 1024, 16 << 20);
    a.trust_proxy = r.boolean("api.trust_proxy", a.trust_proxy);
    a.access_log = r.boolean("api.access_log", a.access_log);
    a.analytics_url = r.text("analytics.url", "");
    if (!a.analytics_url.empty()) {
        if (auto u = http::parse_base_url(a.analytics_url); !u)
            ConfigReader::fail("analytics.url", u.error().message);
    }
}

void read_analytics(ConfigReader& r, Config& c, const ConfigReader::EnvLookup& env) {
    auto& a = c.analytics;
    a.enabled = r.boolean("analytics.enabled", a.enabled);
    a.host = r.text("analytics.host", a.host);
    a.port = static_cast<uint16_t>(r.integer("analytics.port", a.port, 0, 65535));
    a.model = r.text("analytics.model", a.model);
    a.hardware_table = r.text("analytics.hardware_table", a.hardware_table);
    a.cors_origin = r.text("analytics.cors_origin", a.cors_origin);
    a.rate_limit_per_minute =
        r.integer("analytics.rate_limit_per_minute", a.rate_limit_per_minute, 1, 1'000'000);
    if (auto e = env("PROMETHEUS_ENVIRONMENT")) a.environment = *e;
    a.environment = r.text("analytics.environment", a.environment);
    a.refresh_seconds = r.seconds("analytics.refresh_interval", a.refresh_seconds);
    if (!(a.refresh_seconds >= 1))
        ConfigReader::fail("analytics.refresh_interval", "must be at least 1s");
    a.sentinel_seconds = r.seconds("analytics.sentinel_interval", a.sentinel_seconds);
    if (!(a.sentinel_seconds >= 1))
        ConfigReader::fail("analytics.sentinel_interval", "must be at least 1s");
    // The analytics service's database variables build the PostgreSQL connection when nothing
    // else names one.
    if (!c.postgres.enabled) {
        if (auto host = env("PROMETHEUS_DB_HOST"); host && !host->empty()) {
            c.postgres.enabled = true;
            c.postgres.host = *host;
            if (auto port = env("PROMETHEUS_DB_PORT")) {
                try {
                    int p = std::stoi(*port);
                    if (p < 1 || p > 65535) throw std::out_of_range("port");
                    c.postgres.port = static_cast<uint16_t>(p);
                } catch (const std::exception&) {
                    throw ConfigError(fmt::format(
                        "PROMETHEUS_DB_PORT: '{}' is not a port number (1..65535)", *port));
                }
            }
            if (auto v = env("PROMETHEUS_DB_NAME")) c.postgres.database = *v;
            if (auto v = env("PROMETHEUS_DB_USER")) c.postgres.user = *v;
            if (auto v = env("PROMETHEUS_DB_PASSWORD")) c.postgres.password = *v;
        }
    }
}

void require_scheme(const std::string& url, const std::string& key, const std::string& env_name,
                    bool has_key, std::initializer_list<const char*> schemes) {
    if (url.empty()) return;
    for (const char* s : schemes) {
        if (url.rfind(s, 0) == 0 && url.size() > std::string(s).size()) return;
    }
    std::string expected;
    for (const char* s : schemes)
        expected += (expected.empty() ? "" : " or ") + std::string(s) + "…";
    ConfigReader::fail(has_key ? key : env_name,
                       fmt::format("'{}' is not a URL starting with {}", url, expected));
}

// web.*, with WEB_PORT, NEXT_PUBLIC_API_URL, NEXT_PUBLIC_WS_URL and NEXT_PUBLIC_CHAIN_ID below
// the file's keys. Reads api.port from `c` (after the api section).
void read_web(ConfigReader& r, Config& c, const ConfigReader::EnvLookup& env) {
    auto& w = c.web;
    w.enabled = r.boolean("web.enabled", w.enabled);
    w.host = r.text("web.host", w.host);
    std::string port_text = r.text("web.port", env("WEB_PORT").value_or(std::to_string(w.port)));
    try {
        size_t used = 0;
        int port = std::stoi(port_text, &used);
        if (used != port_text.size() || port < 0 || port > 65535) throw std::out_of_range("port");
        w.port = static_cast<uint16_t>(port);
    } catch (const std::exception&) {
        ConfigReader::fail(r.has("web.port") ? "web.port" : "WEB_PORT",
                           fmt::format("'{}' is not a port number (0..65535)", port_text));
    }
    w.root = r.text("web.root", w.root);
    w.api_url = r.text("web.api_url", env("NEXT_PUBLIC_API_URL").value_or(""));
    require_scheme(w.api_url, "web.api_url", "NEXT_PUBLIC_API_URL", r.has("web.api_url"),
                   {"http://", "https://"});
    w.ws_url = r.text("web.ws_url", env("NEXT_PUBLIC_WS_URL").value_or(""));
    require_scheme(w.ws_url, "web.ws_url", "NEXT_PUBLIC_WS_URL", r.has("web.ws_url"),
                   {"ws://", "wss://"});
    std::string chain = env("NEXT_PUBLIC_CHAIN_ID").value_or("");
    int64_t chain_default = w.chain_id;
    if (!chain.empty() && !r.has("web.chain_id")) {
        try {
            size_t used = 0;
            chain_default = std::stoll(chain, &used);
            if (used != chain.size() || chain_default < 1) throw std::out_of_range("chain id");
        } catch (const std::exception&) {
            ConfigReader::fail("NEXT_PUBLIC_CHAIN_ID",
                               fmt::format("'{}' is not a positive chain id", chain));
        }
    }
    w.chain_id = r.integer("web.chain_id", chain_default, 1, int64_t{1} << 53);
    w.access_log = r.boolean("web.access_log", w.access_log);
    w.threads = static_cast<int>(r.integer("web.threads", w.threads, 1, 16));
    w.api_port = c.api.port;
}

// Every section, in the order their defaults depend on each other.
void read_sections(ConfigReader& r, Config& c, const ConfigReader::EnvLookup& env) {
    c.coin = r.text("coin", c.coin);
    std::string network = r.text("network", "mainnet");
    auto net = chain::parse_network(network);
    if (!net)
        ConfigReader::fail(
            "network", fmt::format("unknown network '{}' (mainnet, testnet, regtest)", network));
    c.network = *net;
    c.coin_params = chain::find_coin(c.coin, c.network);
    if (!c.coin_params) {
        ConfigReader::fail("coin", fmt::format("unknown coin '{}' (litecoin, bitcoin)", c.coin));
    }
    c.data_dir = r.text("data_dir", c.data_dir);

    read_server(r, c.stratum);
    read_mining(r, c.stratum);

    // Node connections: node.* first, then nodes[] as failover.
    c.node.poll_interval_seconds = r.seconds("node.poll_interval", c.node.poll_interval_seconds);
    c.node.rpc_timeout_seconds = r.seconds("node.rpc_timeout", c.node.rpc_timeout_seconds);
    c.node.longpoll = r.boolean("node.longpoll", c.node.longpoll);
    if (r.has("node.rpc_url")) c.node.endpoints.push_back(read_endpoint(r, "node"));
    size_t extra = r.sequence_size("nodes");
    for (size_t i = 0; i < extra; ++i) {
        std::string prefix = fmt::format("nodes.{}", i);
        auto e = read_endpoint(r, prefix);
        if (e.url.empty()) ConfigReader::fail(prefix + ".rpc_url", "is required");
        c.node.endpoints.push_back(std::move(e));
    }
    if (c.node.endpoints.empty()) {
        node::RpcEndpoint e;
        e.url = fmt::format("http://127.0.0.1:{}", c.coin_params->default_rpc_port);
        c.node.endpoints.push_back(e);
    }
    for (const auto& e : c.node.endpoints) {
        if (!e.url.starts_with("http://")) {
            ConfigReader::fail("node.rpc_url", fmt::format("'{}' must start with http://", e.url));
        }
    }

    c.pool.address = r.text("pool.address", "");
    c.stratum.coinbase.tag = r.text("pool.tag", c.stratum.coinbase.tag);
    c.pool.fee_percent = r.number("pool.fee_percent", c.pool.fee_percent);
    if (!(c.pool.fee_percent >= 0 && c.pool.fee_percent <= 100)) {
        ConfigReader::fail("pool.fee_percent", "must be between 0 and 100");
    }
    if (c.stratum.coinbase.tag.size() > 60) {
        ConfigReader::fail("pool.tag", "must be at most 60 bytes (the coinbase has room for 100)");
    }
    if (c.pool.address.empty()) {
        ConfigReader::fail("pool.address", "is required: the address the pool's coinbase pays");
    }
    if (auto d = chain::decode_address(c.pool.address, *c.coin_params); !d) {
        ConfigReader::fail("pool.address",
                           fmt::format("'{}' is not a valid {} {} address: {}", c.pool.address,
                                       c.coin, network, d.error().message));
    }

    c.metrics.enabled = r.boolean("metrics.enabled", c.metrics.enabled);
    c.metrics.host = r.text("metrics.host", c.metrics.host);
    c.metrics.port = static_cast<uint16_t>(r.integer("metrics.port", c.metrics.port, 0, 65535));

    c.redis.enabled = r.has("redis.host") || r.has("redis.url");
    c.redis.url = r.text("redis.url", "");
    if (auto url = env("REDIS_URL"); url && c.redis.url.empty()) c.redis.url = *url;
    if (!c.redis.url.empty()) c.redis.enabled = true;
    c.redis.stream_key = r.text("redis.stream_key", c.redis.stream_key);
    c.redis.host = r.text("redis.host", c.redis.host);
    c.redis.port = static_cast<uint16_t>(r.integer("redis.port", c.redis.port, 1, 65535));
    c.redis.password = r.text("redis.password", "");
    c.redis.db = static_cast<int>(r.integer("redis.db", 0, 0, 1024));

    c.postgres.enabled = r.has("postgres.host") || r.has("postgres.url");
    c.postgres.host = r.text("postgres.host", c.postgres.host);
    c.postgres.port = static_cast<uint16_t>(r.integer("postgres.port", c.postgres.port, 1, 65535));
    c.postgres.database = r.text("postgres.database", c.postgres.database);
    c.postgres.user = r.text("postgres.user", c.postgres.user);
    c.postgres.password = r.text("postgres.password", "");
    c.postgres.url = r.text("postgres.url", "");
    if (auto url = env("DATABASE_URL"); url && c.postgres.url.empty()) {
        c.postgres.url = *url;
        c.postgres.enabled = true;
    }

    read_ledger(r, c);
    read_analytics(r, c, env);
    read_api(r, c, env);
    read_web(r, c, env);

    c.log.level = r.text("log.level", c.log.level);
    static const char* kLevels[] = {"trace", "debug", "info", "warn", "error", "critical", "off"};
    if (std::find(std::begin(kLevels), std::end(kLevels), c.log.level) == std::end(kLevels)) {
        ConfigReader::fail("log.level", "must be trace, debug, info, warn, error, critical or off");
    }

    r.reject_unknown_keys();
}

}  // namespace

Config load_config_text(const std::string& yaml, ConfigReader::EnvLookup env) {
    YAML::Node root;
    try {
        root = YAML::Load(yaml);
    } catch (const YAML::Exception& e) {
        throw ConfigError(fmt::format("config is not valid YAML: {}", e.what()));
    }
    if (root.IsDefined() && !root.IsNull() && !root.IsMap()) {
        throw ConfigError("config must be a YAML mapping of sections");
    }
    ConfigReader r(root, env);
    for (const auto& renamed : kRenamedSections)
        r.rename_section(std::string(renamed.old_name), std::string(renamed.new_name));
    Config c;
    try {
        read_sections(r, c, env);
    } catch (const ConfigError& e) {
        throw ConfigError(r.as_written(e.what()));
    }
    c.warnings = r.warnings();
    return c;
}

std::string api_analytics_url(const Config& c, bool analytics_in_process) {
    if (!c.api.analytics_url.empty() || !analytics_in_process) return c.api.analytics_url;
    std::string host = c.analytics.host == "0.0.0.0" ? "127.0.0.1" : c.analytics.host;
    return fmt::format("http://{}:{}", host, c.analytics.port);
}

Config load_config_file(const std::string& path, ConfigReader::EnvLookup env) {
    std::ifstream in(path);
    if (!in) throw ConfigError(fmt::format("cannot read config file {}", path));
    std::stringstream text;
    text << in.rdbuf();
    try {
        return load_config_text(text.str(), std::move(env));
    } catch (const ConfigError& e) {
        throw ConfigError(fmt::format("{}: {}", path, e.what()));
    }
}

}  // namespace viddhana::app
