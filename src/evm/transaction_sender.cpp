#include "evm/transaction_sender.h"

#include <algorithm>
#include <cctype>
#include <thread>

namespace viddhana::evm {
namespace {

bool mentions_known(const std::string& message) {
    std::string lower = message;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower.find("already known") != std::string::npos ||
           lower.find("known transaction") != std::string::npos;
}

}  // namespace

uint64_t gas_with_headroom(uint64_t estimate) {
    return estimate + estimate / 4;
}

TransactionSender::TransactionSender(EthRpcClient& rpc, const SigningKey& key, uint64_t chain_id)
    : rpc_(rpc), key_(key), chain_id_(chain_id) {}

FeeCaps TransactionSender::current_fees() {
    auto latest = rpc_.block("latest");
    Uint128 base_fee = latest && latest->base_fee_per_gas ? *latest->base_fee_per_gas : 0;
    Uint128 tip = 0;
    try {
        tip = rpc_.max_priority_fee_per_gas();
    } catch (const EthRpcError&) {
        // Nodes without eth_maxPriorityFeePerGas: the median tip of the last blocks.
        const double percentile[] = {50.0};
        FeeHistory history = rpc_.fee_history(5, "latest", percentile);
        std::vector<Uint128> tips;
        for (const auto& block : history.reward) {
            if (!block.empty()) tips.push_back(block[0]);
        }
        if (!tips.empty()) {
            std::sort(tips.begin(), tips.end());
            tip = tips[tips.size() / 2];
        }
    }
    return initial_fees(base_fee, tip);
}

SignedTransaction TransactionSender::prepare(const TransactionRequest& request) {
    Eip1559Transaction tx;
    tx.chain_id = chain_id_;
    tx.to = request.to;
    tx.data = request.data;
    tx.value = request.value;
    tx.nonce = request.nonce ? *request.nonce : rpc_.transaction_count(key_.address(), "pending");
    if (request.gas_limit) {
        tx.gas_limit = *request.gas_limit;
    } else {
        CallRequest call{key_.address(), request.to, request.data, request.value};
        tx.gas_limit = gas_with_headroom(rpc_.estimate_gas(call));
    }
    FeeCaps fees = request.fees ? *request.fees : current_fees();
    tx.max_priority_fee_per_gas = fees.max_priority_fee_per_gas;
    tx.max_fee_per_gas = fees.max_fee_per_gas;
    auto signed_tx = key_.sign(tx);
    if (!signed_tx) throw std::runtime_error(signed_tx.error().message);
    return std::move(*signed_tx);
}

Word TransactionSender::send(const SignedTransaction& tx) {
    try {
        Word hash = rpc_.send_raw_transaction(tx.raw);
        if (hash != tx.hash) {
            throw EthUnavailable("the node names the transaction " + word_hex(hash) +
                                 ", its hash is " + word_hex(tx.hash));
        }
        return hash;
    } catch (const EthRpcError& e) {
        if (mentions_known(e.what())) return tx.hash;
        throw;
    }
}

std::optional<TransactionReceipt> TransactionSender::wait_for_receipt(
    const Word& hash, std::chrono::milliseconds timeout, std::chrono::milliseconds interval) {
    auto until = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (auto receipt = rpc_.transaction_receipt(hash)) return receipt;
        if (std::chrono::steady_clock::now() >= until) return std::nullopt;
        std::this_thread::sleep_for(interval);
    }
}

}  // namespace viddhana::evm
