// RegtestPair: starting, connecting, mining with and restarting two litecoind regtest nodes.
#include "regtest_pair.h"

#include <signal.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "ports.h"
#include "wait.h"

namespace viddhana::test {

using nlohmann::json;
using namespace std::chrono_literals;

namespace {

std::string litecoind_path() {
    const char* p = std::getenv("VIDDHANA_LITECOIND");
    if (p && *p) return p;
    // Debian's /usr/bin/litecoind is a shell wrapper that creates ~/.litecoin before exec'ing
    // the real binary: tests skip it.
    constexpr const char* kDebianBinary = "/usr/lib/litecoin/litecoind";
    if (std::filesystem::exists(kDebianBinary)) return kDebianBinary;
    return "litecoind";
}

std::string random_hex(size_t bytes) {
    std::random_device rd;
    std::string out;
    for (size_t i = 0; i < bytes; ++i)
        out += fmt::format("{:02x}", rd() & 0xff);
    return out;
}

std::string tail(const std::string& s, size_t n = 3000) {
    return s.size() <= n ? s : "..." + s.substr(s.size() - n);
}

// A HogEx is serialized with the extended format (marker 0x00) and flag bit 0x08.
bool looks_like_hogex(const std::string& hex) {
    return hex.size() > 12 && hex.substr(8, 2) == "00" &&
           (std::stoi(hex.substr(10, 2), nullptr, 16) & 0x08) != 0;
}

}  // namespace

RegtestPair::RegtestPair(RegtestOptions options)
    : options_(std::move(options)), dir_("regtest"), password_(random_hex(16)) {
    a_.id = RegtestNode::a;
    a_.name = "A";
    a_.datadir = dir_.subdir("a");
    b_.id = RegtestNode::b;
    b_.name = "B";
    b_.datadir = dir_.subdir("b");
    try {
        start_with_free_ports(a_, false);
        start_with_free_ports(b_, true);
        wait_connected();
        json created = rpc(RegtestNode::a, "createwallet",
                           json{{"wallet_name", options_.wallet_name}, {"load_on_startup", true}});
        (void)created;
        if (options_.initial_blocks > 0) generate(options_.initial_blocks);
    } catch (...) {
        for (NodeState* n : {&b_, &a_}) {
            if (n->process) n->process->stop(10s);
        }
        throw;
    }
}

RegtestPair::~RegtestPair() {
    // Both get SIGTERM first so they shut down in parallel.
    for (NodeState* n : {&b_, &a_}) {
        if (n->process && n->process->is_running()) n->process->signal(SIGTERM);
    }
    for (NodeState* n : {&b_, &a_}) {
        if (n->process) n->process->stop(60s);
    }
}

std::vector<std::string> RegtestPair::node_args(const NodeState& n, bool connect_to_a) const {
    std::vector<std::string> args = {
        "-regtest",
        "-datadir=" + n.datadir,
        fmt::format("-port={}", n.p2p_port),
        fmt::format("-rpcport={}", n.rpc_port),
        "-bind=127.0.0.1",
        "-rpcbind=127.0.0.1",
        "-rpcallowip=127.0.0.1",
        "-server=1",
        "-listen=1",
        "-discover=0",
        "-dnsseed=0",
        "-listenonion=0",
        "-upnp=0",
        "-printtoconsole=0",
        // Whitelisted peers get transactions at once instead of after the relay trickle delay.
        "-whitelist=127.0.0.1",
        "-fallbackfee=0.0001",
        "-keypool=10",
        // litecoind's shutdown waits until idle keep-alive RPC connections time out (30 s by
        // default); requests in progress, long polls included, are not affected.
        "-rpcservertimeout=3",
        // Long polls hold an RPC worker each: leave room for several at once.
        "-rpcthreads=16",
        "-rpcworkqueue=64",
    };
    if (!options_.cookie_auth) {
        args.push_back("-rpcuser=viddhana");
        args.push_back("-rpcpassword=" + password_);
    }
    if (options_.txindex) args.push_back("-txindex=1");
    if (connect_to_a) args.push_back(fmt::format("-connect=127.0.0.1:{}", a_.p2p_port));
    if (n.zmq_on) args.push_back(fmt::format("-zmqpubhashblock=tcp://127.0.0.1:{}", n.zmq_port));
    for (const auto& extra : options_.extra_args)
        args.push_back(extra);
    return args;
}

bool RegtestPair::launch(NodeState& n, bool connect_to_a) {
    ProcessOptions po;
    po.executable = litecoind_path();
    po.args = node_args(n, connect_to_a);
    po.stdout_path = n.datadir + "/stdout.log";
    po.stderr_path = n.datadir + "/stderr.log";
    n.process = std::make_unique<Process>(po);

    // Ready when RPC answers (-28 means "still loading"); a node that exits failed.
    const auto deadline = std::chrono::steady_clock::now() + 120s;
    for (;;) {
        if (!n.process->is_running()) {
            std::string log = read_file(debug_log(n.id));
            std::string err = n.process->read_stderr();
            if (log.find("Unable to bind") != std::string::npos ||
                log.find("Unable to start HTTP server") != std::string::npos ||
                err.find("Unable to bind") != std::string::npos ||
                err.find("Unable to start HTTP server") != std::string::npos) {
                return false;
            }
            throw std::runtime_error(
                fmt::format("litecoind {} exited (code {}) during start-up.\nstderr: {}\n"
                            "debug.log: {}",
                            n.name, n.process->exit_code().value_or(-1), tail(err), tail(log)));
        }
        try {
            node::rpc_call_sync(endpoint(n.id), "getblockchaininfo", json::array(), 5s);
            return true;
        } catch (const node::RpcError& e) {
            if (e.code() != -28) throw;
        } catch (const node::RpcTransportError&) {
        }
        if (std::chrono::steady_clock::now() > deadline) {
            throw std::runtime_error(
                fmt::format("litecoind {} did not answer RPC within 120 s", n.name));
        }
        std::this_thread::sleep_for(50ms);
    }
}

void RegtestPair::start_with_free_ports(NodeState& n, bool connect_to_a) {
    constexpr int kAttempts = 5;
    for (int attempt = 1; attempt <= kAttempts; ++attempt) {
        n.p2p_port = free_tcp_port();
        do {
            n.rpc_port = free_tcp_port();
        } while (n.rpc_port == n.p2p_port);
        if (n.id == RegtestNode::a && options_.zmq_a) {
            do {
                n.zmq_port = free_tcp_port();
            } while (n.zmq_port == n.p2p_port || n.zmq_port == n.rpc_port);
            n.zmq_on = true;
        }
        if (launch(n, connect_to_a)) return;
    }
    throw std::runtime_error(
        fmt::format("litecoind {}: no free port pair after {} attempts", n.name, kAttempts));
}

void RegtestPair::wait_connected() {
    wait_until(
        [&] {
            return rpc(RegtestNode::a, "getconnectioncount").get<int>() >= 1 &&
                   rpc(RegtestNode::b, "getconnectioncount").get<int>() >= 1;
        },
        60s, "litecoind B to connect to A");
}

json RegtestPair::rpc(RegtestNode n, const std::string& method, json params,
                      std::chrono::milliseconds timeout) {
    return node::rpc_call_sync(endpoint(n), method, std::move(params), timeout);
}

json RegtestPair::wallet_rpc(const std::string& method, json params) {
    return node::rpc_call_sync(wallet_endpoint(), method, std::move(params), 120s);
}

node::RpcEndpoint RegtestPair::endpoint(RegtestNode n) const {
    node::RpcEndpoint e;
    e.url = fmt::format("http://127.0.0.1:{}", node(n).rpc_port);
    if (options_.cookie_auth) {
        e.cookie_file = cookie_file(n);
    } else {
        e.user = "viddhana";
        e.password = password_;
    }
    return e;
}

node::RpcEndpoint RegtestPair::wallet_endpoint() const {
    node::RpcEndpoint e = endpoint(RegtestNode::a);
    e.url += "/wallet/" + options_.wallet_name;
    return e;
}

std::string RegtestPair::new_address(const std::string& type) {
    return wallet_rpc("getnewaddress", json::array({"", type})).get<std::string>();
}

std::string RegtestPair::mining_address() {
    if (mining_address_.empty()) mining_address_ = new_address("bech32");
    return mining_address_;
}

std::vector<std::string> RegtestPair::generate(int n, const std::string& address) {
    std::string to = address.empty() ? mining_address() : address;
    std::vector<std::string> hashes;
    // Big batches in steps, so that no single call runs into the RPC timeout.
    for (int done = 0; done < n;) {
        int step = std::min(n - done, 200);
        json r = rpc(RegtestNode::a, "generatetoaddress", json::array({step, to}), 300s);
        for (const auto& h : r)
            hashes.push_back(h.get<std::string>());
        done += step;
    }
    if (b_.process && b_.process->is_running() && a_running()) sync();
    return hashes;
}

void RegtestPair::mine_until(int64_t target_height) {
    int64_t h = height();
    if (h < target_height) generate(static_cast<int>(target_height - h));
}

int64_t RegtestPair::height(RegtestNode n) {
    return rpc(n, "getblockcount").get<int64_t>();
}

void RegtestPair::sync() {
    const std::string tip = rpc(RegtestNode::a, "getbestblockhash").get<std::string>();
    wait_until([&] { return rpc(RegtestNode::b, "getbestblockhash").get<std::string>() == tip; },
               120s, "node B to reach A's tip " + tip);
}

void RegtestPair::stop_a() {
    if (!a_.process) return;
    int status = a_.process->stop(60s);
    if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
        throw std::runtime_error(
            fmt::format("litecoind A did not stop cleanly (status {})", status));
    }
}

