// What the API's routes read: the store, the pool's facts, the node's view of the network, the
// clock, and the health of the other roles when they share the process.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/api_config.h"
#include "api/network_status.h"
#include "api/pool_info.h"
#include "base/clock.h"
#include "store/store.h"

namespace viddhana::api {

// One component of GET /health (Stratum, Redis, ...), probed on every call.
struct HealthProbe {
    std::string name;
    std::function<std::pair<bool, nlohmann::json>()> probe;  // healthy?, details
};

// Windows the API measures hash rate over.
inline constexpr int64_t kHashrateWindowMs = 10 * 60'000;
inline constexpr int64_t kHashrateLongWindowMs = 60 * 60'000;

class PoolStatsCache;
class AuthService;

struct ApiContext {
    ApiConfig config;
    PoolInfo info;
    store::Store* store = nullptr;
    NetworkStatus* network = nullptr;
    const Clock* clock = &SystemClock::instance();
    std::vector<HealthProbe> probes;
    PoolStatsCache* stats = nullptr;
    AuthService* auth = nullptr;
    std::string openapi_yaml;  // served at /api/openapi.yaml
};

}  // namespace viddhana::api
