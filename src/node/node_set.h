// Failover across several coin nodes: calls go to the current node and move on to the next one
// (round-robin) when it cannot be reached. A node's RPC error is an answer, not a failure.
#pragma once
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/asio.h"
#include "node/rpc_client.h"

namespace viddhana::node {

class NodeSet {
  public:
    // Throws std::invalid_argument when the list is empty or a URL does not parse.
    NodeSet(asio::any_io_executor executor, std::vector<RpcEndpoint> endpoints);
    ~NodeSet();

    // Tries the current node, then each other one once. Throws RpcError as soon as a node answers
    // with one, and RpcTransportError (naming every node's failure) when none could be reached.
    awaitable<nlohmann::json> call(std::string method, nlohmann::json params,
                                   std::chrono::milliseconds timeout = std::chrono::seconds(30));

    // Safe from any thread (metrics, /health).
    size_t current_index() const { return current_.load(); }
    const RpcEndpoint& current() const;
    // False once a call failed on every node; true again when one answers.
    bool reachable() const { return reachable_.load(); }
    size_t size() const { return clients_.size(); }
    const RpcEndpoint& endpoint(size_t index) const;
    // Moves on to the next node for the following calls: for a node that answers but cannot
    // serve (e.g. getblocktemplate while it has no peer or is still syncing).
    void skip_current();
    // Aborts calls in flight on every node.
    void cancel();

  private:
    std::vector<std::unique_ptr<RpcClient>> clients_;
    std::atomic<size_t> current_{0};
    std::atomic<bool> reachable_{true};
};

}  // namespace viddhana::node