void RegtestPair::kill_a() {
    if (!a_.process) return;
    a_.process->signal(SIGKILL);
    if (!a_.process->wait_for(30s)) throw std::runtime_error("litecoind A survived SIGKILL");
}

bool RegtestPair::a_running() {
    return a_.process && a_.process->is_running();
}

void RegtestPair::restart_a() {
    if (a_running()) stop_a();
    // Same ports: B's -connect points at A's P2P port. A port taken meanwhile is a hard error.
    if (!launch(a_, false)) {
        throw std::runtime_error(
            fmt::format("litecoind A could not bind its ports {} / {} again on restart",
                        a_.p2p_port, a_.rpc_port));
    }
    // B retries its -connect peer by itself (every few hundred ms).
    wait_connected();
    json wallets = rpc(RegtestNode::a, "listwallets");
    bool loaded = false;
    for (const auto& w : wallets)
        loaded = loaded || w.get<std::string>() == options_.wallet_name;
    if (!loaded) rpc(RegtestNode::a, "loadwallet", json::array({options_.wallet_name}));
}

void RegtestPair::restart_a_with_zmq(bool zmq) {
    if (zmq && !a_.zmq_port) a_.zmq_port = free_tcp_port();
    a_.zmq_on = zmq;
    restart_a();
}

