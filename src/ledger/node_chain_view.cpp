#include "ledger/node_chain_view.h"

#include <cmath>

namespace viddhana::ledger {

namespace {

// RPC error codes (bitcoind's rpc/protocol.h).
constexpr int kInvalidAddressOrKey = -5;
constexpr int kInvalidParameter = -8;

int64_t to_base_units(double coins) {
    return std::llround(coins * 1e8);
}

WalletTransaction parse_transaction(const nlohmann::json& j) {
    WalletTransaction t;
    t.txid = j.value("txid", "");
    t.comment = j.value("comment", "");
    t.confirmations = j.value("confirmations", int64_t{0});
    t.abandoned = j.value("abandoned", false);
    if (j.contains("fee") && j["fee"].is_number()) t.fee = -to_base_units(j["fee"].get<double>());
    return t;
}

}  // namespace

int64_t NodeChainView::tip_height() {
    return rpc_.call("getblockcount").get<int64_t>();
}

BlockState NodeChainView::block_state(const std::string& hash) {
    try {
        auto h = rpc_.call("getblockheader", {hash, true});
        return {true, h.value("confirmations", int64_t{0})};
    } catch (const node::RpcError& e) {
        if (e.code() == kInvalidAddressOrKey) return {false, 0};  // "Block not found"
        throw;
    }
}

std::optional<std::string> NodeChainView::hash_at(int64_t height) {
    try {
        return rpc_.call("getblockhash", {height}).get<std::string>();
    } catch (const node::RpcError& e) {
        if (e.code() == kInvalidParameter) return std::nullopt;  // above the tip
        throw;
    }
}

std::string NodeWallet::send_many(const std::vector<WalletOutput>& outputs,
                                  const std::string& comment, bool subtract_fee, int minconf) {
    nlohmann::json amounts = nlohmann::json::object();
    nlohmann::json subtract = nlohmann::json::array();
    for (const auto& o : outputs) {
        // Strings, not doubles: the node parses them as exact fixed-point amounts.
        amounts[o.address] = format_amount(o.amount);
        if (subtract_fee) subtract.push_back(o.address);
    }
    try {
        return rpc_.call("sendmany", {"", amounts, minconf, comment, subtract}).get<std::string>();
    } catch (const node::RpcError& e) {
        throw WalletRefused(e.code(), e.what());
    }
}

std::optional<WalletTransaction> NodeWallet::find_by_comment(const std::string& comment) {
    // Newest first in pages: a batch is looked for soon after it was made.
    for (int skip = 0; skip < 20000; skip += 1000) {
        auto list = rpc_.call("listtransactions", {"*", 1000, skip, true});
        for (const auto& entry : list) {
            if (entry.value("comment", "") == comment && entry.value("category", "") == "send") {
                return parse_transaction(entry);
            }
        }
        if (list.size() < 1000) break;
    }
    return std::nullopt;
}

std::optional<WalletTransaction> NodeWallet::transaction(const std::string& txid) {
    try {
        return parse_transaction(rpc_.call("gettransaction", {txid}));
    } catch (const node::RpcError& e) {
        if (e.code() == kInvalidAddressOrKey) return std::nullopt;
        throw;
    }
}

}  // namespace viddhana::ledger
