// Several API nodes in front of one pool, as separate processes on a real litecoind regtest
// pair and a real Redis: a Stratum node and the ledger in their own processes, and two
// `viddhana api` processes. The ledger's events reach the WebSocket clients of both API nodes
// over Redis pub/sub: the block the node just accepted, then its confirmation, which only the
// ledger's unlocker knows (API nodes with Redis configured do not read the store for events),
// and what anyone publishes on the pool's live channel.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "api/live_event_codec.h"
#include "bus/redis_config.h"
#include "bus/redis_connection.h"
#include "chain/coin.h"
#include "http/http_client.h"
#include "store/store.h"
#include "support/live_client.h"
#include "support/pool_miner.h"
#include "support/pool_process.h"
#include "support/pool_under_test.h"
#include "support/ports.h"
#include "support/redis_server.h"
#include "support/regtest_pair.h"
#include "support/wait.h"

namespace viddhana::test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

constexpr int kMaturity = 5;

// The shared test config with what this test changes: one data directory for every process,
// node id 1, blocks at once, quick unlocking, Redis, the API's port.
std::string process_yaml(RegtestPair& nodes, const std::string& pool_address,
                         const std::string& data_dir, uint16_t stratum_port, uint16_t api_port,
                         const std::string& redis_url) {
    return PoolUnderTest::process_yaml(
        nodes, pool_address, stratum_port,
        fmt::format("data_dir: {}\nserver:\n  node_id: 1\nmining:\n  initial_difficulty: "
                    "0.0001\n  max_difficulty: 0.0001\npayout:\n  scheme: pplns\n  "
                    "maturity_confirmations: {}\nledger:\n  unlocker_interval: 1s\nredis:\n  "
                    "url: {}\napi:\n  host: 127.0.0.1\n  port: {}\n  access_log: false\n",
                    data_dir, kMaturity, redis_url, api_port));
}

// GET /health of an API node: its live events come in over Redis.
bool live_events_connected(uint16_t port) {
    auto base = http::parse_base_url(fmt::format("http://127.0.0.1:{}", port));
    auto r = http::call_http(*base, "GET", "/health", "", {}, 10s);
    if (!r) return false;
    auto j = json::parse(r->body, nullptr, false);
    return j.is_object() && j["checks"]["live_events"].value("status", "") == "ok";
}

TEST(ApiCluster, EveryApiNodeRelaysTheLedgersEventsFromRedis) {
    RegtestPair nodes;
    RedisServer redis;
    TempDir dir("apicluster");
    std::string pool_address = nodes.new_address();
    const uint16_t stratum_port = free_tcp_port();
    PoolProcess stratum(
        dir, "stratum", "stratum",
        process_yaml(nodes, pool_address, dir.path(), stratum_port, 0, redis.url()));
    PoolProcess ledger(dir, "ledger", "ledger",
                       process_yaml(nodes, pool_address, dir.path(), 0, 0, redis.url()));
    ledger.start();
    // The ledger creates and migrates the store before the API nodes open it.
    wait_until(
        [&] {
            try {
                store::StoreConfig c;
                c.backend = store::StoreBackend::sqlite;
                c.sqlite_path = dir.file("viddhana.db");
                store::open_store(c);
                return true;
            } catch (const std::exception&) {
                return false;
            }
        },
        60s, "the ledger's store");
    stratum.start();

    std::vector<uint16_t> api_ports = {free_tcp_port(), free_tcp_port()};
    std::vector<std::unique_ptr<PoolProcess>> apis;
    for (size_t i = 0; i < api_ports.size(); ++i) {
        apis.push_back(std::make_unique<PoolProcess>(
            dir, fmt::format("api{}", i + 1), "api",
            process_yaml(nodes, pool_address, dir.path(), 0, api_ports[i], redis.url())));
        apis.back()->start();
    }
    auto alive = [](PoolProcess& p) {
        if (!p.is_running()) throw std::runtime_error("a process exited:\n" + p.log());
    };
    wait_until(
        [&] {
            alive(stratum);
            return port_open(stratum_port);
        },
        60s, "the Stratum port");
    for (size_t i = 0; i < api_ports.size(); ++i) {
        wait_until(
            [&] {
                alive(*apis[i]);
                return live_events_connected(api_ports[i]);
            },
            60s, "an API node subscribed to the live events");
    }

    std::string finder = nodes.new_address();
    std::vector<std::unique_ptr<LiveClient>> clients;
    for (auto p : api_ports) {
        clients.push_back(std::make_unique<LiveClient>(p));
        clients.back()->subscribe("blocks");
        EXPECT_EQ(clients.back()->read()["type"], "subscribed");
        clients.back()->subscribe("miner:" + finder);
        EXPECT_EQ(clients.back()->read()["type"], "subscribed");
    }

    auto miner = connect_miner(stratum_port, finder + ".rig");
    const auto& coin = *chain::find_coin("litecoin", chain::Network::regtest);
    std::string hash = mine_block(coin, miner, nodes);
    for (auto& c : clients) {
        auto found = c->read_event("block.found", "blocks");
        EXPECT_EQ(found["data"]["hash"], hash);
        EXPECT_EQ(found["data"]["finder"], finder);
        // The finder's own channel carries it too.
        auto own = c->read_event("block.found", "miner:" + finder);
        EXPECT_EQ(own["data"]["hash"], hash);
    }

    // Deep enough: the ledger's unlocker confirms it, and both API nodes tell their clients.
    nodes.generate(kMaturity);
    for (auto& c : clients) {
        auto confirmed = c->read_until([&](const json& m) {
            return m.value("type", "") == "block.confirmed" && m.value("channel", "") == "blocks" &&
                   m["data"].value("hash", "") == hash;
        });
        EXPECT_EQ(confirmed["data"]["status"], "confirmed") << confirmed.dump();
    }

    // The relay itself: what is published on the pool's live channel reaches every API node's
    // clients, and a malformed message is dropped without ending the relay.
    auto bus_config = bus::parse_redis_url(redis.url());
    ASSERT_TRUE(bus_config);
    auto conn = bus::RedisConnection::open(*bus_config);
    ASSERT_TRUE(conn) << conn.error().message;
    const std::string channel = bus_config->live_channel();
    ASSERT_TRUE((*conn)->command({"PUBLISH", channel, "not json"}));
    std::vector<api::LiveEvent> marker{{{"blocks"}, "block.found", {{"hash", "relay-check"}}}};
    auto published = (*conn)->command({"PUBLISH", channel, api::encode_live_events(marker)});
    ASSERT_TRUE(published);
    EXPECT_EQ((*published)->integer, 2) << "both API nodes listen";
    for (auto& c : clients) {
        auto relayed = c->read_until([](const json& m) {
            return m.value("type", "") == "block.found" &&
                   m["data"].value("hash", "") == "relay-check";
        });
        EXPECT_EQ(relayed["channel"], "blocks");
    }
    for (auto& a : apis)
        EXPECT_EQ(a->stop(), 0) << a->log();
    EXPECT_EQ(ledger.stop(), 0) << ledger.log();
    EXPECT_EQ(stratum.stop(), 0) << stratum.log();
}

}  // namespace
}  // namespace viddhana::test
