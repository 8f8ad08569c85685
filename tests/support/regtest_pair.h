// Two litecoind regtest nodes on loopback for integration tests: node A (with a wallet) and node
// B, which connects to A. litecoind 0.21 answers getblocktemplate only with a peer, and a second
// node also gives failover tests somewhere to go. Ports are chosen free at start (a node that
// loses a bind race is started again on new ports); data directories live in a TempDir.
//
// The litecoind binary is VIDDHANA_LITECOIND, else Debian's /usr/lib/litecoin/litecoind, else
// `litecoind` from PATH.
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "node/rpc_client.h"
#include "process.h"
#include "temp_dir.h"

namespace viddhana::test {

enum class RegtestNode { a, b };

struct RegtestOptions {
    bool cookie_auth = false;  // authenticate with the nodes' cookie files instead of a password
    bool txindex = false;
    // Blocks mined to a wallet address at start: a node at height 0 is in initial block download
    // and refuses getblocktemplate, and 101 blocks leave the wallet one mature coinbase to spend.
    int initial_blocks = 101;
    std::string wallet_name = "pool";
    std::vector<std::string> extra_args;  // for both nodes
    // Node A publishes new tips on ZMQ (-zmqpubhashblock) at zmq_url(a), on a free port kept
    // across restarts.
    bool zmq_a = false;
};

class RegtestPair {
  public:
    explicit RegtestPair(RegtestOptions options = {});
    ~RegtestPair();  // stops both nodes
    RegtestPair(const RegtestPair&) = delete;
    RegtestPair& operator=(const RegtestPair&) = delete;

    // Blocking RPC on a node's base URL (wallet methods on A work there: it has one wallet).
    nlohmann::json rpc(RegtestNode node, const std::string& method,
                       nlohmann::json params = nlohmann::json::array(),
                       std::chrono::milliseconds timeout = std::chrono::seconds(120));
    nlohmann::json rpc(const std::string& method, nlohmann::json params = nlohmann::json::array()) {
        return rpc(RegtestNode::a, method, std::move(params));
    }
    nlohmann::json wallet_rpc(const std::string& method,
                              nlohmann::json params = nlohmann::json::array());

    node::RpcEndpoint endpoint(RegtestNode node) const;
    node::RpcEndpoint wallet_endpoint() const;  // A's /wallet/<name>

    // A new address of A's wallet: "bech32", "p2sh-segwit", "legacy" or "mweb".
    std::string new_address(const std::string& type = "bech32");
    // Mines n blocks on A (to `address`, or to a wallet address) and waits until B has them.
    std::vector<std::string> generate(int n, const std::string& address = "");
    void mine_until(int64_t height);
    int64_t height(RegtestNode node = RegtestNode::a);
    // Waits until B's tip equals A's.
    void sync();

    // Node A's life cycle; the data directory and ports are kept across restarts.
    void stop_a();  // SIGTERM, clean shutdown
    void kill_a();  // SIGKILL
    // Starts A again and waits until it answers RPC, B is connected again and the wallet is loaded.
    void restart_a();
    // Restarts A with or without its ZMQ publisher (same port when on).
    void restart_a_with_zmq(bool zmq);
    // tcp://127.0.0.1:port of A's hashblock publisher (also while A runs without it); empty when
    // A never had one.
    std::string zmq_url() const;
    bool a_running();

    // Activates MWEB (see the implementation's comment for what litecoind needs): afterwards the
    // chain is at height >= 432 and getblocktemplate carries an `mweb` field and a HogEx
    // transaction. Throws when litecoind does not behave as expected.
    void activate_mweb();

    std::string datadir(RegtestNode node) const;
    std::string cookie_file(RegtestNode node) const;
    std::string debug_log(RegtestNode node) const;
    uint16_t rpc_port(RegtestNode node) const;
    uint16_t p2p_port(RegtestNode node) const;
    const TempDir& dir() const { return dir_; }

  private:
    struct NodeState {
        RegtestNode id;
        std::string name;
        std::string datadir;
        uint16_t rpc_port = 0;
        uint16_t p2p_port = 0;
        uint16_t zmq_port = 0;  // kept across restarts once chosen
        bool zmq_on = false;    // started with -zmqpubhashblock
        std::unique_ptr<Process> process;
    };
    NodeState& node(RegtestNode n) { return n == RegtestNode::a ? a_ : b_; }
    const NodeState& node(RegtestNode n) const { return n == RegtestNode::a ? a_ : b_; }
    std::vector<std::string> node_args(const NodeState& n, bool connect_to_a) const;
    // Starts the node; false when it failed because a port was taken (caller picks new ports).
    bool launch(NodeState& n, bool connect_to_a);
    void start_with_free_ports(NodeState& n, bool connect_to_a);
    void wait_connected();
    std::string mining_address();

    RegtestOptions options_;
    TempDir dir_;
    std::string password_;
    NodeState a_;
    NodeState b_;
    std::string mining_address_;
};

}  // namespace viddhana::test
