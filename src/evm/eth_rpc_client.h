// Blocking Ethereum JSON-RPC over HTTP (one call per connection, a deadline per call) for the
// periodic, slow work of anchoring: reading the chain id, nonces, fees and logs, estimating and
// sending transactions, and calling views. Only plain http URLs: run a node (or a TLS-terminating
// proxy) the pool reaches over http.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/eth_address.h"
#include "base/hex.h"
#include "evm/quantity.h"
#include "http/http_client.h"

namespace viddhana::evm {

// The node answered with a JSON-RPC error. When a call or a gas estimate reverted, `revert_data`
// holds what the contract reverted with (decode it with the contract's error list).
class EthRpcError : public std::runtime_error {
  public:
    EthRpcError(int code, const std::string& message, std::optional<Bytes> revert_data)
        : std::runtime_error(message), code_(code), revert_data_(std::move(revert_data)) {}
    int code() const { return code_; }
    const std::optional<Bytes>& revert_data() const { return revert_data_; }

  private:
    int code_;
    std::optional<Bytes> revert_data_;
};

// No usable answer: connection refused, timeout, an HTTP error without a JSON-RPC body, or a
// result that is not what the method returns. Nothing is known about the call's effect.
class EthUnavailable : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct CallRequest {
    std::optional<auth::EthAddress> from;
    std::optional<auth::EthAddress> to;  // none: estimate a contract creation
    Bytes data;
    Uint128 value = 0;
};

struct LogEntry {
    auth::EthAddress address;
    std::vector<Word> topics;
    Bytes data;
    uint64_t block_number = 0;
    Word block_hash{};
    Word transaction_hash{};
    uint64_t log_index = 0;
    bool removed = false;  // dropped by a reorganisation
};

struct TransactionReceipt {
    Word transaction_hash{};
    uint64_t block_number = 0;
    Word block_hash{};
    bool succeeded = false;  // status 1; 0 means it reverted (its gas is spent, nothing else)
    uint64_t gas_used = 0;
    Uint128 effective_gas_price = 0;
    std::optional<auth::EthAddress> contract_address;
    std::vector<LogEntry> logs;
};

struct LogFilter {
    std::optional<auth::EthAddress> address;
    // topics[i] must equal the log's topic i; nullopt matches anything.
    std::vector<std::optional<Word>> topics;
    uint64_t from_block = 0;
    std::optional<uint64_t> to_block;  // none: "latest"
};

struct FeeHistory {
    uint64_t oldest_block = 0;
    std::vector<Uint128> base_fee_per_gas;     // one more than the blocks: the next block's
    std::vector<std::vector<Uint128>> reward;  // per block, one per requested percentile
};

struct BlockSummary {
    uint64_t number = 0;
    Word hash{};
    uint64_t timestamp = 0;
    std::optional<Uint128> base_fee_per_gas;  // none before London
};

class EthRpcClient {
  public:
    // Throws std::invalid_argument when `url` is not http://host:port[/path].
    explicit EthRpcClient(std::string url,
                          std::chrono::milliseconds timeout = std::chrono::seconds(30));

    // The "result" member; throws EthRpcError or EthUnavailable.
    nlohmann::json call(const std::string& method, nlohmann::json params);

    uint64_t chain_id();
    uint64_t block_number();
    std::optional<BlockSummary> block(std::string_view tag_or_number = "latest");
    // "pending" counts the sender's transactions waiting in the node's pool too.
    uint64_t transaction_count(const auth::EthAddress& address, std::string_view block = "pending");
    Bytes code(const auth::EthAddress& address, std::string_view block = "latest");
    uint64_t estimate_gas(const CallRequest& request);
    Uint128 max_priority_fee_per_gas();
    FeeHistory fee_history(uint64_t block_count, std::string_view newest_block,
                           std::span<const double> reward_percentiles);
    // The transaction's hash as the node computed it.
    Word send_raw_transaction(std::span<const uint8_t> raw);
    // None while the transaction is pending or unknown.
    std::optional<TransactionReceipt> transaction_receipt(const Word& hash);
    std::vector<LogEntry> logs(const LogFilter& filter);
    // eth_call: the returned data. A revert throws EthRpcError with its revert data.
    Bytes call_contract(const CallRequest& request, std::string_view block = "latest");

    const std::string& url() const { return url_; }

  private:
    std::string url_;
    http::BaseUrl base_;
    std::chrono::milliseconds timeout_;
    std::atomic<uint64_t> next_id_{1};
};

// Parsers for the node's JSON objects (exposed for tests); each throws EthUnavailable naming
// the member that is missing or malformed.
LogEntry parse_log(const nlohmann::json& log);
TransactionReceipt parse_receipt(const nlohmann::json& receipt);

}  // namespace viddhana::evm
