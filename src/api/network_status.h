// The coin network as the node sees it (getmininginfo: height, difficulty, network hash rate),
// fetched at most once per TTL and shared by every request. When the node does not answer, the
// last good answer is kept (marked stale) and the node is asked again only after the TTL, so a
// dead node slows no request by more than one call.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/expected.h"
#include "node/rpc_client.h"

namespace viddhana::api {

struct NetworkInfo {
    int64_t height = 0;
    double difficulty = 0;
    double network_hashrate = 0;  // hashes per second
};

class NetworkSource {
  public:
    virtual ~NetworkSource() = default;
    virtual Expected<NetworkInfo> fetch() = 0;
};

// getmininginfo from the first node that answers.
class NodeNetworkSource final : public NetworkSource {
  public:
    NodeNetworkSource(std::vector<node::RpcEndpoint> endpoints, std::chrono::milliseconds timeout);
    Expected<NetworkInfo> fetch() override;

  private:
    std::vector<node::RpcEndpoint> endpoints_;
    std::chrono::milliseconds timeout_;
};

struct NetworkSnapshot {
    std::optional<NetworkInfo> info;  // none until the node answered once
    bool reachable = false;           // the last attempt succeeded
    std::string last_error;
    int64_t fetched_ms = 0;  // when `info` was fetched
};

class NetworkStatus {
  public:
    NetworkStatus(NetworkSource& source, const Clock& clock, int64_t ttl_ms);
    NetworkSnapshot get();

  private:
    NetworkSource& source_;
    const Clock& clock_;
    const int64_t ttl_ms_;
    std::mutex mutex_;
    NetworkSnapshot snapshot_;
    int64_t attempted_ms_ = 0;
    bool attempted_ = false;
};

}  // namespace viddhana::api
