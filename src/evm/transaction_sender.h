// Prepares, signs and sends transactions from one key through one node: the nonce from the
// node's pending count, gas from eth_estimateGas with headroom, fees from the latest base fee
// and the node's suggested tip. Preparing and sending are separate steps so a caller can store
// the signed transaction (its hash is known before it is sent) and send it again after a
// crash without ever signing two different transactions for one purpose.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>

#include "evm/eth_rpc_client.h"
#include "evm/fee_policy.h"
#include "evm/signing_key.h"
#include "evm/transaction.h"

namespace viddhana::evm {

struct TransactionRequest {
    std::optional<auth::EthAddress> to;  // none: deploy `data` as a contract
    Bytes data;
    Uint128 value = 0;
    std::optional<uint64_t> nonce;      // none: the sender's pending transaction count
    std::optional<uint64_t> gas_limit;  // none: the node's estimate plus headroom
    std::optional<FeeCaps> fees;        // none: initial_fees from the chain's figures

    static TransactionRequest call(const auth::EthAddress& to, Bytes data) {
        TransactionRequest r;
        r.to = to;
        r.data = std::move(data);
        return r;
    }
    static TransactionRequest deploy(Bytes init_code) {
        TransactionRequest r;
        r.data = std::move(init_code);
        return r;
    }
};

class TransactionSender {
  public:
    // The client and the key must outlive the sender. `chain_id` is signed into every
    // transaction: check it against rpc.chain_id() at start.
    TransactionSender(EthRpcClient& rpc, const SigningKey& key, uint64_t chain_id);

    // Throws EthRpcError (a reverting call fails its estimate: the revert data says why) or
    // EthUnavailable.
    SignedTransaction prepare(const TransactionRequest& request);
    // The fees a new transaction would get now.
    FeeCaps current_fees();
    // Sends a signed transaction; a node that already has it answers with its hash too, so
    // sending twice is harmless. Returns the hash.
    Word send(const SignedTransaction& tx);
    // Polls for the receipt until `timeout`; none when it did not come.
    std::optional<TransactionReceipt> wait_for_receipt(
        const Word& hash, std::chrono::milliseconds timeout,
        std::chrono::milliseconds interval = std::chrono::milliseconds(250));

    const auth::EthAddress& address() const { return key_.address(); }

  private:
    EthRpcClient& rpc_;
    const SigningKey& key_;
    uint64_t chain_id_;
};

// Gas to allow for a call the node estimated at `estimate`: +25%, because what the call costs
// can change between the estimate and its block (another transaction first touching the same
// storage, a different base of warm slots).
uint64_t gas_with_headroom(uint64_t estimate);

}  // namespace viddhana::evm
