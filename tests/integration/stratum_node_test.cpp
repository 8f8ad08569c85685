// The pool and its coin nodes: a node killed and restarted while miners work, failover to a
// second node, and blocks that follow the chain's rules (BIP34 past height 500, MWEB on Litecoin).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "base/hex.h"
#include "chain/serialize.h"
#include "support/pool_under_test.h"
#include "support/regtest_pair.h"
#include "support/share_finder.h"
#include "support/stratum_test_client.h"
#include "support/wait.h"

namespace viddhana::test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

// Mines one block through the pool with a plain client: a share on the newest job.
std::string mine_one(PoolUnderTest& pool, StratumTestClient& client,
                     StratumTestClient::Session& session, const std::string& worker,
                     RegtestPair& nodes, RegtestNode node = RegtestNode::a) {
    const auto& coin = *pool.config().coin_params;
    int64_t height = nodes.height(node);
    static uint32_t counter = 0;
    std::string en2 = fmt::format("{:08x}", ++counter);
    auto share = find_share(session.notify, session.extranonce1, en2, session.difficulty,
                            coin.algorithm, coin.share_multiplier, ShareKind::meets_target);
    if (!share) throw std::runtime_error("no share found");
    auto r = client.request(1000 + static_cast<int>(counter), "mining.submit",
                            submit_params(worker, session.notify, *share));
    if (r["result"] != true) throw std::runtime_error("share refused: " + r.dump());
    wait_until([&] { return nodes.height(node) > height; }, 60s, "the block on the node");
    // The next job is for the block after it.
    for (;;) {
        auto n = client.next_notification("mining.notify");
        session.notify = n["params"];
        if (n["params"][8] == true) break;
    }
    return share->block_hash.display_hex();
}

TEST(StratumNode, NodeKilledAndRestartedWhileMining) {
    RegtestPair nodes;
    std::string address = nodes.new_address();
    PoolUnderTest pool(nodes, address);
    StratumTestClient client(pool.stratum_port());
    auto session = client.login(address + ".rig");
    mine_one(pool, client, session, address + ".rig", nodes);
    EXPECT_TRUE(pool.role().health().healthy);

    nodes.kill_a();
    wait_until([&] { return !pool.role().health().healthy; }, 30s,
               "health to report the node down");
    auto report = json::parse(pool.role().health().json);
    EXPECT_EQ(report["status"], "degraded");
    EXPECT_EQ(report["node"]["reachable"], false);
    EXPECT_NE(report["problems"][0].get<std::string>().find("coin node unreachable"),
              std::string::npos);
    // Miners stay connected and keep their job meanwhile.
    EXPECT_EQ(client.request(50, "mining.ping", json::array())["result"], "pong");

    nodes.restart_a();
    // The kill may have lost the last block on A, or B may hand it back: either way the pool
    // has recovered once A agrees with B and the pool's job builds on A's tip.
    wait_until(
        [&] {
            if (nodes.rpc("getbestblockhash") != nodes.rpc(RegtestNode::b, "getbestblockhash")) {
                return false;
            }
            auto h = pool.role().health();
            return h.healthy &&
                   json::parse(h.json)["stratum"]["height"].get<int64_t>() == nodes.height() + 1;
        },
        60s, "the pool to recover");
    // A miner reconnecting after the outage gets the current job.
    StratumTestClient again(pool.stratum_port());
    auto resumed = again.login(address + ".rig");
    std::string hash = mine_one(pool, again, resumed, address + ".rig", nodes);
    EXPECT_EQ(nodes.rpc("getbestblockhash").get<std::string>(), hash);
}

TEST(StratumNode, FailsOverToTheSecondNode) {
    RegtestPair nodes;
    std::string address = nodes.new_address();
    auto b = nodes.endpoint(RegtestNode::b);
    PoolUnderTest pool(
        nodes, address,
        fmt::format("nodes:\n  - rpc_url: {}\n    rpc_user: {}\n    rpc_password: {}\n", b.url,
                    b.user, b.password));
    StratumTestClient client(pool.stratum_port());
    auto session = client.login(address + ".rig");
    nodes.stop_a();
    // Templates now come from B, and B takes the block.
    std::string hash = mine_one(pool, client, session, address + ".rig", nodes, RegtestNode::b);
    EXPECT_EQ(nodes.rpc(RegtestNode::b, "getbestblockhash").get<std::string>(), hash);
    auto health = json::parse(pool.role().health().json);
    EXPECT_EQ(health["node"]["url"], b.url);
}

