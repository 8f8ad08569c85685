// Settings of the API role (api.* in the config file, with the environment variables PORT,
// HOST, CORS_ORIGIN, JWT_SECRET, JWT_ACCESS_EXPIRY and JWT_REFRESH_EXPIRY).
#pragma once
#include <cstdint>
#include <string>

namespace viddhana::api {

struct ApiConfig {
    bool enabled = true;
    std::string host = "0.0.0.0";
    uint16_t port = 4444;
    std::string cors_origin = "http://localhost:3004";  // comma separated; "*" for any
    int64_t cache_ttl_ms = 5000;                        // pool stats and network info
    int64_t rate_limit_per_minute = 100;                // per client address, all routes
    int64_t auth_rate_limit = 10;                       // per client address per 15 minutes
    std::string jwt_secret;
    int64_t jwt_access_expiry_ms = 15 * 60'000;
    int64_t jwt_refresh_expiry_ms = 7 * 86'400'000LL;
    std::string stratum_url;  // what miners are told to connect to
    // The web UI's URL sign-in messages name (EIP-4361 domain and URI), and the chain id.
    std::string site_uri = "http://localhost:3004";
    int64_t chain_id = 1;
    std::string analytics_url;  // analytics.url: the analytics service, http://127.0.0.1:8000
    int threads = 2;
    int64_t max_body_bytes = 64 * 1024;
    bool trust_proxy = false;  // take the client address from X-Forwarded-For
    bool access_log = true;
};

}  // namespace viddhana::api
