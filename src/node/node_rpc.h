// Blocking JSON-RPC to the coin node(s) for slow, periodic work (the ledger's unlocker and
// payments, the analytics service's difficulty history): tries each configured node in turn; a
// node's RPC error is an answer, not a reason to try the next one.
#pragma once
#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "node/rpc_client.h"

namespace viddhana::node {

// No node could be asked (down, timeout): the caller retries later, changing nothing.
struct NodeUnavailable : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class NodeRpc {
  public:
    explicit NodeRpc(std::vector<RpcEndpoint> endpoints,
                     std::chrono::milliseconds timeout = std::chrono::seconds(30));
    // Throws RpcError for the node's errors and NodeUnavailable when no node answers.
    nlohmann::json call(const std::string& method, nlohmann::json params = nlohmann::json::array());
    const std::vector<RpcEndpoint>& endpoints() const { return endpoints_; }

  private:
    std::vector<RpcEndpoint> endpoints_;
    std::chrono::milliseconds timeout_;
    size_t current_ = 0;
};

}  // namespace viddhana::node
