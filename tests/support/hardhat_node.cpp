#include "hardhat_node.h"

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "evm/eth_rpc_client.h"
#include "evm/quantity.h"
#include "ports.h"
#include "process.h"
#include "temp_dir.h"
#include "wait.h"

namespace viddhana::test {
namespace {

std::string contracts_dir() {
    return std::string(VIDDHANA_SOURCE_DIR) + "/contracts";
}

bool answers(const std::string& url) {
    try {
        evm::EthRpcClient rpc(url, std::chrono::seconds(2));
        return rpc.chain_id() == HardhatNode::kChainId;
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace

HardhatNode::HardhatNode() : dir_(std::make_unique<TempDir>("hardhat")) {
    std::string bootstrap = contracts_dir() + "/node_modules/hardhat/internal/cli/bootstrap.js";
    if (!std::ifstream(bootstrap)) {
        throw std::runtime_error(bootstrap + " is missing: run npm ci in contracts/");
    }
    std::string last_error;
    // A port taken between choosing and binding makes the node exit: try another.
    for (int attempt = 0; attempt < 3; ++attempt) {
        uint16_t port = free_tcp_port();
        std::string log = dir_->file("hardhat-node-" + std::to_string(attempt) + ".log");
        // node runs Hardhat's entry point directly, so the child killed at the end is the node
        // itself (npx would leave it orphaned behind).
        process_ = std::make_unique<Process>(ProcessOptions{
            "node",
            {bootstrap, "node", "--hostname", "127.0.0.1", "--port", std::to_string(port)},
            {{"HARDHAT_DISABLE_TELEMETRY_PROMPT", "true"},
             {"VIDDHANA_MINE_FAILED_TRANSACTIONS", "1"}},
            contracts_dir(),
            log,
            log});
        std::string url = "http://127.0.0.1:" + std::to_string(port);
        try {
            wait_until([&] { return !process_->is_running() || answers(url); },
                       std::chrono::seconds(90), "the Hardhat node to answer eth_chainId",
                       std::chrono::milliseconds(200));
        } catch (const std::exception& e) {
            last_error = e.what();
            process_->stop(std::chrono::seconds(5));
            continue;
        }
        if (process_->is_running()) {
            port_ = port;
            return;
        }
        last_error = "the Hardhat node exited: " + read_file(log);
    }
    throw std::runtime_error(last_error);
}

HardhatNode::~HardhatNode() {
    if (process_) process_->stop(std::chrono::seconds(10));
}

std::string HardhatNode::account_key(int index) {
    // The accounts of Hardhat's default mnemonic "test test ... junk".
    static const char* keys[] = {
        "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
        "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        "5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
    };
    if (index < 0 || index > 2) throw std::out_of_range("development account index");
    return keys[index];
}

Bytes HardhatNode::creation_bytecode(const std::string& name) {
    std::string path = contracts_dir() + "/artifacts/src/" + name + ".sol/" + name + ".json";
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + " is missing: compile the contracts first");
    std::stringstream ss;
    ss << in.rdbuf();
    auto artifact = nlohmann::json::parse(ss.str());
    auto bytecode = evm::parse_data_hex(artifact.at("bytecode").get<std::string>());
    if (!bytecode || bytecode->empty()) throw std::runtime_error(path + " has no bytecode");
    return *bytecode;
}

}  // namespace viddhana::test
