// New tips over the node's ZMQ hashblock publisher, on a real litecoind regtest pair: a block
// mined on the other node reaches a miner as a clean job with long polling off and the regular
// poll ten minutes away (so only ZMQ can bring it), the coinbase-only job made on it yields a
// block the node accepts, and a node restarted without ZMQ leaves the pool on long polling until
// ZMQ is back.
//
// Debian 12's litecoind 0.21.2.1 is built without ZMQ (it accepts -zmqpub* and ignores them, and
// has no getzmqnotifications): with it these tests are skipped. They run with a ZMQ-enabled
// litecoind given in VIDDHANA_LITECOIND (upstream's release binaries are built with ZMQ).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "stratum/job_builder.h"
#include "support/pool_under_test.h"
#include "support/regtest_pair.h"
#include "support/share_finder.h"
#include "support/stratum_test_client.h"
#include "support/wait.h"

namespace viddhana::test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

// True when node A publishes on ZMQ (a node built without ZMQ has no getzmqnotifications).
bool node_has_zmq(RegtestPair& nodes) {
    try {
        return !nodes.rpc("getzmqnotifications").empty();
    } catch (const std::exception&) {
        return false;
    }
}

#define SKIP_WITHOUT_ZMQ(nodes) \
    if (!node_has_zmq(nodes))   \
    GTEST_SKIP() << "this litecoind is built without ZMQ (set VIDDHANA_LITECOIND to one with it)"

RegtestOptions with_zmq() {
    RegtestOptions o;
    o.zmq_a = true;
    return o;
}

// The next clean job (earlier non-clean ones are skipped).
json next_clean_job(StratumTestClient& client) {
    for (;;) {
        auto n = client.next_notification("mining.notify");
        if (n["params"][8] == true) return n["params"];
    }
}

// Whether a mining.notify builds on the block with this display hash.
bool builds_on(const json& params, const std::string& hash) {
    return params[1] == stratum::stratum_prevhash(*chain::Uint256::from_display_hex(hash));
}

// A block on B only: A hears of it over P2P and announces it.
std::string mine_on_b(RegtestPair& nodes, const std::string& address) {
    auto hashes = nodes.rpc(RegtestNode::b, "generatetoaddress", json::array({1, address}));
    std::string hash = hashes[0].get<std::string>();
    wait_until([&] { return nodes.rpc("getbestblockhash").get<std::string>() == hash; }, 60s,
               "A to take B's block");
    return hash;
}

std::string node_yaml(RegtestPair& nodes, bool longpoll) {
    return fmt::format("node:\n  zmq_url: {}\n  longpoll: {}\n  poll_interval: 600s\n",
                       nodes.zmq_url(), longpoll ? "true" : "false");
}

TEST(NodeZmq, NewTipReachesTheMinerAndItsCoinbaseOnlyJobFindsAValidBlock) {
    RegtestPair nodes(with_zmq());
    SKIP_WITHOUT_ZMQ(nodes);
    std::string address = nodes.new_address();
    PoolUnderTest pool(nodes, address, node_yaml(nodes, false));
    wait_until([&] { return pool.metric("stratum_node_zmq_up") == 1; }, 60s, "ZMQ to connect");
    StratumTestClient client(pool.stratum_port());
    auto session = client.login(address + ".rig");

    for (int round = 0; round < 3; ++round) {
        const double fast_before = pool.metric("stratum_node_coinbase_only_templates");
        std::string hash = mine_on_b(nodes, nodes.new_address());
        // Long polling is off and the next poll is ten minutes away: only ZMQ brings this job.
        json job = next_clean_job(client);
        EXPECT_TRUE(builds_on(job, hash));
        EXPECT_GT(pool.metric("stratum_node_coinbase_only_templates"), fast_before);
        session.notify = job;
    }
    EXPECT_GE(pool.metric("stratum_node_zmq_notifications"), 3);

    // A block found on the coinbase-only job: the node must accept it. The mempool is empty,
    // so the node's own template is the same work and no other job replaces this one.
    const auto& coin = *pool.config().coin_params;
    int64_t height = nodes.height();
    auto share = find_share(session.notify, session.extranonce1, "0000abcd", session.difficulty,
                            coin.algorithm, coin.share_multiplier, ShareKind::meets_target);
    ASSERT_TRUE(share);
    auto r = client.request(77, "mining.submit",
                            submit_params(address + ".rig", session.notify, *share));
    ASSERT_EQ(r["result"], true) << r.dump();
    wait_until([&] { return nodes.height() > height; }, 60s, "the pool's block on the node");
    EXPECT_EQ(nodes.rpc("getbestblockhash").get<std::string>(), share->block_hash.display_hex());
    auto block = nodes.rpc("getblock", {share->block_hash.display_hex(), 1});
    EXPECT_EQ(block["tx"].size(), 1u);
    // The block is now the tip and the pool announced its successor on time as well.
    EXPECT_TRUE(builds_on(next_clean_job(client), share->block_hash.display_hex()));
}

TEST(NodeZmq, FallsBackToLongPollingWhileTheNodeHasNoZmqAndUsesItAgain) {
    RegtestPair nodes(with_zmq());
    SKIP_WITHOUT_ZMQ(nodes);
    std::string address = nodes.new_address();
    PoolUnderTest pool(nodes, address, node_yaml(nodes, true));
    wait_until([&] { return pool.metric("stratum_node_zmq_up") == 1; }, 60s, "ZMQ to connect");
    StratumTestClient client(pool.stratum_port());
    client.login(address + ".rig");

    nodes.restart_a_with_zmq(false);
    wait_until([&] { return pool.metric("stratum_node_zmq_up") == 0; }, 60s,
               "the pool to see ZMQ gone");
    const double heard = pool.metric("stratum_node_zmq_notifications");
    for (int round = 0; round < 2; ++round) {
        std::string hash = mine_on_b(nodes, nodes.new_address());
        // No ZMQ and the poll ten minutes away: long polling brings it.
        EXPECT_TRUE(builds_on(next_clean_job(client), hash));
    }
    EXPECT_EQ(pool.metric("stratum_node_zmq_notifications"), heard);

    nodes.restart_a_with_zmq(true);
    wait_until([&] { return pool.metric("stratum_node_zmq_up") == 1; }, 60s, "ZMQ to reconnect");
    std::string hash = mine_on_b(nodes, nodes.new_address());
    EXPECT_TRUE(builds_on(next_clean_job(client), hash));
    wait_until([&] { return pool.metric("stratum_node_zmq_notifications") > heard; }, 60s,
               "the new tip heard over ZMQ");
}

}  // namespace
}  // namespace viddhana::test
