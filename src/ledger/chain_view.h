// What the ledger asks the coin node about found blocks and the wallet. An interface so the
// deciding code (unlocker, payments) stays pure; NodeChainView implements it over JSON-RPC.
// Implementations throw node::NodeUnavailable (node/node_rpc.h) when the node cannot be asked.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace viddhana::ledger {

struct BlockState {
    bool known = false;         // the node has the block (in any chain)
    int64_t confirmations = 0;  // >= 1 in the active chain, -1 when on a side chain
};

class ChainView {
  public:
    virtual ~ChainView() = default;
    virtual int64_t tip_height() = 0;
    virtual BlockState block_state(const std::string& hash) = 0;
    // The active chain's block at a height (nullopt above the tip).
    virtual std::optional<std::string> hash_at(int64_t height) = 0;
};

}  // namespace viddhana::ledger
