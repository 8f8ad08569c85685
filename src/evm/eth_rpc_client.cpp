#include "evm/eth_rpc_client.h"

#include <fmt/format.h>

namespace viddhana::evm {
namespace {

using nlohmann::json;

[[noreturn]] void malformed(const std::string& what) {
    throw EthUnavailable("malformed JSON-RPC answer: " + what);
}

const json& member(const json& object, const char* name) {
    if (!object.is_object() || !object.contains(name)) malformed(fmt::format("no '{}'", name));
    return object.at(name);
}

std::string text_of(const json& value, const char* name) {
    if (!value.is_string()) malformed(fmt::format("'{}' is not a string", name));
    return value.get<std::string>();
}

Uint128 quantity_of(const json& value, const char* name) {
    auto q = parse_quantity(text_of(value, name));
    if (!q) malformed(fmt::format("'{}': {}", name, q.error().message));
    return *q;
}

uint64_t u64_of(const json& value, const char* name) {
    auto q = parse_quantity_u64(text_of(value, name));
    if (!q) malformed(fmt::format("'{}': {}", name, q.error().message));
    return *q;
}

Word word_of(const json& value, const char* name) {
    auto w = parse_word_hex(text_of(value, name));
    if (!w) malformed(fmt::format("'{}': {}", name, w.error().message));
    return *w;
}

Bytes data_of(const json& value, const char* name) {
    auto d = parse_data_hex(text_of(value, name));
    if (!d) malformed(fmt::format("'{}': {}", name, d.error().message));
    return std::move(*d);
}

auth::EthAddress address_of(const json& value, const char* name) {
    auto a = auth::EthAddress::parse(text_of(value, name));
    if (!a) malformed(fmt::format("'{}': {}", name, a.error().message));
    return *a;
}

// Nodes put a revert's data in error.data as a hex string (geth, Hardhat) or in an object's
// "data" member (some providers).
std::optional<Bytes> revert_data_of(const json& error) {
    if (!error.contains("data")) return std::nullopt;
    const json* data = &error.at("data");
    if (data->is_object() && data->contains("data")) data = &data->at("data");
    if (!data->is_string()) return std::nullopt;
    auto bytes = parse_data_hex(data->get<std::string>());
    if (!bytes) return std::nullopt;
    return std::move(*bytes);
}

json call_object(const CallRequest& request) {
    json o = json::object();
    if (request.from) o["from"] = request.from->lower();
    if (request.to) o["to"] = request.to->lower();
    o["data"] = data_hex(request.data);
    if (request.value != 0) o["value"] = to_quantity(request.value);
    return o;
}

}  // namespace

LogEntry parse_log(const json& log) {
    LogEntry out;
    out.address = address_of(member(log, "address"), "address");
    const json& topics = member(log, "topics");
    if (!topics.is_array()) malformed("'topics' is not an array");
    for (const auto& t : topics)
        out.topics.push_back(word_of(t, "topics"));
    out.data = data_of(member(log, "data"), "data");
    out.block_number = u64_of(member(log, "blockNumber"), "blockNumber");
    out.block_hash = word_of(member(log, "blockHash"), "blockHash");
    out.transaction_hash = word_of(member(log, "transactionHash"), "transactionHash");
    out.log_index = u64_of(member(log, "logIndex"), "logIndex");
    out.removed = log.value("removed", false);
    return out;
}

TransactionReceipt parse_receipt(const json& receipt) {
    TransactionReceipt out;
    out.transaction_hash = word_of(member(receipt, "transactionHash"), "transactionHash");
    out.block_number = u64_of(member(receipt, "blockNumber"), "blockNumber");
    out.block_hash = word_of(member(receipt, "blockHash"), "blockHash");
    out.succeeded = u64_of(member(receipt, "status"), "status") == 1;
    out.gas_used = u64_of(member(receipt, "gasUsed"), "gasUsed");
    if (receipt.contains("effectiveGasPrice")) {
        out.effective_gas_price = quantity_of(receipt.at("effectiveGasPrice"), "effectiveGasPrice");
    }
    if (receipt.contains("contractAddress") && !receipt.at("contractAddress").is_null()) {
        out.contract_address = address_of(receipt.at("contractAddress"), "contractAddress");
    }
    const json& logs = member(receipt, "logs");
    if (!logs.is_array()) malformed("'logs' is not an array");
    for (const auto& l : logs)
        out.logs.push_back(parse_log(l));
    return out;
}

EthRpcClient::EthRpcClient(std::string url, std::chrono::milliseconds timeout)
    : url_(std::move(url)), timeout_(timeout) {
    auto base = http::parse_base_url(url_);
    if (!base) throw std::invalid_argument(base.error().message);
    base_ = std::move(*base);
}

json EthRpcClient::call(const std::string& method, json params) {
    uint64_t id = next_id_++;
    json request = {
        {"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
    auto response = http::call_http(base_, "POST", "/", request.dump(),
                                    {{"Content-Type", "application/json"}}, timeout_, 64 << 20);
    if (!response) throw EthUnavailable(method + ": " + response.error().message);
    json body = json::parse(response->body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        throw EthUnavailable(fmt::format("{}: {} answered HTTP {} without JSON-RPC", method, url_,
                                         response->status));
    }
    if (body.contains("error") && !body.at("error").is_null()) {
        const json& error = body.at("error");
        int code = error.value("code", 0);
        std::string message = error.value("message", std::string("(no message)"));
        throw EthRpcError(code, method + ": " + message, revert_data_of(error));
    }
    if (!body.contains("id") || body.at("id") != id) {
        throw EthUnavailable(method + ": the answer's id does not match the request's");
    }
    if (!body.contains("result")) throw EthUnavailable(method + ": the answer has no result");
    return std::move(body.at("result"));
}

uint64_t EthRpcClient::chain_id() {
    return u64_of(call("eth_chainId", json::array()), "result");
}

uint64_t EthRpcClient::block_number() {
    return u64_of(call("eth_blockNumber", json::array()), "result");
}

std::optional<BlockSummary> EthRpcClient::block(std::string_view tag_or_number) {
    json b = call("eth_getBlockByNumber", json::array({std::string(tag_or_number), false}));
    if (b.is_null()) return std::nullopt;
    BlockSummary out;
    out.number = u64_of(member(b, "number"), "number");
    out.hash = word_of(member(b, "hash"), "hash");
    out.timestamp = u64_of(member(b, "timestamp"), "timestamp");
    if (b.contains("baseFeePerGas") && !b.at("baseFeePerGas").is_null()) {
        out.base_fee_per_gas = quantity_of(b.at("baseFeePerGas"), "baseFeePerGas");
    }
    return out;
}

uint64_t EthRpcClient::transaction_count(const auth::EthAddress& address, std::string_view block) {
    return u64_of(
        call("eth_getTransactionCount", json::array({address.lower(), std::string(block)})),
        "result");
}

Bytes EthRpcClient::code(const auth::EthAddress& address, std::string_view block) {
    return data_of(call("eth_getCode", json::array({address.lower(), std::string(block)})),
                   "result");
}

uint64_t EthRpcClient::estimate_gas(const CallRequest& request) {
    return u64_of(call("eth_estimateGas", json::array({call_object(request)})), "result");
}

Uint128 EthRpcClient::max_priority_fee_per_gas() {
    return quantity_of(call("eth_maxPriorityFeePerGas", json::array()), "result");
}

FeeHistory EthRpcClient::fee_history(uint64_t block_count, std::string_view newest_block,
                                     std::span<const double> reward_percentiles) {
    json percentiles = json::array();
    for (double p : reward_percentiles)
        percentiles.push_back(p);
    json r = call("eth_feeHistory",
                  json::array({to_quantity(block_count), std::string(newest_block), percentiles}));
    FeeHistory out;
    out.oldest_block = u64_of(member(r, "oldestBlock"), "oldestBlock");
    for (const auto& fee : member(r, "baseFeePerGas"))
        out.base_fee_per_gas.push_back(quantity_of(fee, "baseFeePerGas"));
    if (r.contains("reward") && r.at("reward").is_array()) {
        for (const auto& block : r.at("reward")) {
            std::vector<Uint128> rewards;
            for (const auto& value : block)
                rewards.push_back(quantity_of(value, "reward"));
            out.reward.push_back(std::move(rewards));
        }
    }
    return out;
}

Word EthRpcClient::send_raw_transaction(std::span<const uint8_t> raw) {
    return word_of(call("eth_sendRawTransaction", json::array({data_hex(raw)})), "result");
}

std::optional<TransactionReceipt> EthRpcClient::transaction_receipt(const Word& hash) {
    json r = call("eth_getTransactionReceipt", json::array({word_hex(hash)}));
    if (r.is_null()) return std::nullopt;
    return parse_receipt(r);
}

std::vector<LogEntry> EthRpcClient::logs(const LogFilter& filter) {
    json f = json::object();
    if (filter.address) f["address"] = filter.address->lower();
    json topics = json::array();
    for (const auto& t : filter.topics)
        topics.push_back(t ? json(word_hex(*t)) : json(nullptr));
    f["topics"] = topics;
    f["fromBlock"] = to_quantity(filter.from_block);
    f["toBlock"] = filter.to_block ? to_quantity(*filter.to_block) : "latest";
    json r = call("eth_getLogs", json::array({f}));
    if (!r.is_array()) malformed("eth_getLogs did not return an array");
    std::vector<LogEntry> out;
    for (const auto& l : r)
        out.push_back(parse_log(l));
    return out;
}

Bytes EthRpcClient::call_contract(const CallRequest& request, std::string_view block) {
    return data_of(call("eth_call", json::array({call_object(request), std::string(block)})),
                   "result");
}

}  // namespace viddhana::evm
