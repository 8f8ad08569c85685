// The JSON-RPC client's parsing of receipts and logs, as Hardhat and geth send them, and its
// refusal of answers that lack what the pool relies on. Calls to a live node are tested in
// tests/integration/evm_anchor_test.cpp.
#include "evm/eth_rpc_client.h"

#include <gtest/gtest.h>

namespace viddhana::evm {
namespace {

using nlohmann::json;

const char* kReceipt = R"({
  "transactionHash": "0x82369228327d928aa64542d6d054d2c1be43816f751c9055875c239010cf8e25",
  "transactionIndex": "0x0",
  "blockHash": "0x9c5e94e11276610d97729b931fce1df9e1826f5697f39a6bc8e0baf3577077f4",
  "blockNumber": "0x1a",
  "from": "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
  "to": "0x5fbdb2315678afecb367f032d93f642f64180aa3",
  "cumulativeGasUsed": "0x1dc9c",
  "gasUsed": "0x1dc9c",
  "effectiveGasPrice": "0x6fc23ac0",
  "contractAddress": null,
  "logs": [{
    "address": "0x5fbdb2315678afecb367f032d93f642f64180aa3",
    "topics": ["0xf76d0dd036ebe1cf4f1db5446e2431a42794ac1afb3fdbbacfd5680bf0a4d847",
               "0x0000000000000000000000000000000000000000000000000000000000000001",
               "0x9c5e94e11276610d97729b931fce1df9e1826f5697f39a6bc8e0baf3577077f4"],
    "data": "0xbbc64c7eeeac2bd0219c60357739f0dcc793b2e84df2823de445281a7e19a072",
    "blockNumber": "0x1a",
    "blockHash": "0x9c5e94e11276610d97729b931fce1df9e1826f5697f39a6bc8e0baf3577077f4",
    "transactionHash": "0x82369228327d928aa64542d6d054d2c1be43816f751c9055875c239010cf8e25",
    "transactionIndex": "0x0",
    "logIndex": "0x0",
    "removed": false
  }],
  "status": "0x1",
  "type": "0x2"
})";

TEST(EthRpcClient, ParsesAReceiptWithItsLogs) {
    TransactionReceipt r = parse_receipt(json::parse(kReceipt));
    EXPECT_TRUE(r.succeeded);
    EXPECT_EQ(r.block_number, 26u);
    EXPECT_EQ(r.gas_used, 0x1dc9cu);
    EXPECT_EQ(r.effective_gas_price, 0x6fc23ac0u);
    EXPECT_FALSE(r.contract_address.has_value());
    ASSERT_EQ(r.logs.size(), 1u);
    EXPECT_EQ(r.logs[0].address.checksummed(), "0x5FbDB2315678afecb367f032d93F642f64180aa3");
    ASSERT_EQ(r.logs[0].topics.size(), 3u);
    EXPECT_EQ(r.logs[0].topics[1][31], 1);
    EXPECT_EQ(r.logs[0].data.size(), 32u);
    EXPECT_FALSE(r.logs[0].removed);
}

TEST(EthRpcClient, AFailedTransactionIsAReceiptWithStatusZero) {
    json j = json::parse(kReceipt);
    j["status"] = "0x0";
    j["logs"] = json::array();
    TransactionReceipt r = parse_receipt(j);
    EXPECT_FALSE(r.succeeded);
    EXPECT_TRUE(r.logs.empty());
}

TEST(EthRpcClient, RefusesReceiptsAndLogsMissingWhatThePoolReliesOn) {
    for (const char* field : {"status", "blockNumber", "logs", "transactionHash"}) {
        json j = json::parse(kReceipt);
        j.erase(field);
        EXPECT_THROW(parse_receipt(j), EthUnavailable) << field;
    }
    json bad_topic = json::parse(kReceipt);
    bad_topic["logs"][0]["topics"][0] = "0x1234";
    EXPECT_THROW(parse_receipt(bad_topic), EthUnavailable);
    json bad_address = json::parse(kReceipt)["logs"][0];
    bad_address["address"] = "0x5fbdb2315678afecb367f032d93f642f64180aa";
    EXPECT_THROW(parse_log(bad_address), EthUnavailable);
}

TEST(EthRpcClient, AcceptsOnlyPlainHttpUrlsWithAPort) {
    EXPECT_NO_THROW(EthRpcClient("http://127.0.0.1:8545"));
    EXPECT_THROW(EthRpcClient("https://rpc.example.org"), std::invalid_argument);
    EXPECT_THROW(EthRpcClient("http://127.0.0.1"), std::invalid_argument);
}

TEST(EthRpcClient, ReportsAnUnreachableNodeAsUnavailable) {
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    EthRpcClient rpc("http://127.0.0.1:1", std::chrono::seconds(5));
    EXPECT_THROW(rpc.chain_id(), EthUnavailable);
}

}  // namespace
}  // namespace viddhana::evm
