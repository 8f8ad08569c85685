// Blocking JSON-RPC to the coin node(s) for the ledger's slow, periodic work (unlocker,
// payments): tries each configured node in turn; a node's RPC error is an answer, not a reason
// to try the next one.
#pragma once
#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "node/rpc_client.h"

namespace viddhana::ledger {

class NodeRpc {
  public:
    explicit NodeRpc(std::vector<node::RpcEndpoint> endpoints,
                     std::chrono::milliseconds timeout = std::chrono::seconds(30));
    // Throws node::RpcError for the node's errors and NodeUnavailable when no node answers.
    nlohmann::json call(const std::string& method, nlohmann::json params = nlohmann::json::array());
    const std::vector<node::RpcEndpoint>& endpoints() const { return endpoints_; }

  private:
    std::vector<node::RpcEndpoint> endpoints_;
    std::chrono::milliseconds timeout_;
    size_t current_ = 0;
};

}  // namespace viddhana::ledger
