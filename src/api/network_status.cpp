#include "api/network_status.h"

#include <fmt/format.h>

namespace viddhana::api {

NodeNetworkSource::NodeNetworkSource(std::vector<node::RpcEndpoint> endpoints,
                                     std::chrono::milliseconds timeout)
    : endpoints_(std::move(endpoints)), timeout_(timeout) {}

Expected<NetworkInfo> NodeNetworkSource::fetch() {
    std::string errors;
    for (const auto& e : endpoints_) {
        try {
            auto r = node::rpc_call_sync(e, "getmininginfo", nlohmann::json::array(), timeout_);
            NetworkInfo info;
            info.height = r.value("blocks", int64_t{0});
            info.difficulty = r.value("difficulty", 0.0);
            info.network_hashrate = r.value("networkhashps", 0.0);
            return info;
        } catch (const std::exception& ex) {
            if (!errors.empty()) errors += "; ";
            errors += fmt::format("{}: {}", e.url, ex.what());
        }
    }
    return make_error(errors.empty() ? "no coin node configured" : errors);
}

NetworkStatus::NetworkStatus(NetworkSource& source, const Clock& clock, int64_t ttl_ms)
    : source_(source), clock_(clock), ttl_ms_(ttl_ms) {}

NetworkSnapshot NetworkStatus::get() {
    std::lock_guard lock(mutex_);
    int64_t now = clock_.now_ms();
    if (attempted_ && now - attempted_ms_ < ttl_ms_) return snapshot_;
    attempted_ = true;
    attempted_ms_ = now;
    auto r = source_.fetch();
    if (r) {
        snapshot_.info = *r;
        snapshot_.reachable = true;
        snapshot_.last_error.clear();
        snapshot_.fetched_ms = now;
    } else {
        snapshot_.reachable = false;
        snapshot_.last_error = r.error().message;
    }
    return snapshot_;
}

}  // namespace viddhana::api