// The coinbase of a block on the node: its scriptSig must start with the BIP34 height push and
// carry the pool's tag; its first output pays the pool.
void expect_pool_coinbase(RegtestPair& nodes, const std::string& hash, const std::string& address) {
    auto block = nodes.rpc("getblock", {hash, 2});
    const auto& cb = block["tx"][0];
    Bytes script = *from_hex(cb["vin"][0]["coinbase"].get<std::string>());
    Bytes height_push;
    chain::append_script_number(height_push, block["height"].get<int64_t>());
    ASSERT_GE(script.size(), height_push.size());
    EXPECT_TRUE(std::equal(height_push.begin(), height_push.end(), script.begin()));
    std::string text(script.begin(), script.end());
    EXPECT_NE(text.find("/Viddhana/"), std::string::npos);
    // litecoind 0.21 lists "addresses"; later versions give "address".
    const auto& spk = cb["vout"][0]["scriptPubKey"];
    EXPECT_EQ(spk.contains("address") ? spk["address"] : spk["addresses"][0], address);
}

TEST(StratumNode, BlocksPastBip34ActivationAreAccepted) {
    RegtestPair nodes;
    std::string address = nodes.new_address();
    // Regtest cannot pass height 432 without MWEB activation: litecoind fails to make the
    // HogEx of the activation block when nothing was pegged in.
    nodes.activate_mweb();
    nodes.mine_until(497);
    PoolUnderTest pool(nodes, address);
    StratumTestClient client(pool.stratum_port());
    auto session = client.login(address + ".rig");
    std::vector<std::string> hashes;
    while (nodes.height() < 503)
        hashes.push_back(mine_one(pool, client, session, address + ".rig", nodes));
    EXPECT_EQ(nodes.height(), 503);
    for (const auto& h : hashes)
        expect_pool_coinbase(nodes, h, address);
}

TEST(StratumNode, BlocksWithMwebAreAccepted) {
    RegtestPair nodes;
    std::string address = nodes.new_address();
    nodes.activate_mweb();
    auto tmpl = nodes.rpc("getblocktemplate", {{{"rules", {"mweb", "segwit"}}}});
    ASSERT_TRUE(tmpl.contains("mweb")) << "MWEB did not activate";
    // Same-block updates every second, so the peg-in below reaches a job quickly.
    PoolUnderTest pool(nodes, address, "mining:\n  job_refresh_interval: 1s\n");
    StratumTestClient client(pool.stratum_port());
    auto session = client.login(address + ".rig");
    for (int i = 0; i < 3; ++i) {
        std::string hash = mine_one(pool, client, session, address + ".rig", nodes);
        EXPECT_EQ(nodes.rpc("getbestblockhash").get<std::string>(), hash);
        auto block = nodes.rpc("getblock", {hash, 2});
        // The block carries the HogEx transaction last, as every MWEB block must.
        auto txs = block["tx"];
        ASSERT_GE(txs.size(), 2u);
        expect_pool_coinbase(nodes, hash, address);
    }
    // A transaction made now spends the wallet's MWEB coins: it lives only in the MWEB block
    // (the template's transaction list does not change, its `mweb` field and the fees do). It is
    // mined only if the MWEB block we submit is the node's current one.
    std::string mweb_address = nodes.new_address("mweb");
    std::string txid = nodes.wallet_rpc("sendtoaddress", {mweb_address, 1.0});
    std::string old_coinb2 = session.notify[3];
    while (session.notify[3] == old_coinb2) {
        session.notify = client.next_notification("mining.notify")["params"];
    }
    mine_one(pool, client, session, address + ".rig", nodes);
    EXPECT_EQ(nodes.rpc("getrawmempool").size(), 0u);
    EXPECT_EQ(nodes.wallet_rpc("gettransaction", {txid})["confirmations"], 1);
}

}  // namespace
}  // namespace viddhana::test