std::string RegtestPair::zmq_url() const {
    return a_.zmq_port ? fmt::format("tcp://127.0.0.1:{}", a_.zmq_port) : std::string();
}

// What litecoind 0.21.2.1 needs for MWEB on regtest (checked by the integration tests):
//  - MWEB is a BIP9 deployment (bit 4, 144-block periods) that the node's block versions signal
//    by default: started at 144, locked in at 288, active from height 432, the first block that
//    must carry an MWEB block and the HogEx (integrating) transaction.
//  - The first HogEx needs an input, and the only one there can be is a peg-in. Without a peg-in
//    in the mempool, the node cannot build block 432 at all: getblocktemplate and
//    generatetoaddress both fail with "CreateNewBlock: TestBlockValidity failed:
//    bad-txns-vin-empty", and the chain is stuck at 431 as far as the node's own miner goes.
//  - A peg-in (sendtoaddress to a `getnewaddress "" mweb` address) is only accepted into the
//    mempool once the next block is the activation block, i.e. with the tip at height 431.
//    Sent earlier, the wallet still returns a txid, but the mempool refuses the transaction
//    ("mweb-before-activation", visible with testmempoolaccept) and it stays unconfirmed in the
//    wallet, so a peg-in "mined before 432" is impossible: it must be mined in block 432.
//  - The wallet needs mature coins for it (mined 100+ blocks before): at height 431 it has them.
//  - From 433 on, each HogEx spends the previous one, so no further peg-in is needed.
void RegtestPair::activate_mweb() {
    constexpr int64_t kActivationHeight = 432;
    int64_t h = height();
    if (h < kActivationHeight) {
        mine_until(kActivationHeight - 1);
        const std::string pegin_address = new_address("mweb");
        const std::string txid =
            wallet_rpc("sendtoaddress", json::array({pegin_address, 1})).get<std::string>();
        json mempool = rpc(RegtestNode::a, "getrawmempool");
        bool found = false;
        for (const auto& t : mempool)
            found = found || t.get<std::string>() == txid;
        if (!found) {
            throw std::runtime_error("MWEB peg-in " + txid + " did not enter the mempool");
        }
        generate(1);
    }
    json tmpl = rpc(RegtestNode::a, "getblocktemplate",
                    json::array({json{{"rules", json::array({"mweb", "segwit"})}}}));
    if (!tmpl.contains("mweb")) {
        throw std::runtime_error(fmt::format(
            "MWEB not active at height {}: getblocktemplate has no mweb field", height()));
    }
    const auto& txs = tmpl.at("transactions");
    if (txs.empty() || !looks_like_hogex(txs.back().at("data").get<std::string>())) {
        throw std::runtime_error("MWEB active but the template's last transaction is no HogEx");
    }
}

std::string RegtestPair::datadir(RegtestNode n) const {
    return node(n).datadir;
}

std::string RegtestPair::cookie_file(RegtestNode n) const {
    return node(n).datadir + "/regtest/.cookie";
}

std::string RegtestPair::debug_log(RegtestNode n) const {
    return node(n).datadir + "/regtest/debug.log";
}

uint16_t RegtestPair::rpc_port(RegtestNode n) const {
    return node(n).rpc_port;
}
uint16_t RegtestPair::p2p_port(RegtestNode n) const {
    return node(n).p2p_port;
}

}  // namespace viddhana::test
