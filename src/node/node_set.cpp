// NodeSet: round-robin failover over RpcClients, one per configured node.
#include "node/node_set.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace viddhana::node {

NodeSet::NodeSet(asio::any_io_executor executor, std::vector<RpcEndpoint> endpoints) {
    if (endpoints.empty()) throw std::invalid_argument("node set: no node configured");
    for (auto& e : endpoints)
        clients_.push_back(std::make_unique<RpcClient>(executor, std::move(e)));
}

NodeSet::~NodeSet() = default;

const RpcEndpoint& NodeSet::current() const {
    return clients_[current_.load()]->endpoint();
}

const RpcEndpoint& NodeSet::endpoint(size_t index) const {
    return clients_.at(index)->endpoint();
}

void NodeSet::skip_current() {
    if (clients_.size() < 2) return;
    const size_t from = current_.load();
    const size_t to = (from + 1) % clients_.size();
    current_.store(to);
    spdlog::debug("node failover: {} cannot serve, trying {}", clients_[from]->endpoint().url,
                  clients_[to]->endpoint().url);
}

void NodeSet::cancel() {
    for (auto& c : clients_)
        c->cancel();
}

awaitable<nlohmann::json> NodeSet::call(std::string method, nlohmann::json params,
                                        std::chrono::milliseconds timeout) {
    std::string failures;
    const size_t start = current_.load();
    for (size_t attempt = 0; attempt < clients_.size(); ++attempt) {
        const size_t index = (start + attempt) % clients_.size();
        try {
            nlohmann::json result = co_await clients_[index]->call(method, params, timeout);
            if (index != start) {
                spdlog::debug("node failover: now using {} (was {})",
                              clients_[index]->endpoint().url, clients_[start]->endpoint().url);
            }
            current_.store(index);
            reachable_.store(true);
            co_return result;
        } catch (const RpcError&) {
            current_.store(index);
            reachable_.store(true);
            throw;
        } catch (const RpcTransportError& e) {
            if (!failures.empty()) failures += "; ";
            failures += e.what();
        }
    }
    reachable_.store(false);
    throw RpcTransportError(
        fmt::format("no node reachable ({} configured): {}", clients_.size(), failures));
}

}  // namespace viddhana::node
