#include "node/node_rpc.h"

namespace viddhana::node {

NodeRpc::NodeRpc(std::vector<RpcEndpoint> endpoints, std::chrono::milliseconds timeout)
    : endpoints_(std::move(endpoints)), timeout_(timeout) {
    if (endpoints_.empty()) throw std::invalid_argument("no coin node configured");
}

nlohmann::json NodeRpc::call(const std::string& method, nlohmann::json params) {
    std::string failures;
    for (size_t tried = 0; tried < endpoints_.size(); ++tried) {
        const auto& e = endpoints_[current_];
        try {
            return rpc_call_sync(e, method, params, timeout_);
        } catch (const RpcTransportError& err) {
            failures += (failures.empty() ? "" : "; ") + std::string(err.what());
            current_ = (current_ + 1) % endpoints_.size();
        }
    }
    throw NodeUnavailable("no coin node answered " + method + ": " + failures);
}

}  // namespace viddhana::node
