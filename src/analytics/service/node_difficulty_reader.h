// Reads the chain's difficulty from the coin node (JSON-RPC): the header at every retarget
// boundary (height k * 2016) up to the tip, the tip, the block just before the newest epoch (its
// time starts Litecoin's retarget window), and the median fees of recent blocks. Boundary headers
// never change once deep, so they are kept and only the newest is checked again (a reorg across
// it drops it and what follows). Blocking calls: run it off the request path.
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analytics/service/chain_difficulty.h"
#include "node/node_rpc.h"

namespace viddhana::analytics::service {

struct NodeChainStatus {
    int64_t blocks = 0;   // the node's validated height
    int64_t headers = 0;  // the best height it knows of from its peers
};

class NodeDifficultyReader {
  public:
    NodeDifficultyReader(const chain::CoinParams& coin, std::vector<node::RpcEndpoint> endpoints,
                         std::chrono::milliseconds timeout = std::chrono::seconds(30));

    // The history and tip now. Throws node::NodeUnavailable when no node answers and
    // node::RpcError when one refuses.
    ChainDifficulty read();
    NodeChainStatus chain_status();
    // Median total fees of the last `blocks` blocks (base units); none when the node cannot tell
    // (getblockstats needs the blocks' undo data, which a pruned node may lack).
    std::optional<int64_t> median_recent_fees(int64_t tip_height, int blocks = 11);

  private:
    struct Header {
        std::string hash;
        int64_t time = 0;
        uint32_t bits = 0;
        double difficulty = 0;
    };
    Header header_at(int64_t height);
    Header header_by_hash(const std::string& hash);

    const chain::CoinParams& coin_;
    node::NodeRpc rpc_;
    std::map<int64_t, Header> boundaries_;  // by height
    std::map<int64_t, Header> before_boundary_;
    std::optional<std::pair<int64_t, int64_t>> fees_;  // (tip height, median fees)
};

}  // namespace viddhana::analytics::service
