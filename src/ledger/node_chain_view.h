// ChainView and Wallet over the node's JSON-RPC.
#pragma once
#include "ledger/chain_view.h"
#include "ledger/wallet.h"
#include "node/node_rpc.h"

namespace viddhana::ledger {

class NodeChainView final : public ChainView {
  public:
    explicit NodeChainView(node::NodeRpc& rpc) : rpc_(rpc) {}
    int64_t tip_height() override;
    BlockState block_state(const std::string& hash) override;
    std::optional<std::string> hash_at(int64_t height) override;

  private:
    node::NodeRpc& rpc_;
};

// Wallet calls go to the node's wallet endpoint (http://node/wallet/<name> when a wallet is named).
class NodeWallet final : public Wallet {
  public:
    explicit NodeWallet(node::NodeRpc& rpc) : rpc_(rpc) {}
    std::string send_many(const std::vector<WalletOutput>& outputs, const std::string& comment,
                          bool subtract_fee_from_outputs, int min_confirmations) override;
    std::optional<WalletTransaction> find_by_comment(const std::string& comment) override;
    std::optional<WalletTransaction> transaction(const std::string& txid) override;

  private:
    node::NodeRpc& rpc_;
};

}  // namespace viddhana::ledger
