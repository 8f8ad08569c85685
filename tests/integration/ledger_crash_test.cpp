// The ledger killed (SIGKILL) at its worst moments, as separate processes on a real litecoind
// regtest pair:
// - in the middle of a payment, after the batch's intents are stored and after the wallet sent
//   it: started again, it pays every miner exactly once (the node says what each received);
// - while two Stratum nodes stream shares to it through Redis: started again, every share the
//   Stratum nodes answered is stored exactly once, and every block they found is tracked.
#include <algorithm>
#include <atomic>
#include <csignal>
#include <map>
#include <set>
#include <thread>

#include <sys/wait.h>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "chain/coin.h"
#include "store/store.h"
#include "support/pool_miner.h"
#include "support/pool_process.h"
#include "support/ports.h"
#include "support/redis_server.h"
#include "support/regtest_pair.h"
#include "support/wait.h"

namespace viddhana::test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

const chain::CoinParams& litecoin_regtest() {
    return *chain::find_coin("litecoin", chain::Network::regtest);
}

// One process's config: the node, the pool address, fast book-keeping, its own ports.
std::string process_yaml(RegtestPair& nodes, const std::string& pool_address,
                         const std::string& data_dir, uint16_t stratum_port, int node_id,
                         const std::string& mining, const std::string& extra) {
    auto a = nodes.endpoint(RegtestNode::a);
    return fmt::format(R"(coin: litecoin
network: regtest
data_dir: {}
server:
  host: 127.0.0.1
  port: {}
  threads: 2
  node_id: {}
  ban_invalid_ratio: 1
  ban_min_shares: 1000000
node:
  rpc_url: {}
  rpc_user: {}
  rpc_password: {}
  poll_interval: 500ms
pool:
  address: {}
{}
payout:
  scheme: pplns
  pplns_window_factor: 100
  default_threshold: 0.01
payments:
  interval: 1s
ledger:
  unlocker_interval: 1s
metrics:
  enabled: false
log:
  level: info
{})",
                       data_dir, stratum_port, node_id, a.url, a.user, a.password, pool_address,
                       mining, extra);
}

const char* kBlockMining = R"(mining:
  initial_difficulty: 0.0001
  min_difficulty: 0.0001
  max_difficulty: 0.0001)";

std::unique_ptr<store::Store> open_sqlite(const std::string& path) {
    store::StoreConfig c;
    c.backend = store::StoreBackend::sqlite;
    c.sqlite_path = path;
    std::unique_ptr<store::Store> s;
    // The ledger process creates and migrates the file: open it once that is done.
    wait_until(
        [&] {
            try {
                s = store::open_store(c);
                return true;
            } catch (const std::exception&) {
                return false;
            }
        },
        60s, "the ledger's store");
    return s;
}

int64_t received_by(RegtestPair& nodes, const std::string& address) {
    double coins = nodes.wallet_rpc("getreceivedbyaddress", {address, 0}).get<double>();
    return std::llround(coins * 1e8);
}

// Wallet transactions that sent coins with this comment.
int sends_with_comment(RegtestPair& nodes, const std::string& comment) {
    std::set<std::string> txids;
    for (const auto& t : nodes.wallet_rpc("listtransactions", {"*", 1000})) {
        if (t.value("category", "") == "send" && t.value("comment", "") == comment) {
            txids.insert(t["txid"].get<std::string>());
        }
    }
    return static_cast<int>(txids.size());
}

class PaymentCrash : public ::testing::TestWithParam<std::string> {};

TEST_P(PaymentCrash, EveryMinerIsPaidExactlyOnce) {
    RegtestPair nodes;
    TempDir dir("payment-crash");
    std::string pool_address = nodes.new_address();
    uint16_t port = free_tcp_port();
    PoolProcess pool(dir, "pool", "run",
                     process_yaml(nodes, pool_address, dir.path(), port, 0, kBlockMining, ""),
                     {{"VIDDHANA_FAULT", GetParam()}});
    pool.start();
    wait_until([&] { return port_open(port); }, 60s, "the pool's Stratum port");

    const auto& coin = litecoin_regtest();
    std::vector<std::string> addresses;
    std::vector<TestMiner> miners;
    for (int i = 0; i < 3; ++i) {
        addresses.push_back(nodes.new_address());
        miners.push_back(connect_miner(port, addresses.back() + ".rig"));
    }
    for (int who : {0, 1, 2, 0})
        mine_block(coin, miners[who], nodes);
    nodes.generate(101);  // the blocks mature: the ledger pays, and dies doing so
    auto status = pool.wait_exit(120s);
    ASSERT_TRUE(status) << "the pool did not reach the fault\n" << pool.log();
    ASSERT_TRUE(WIFSIGNALED(*status) && WTERMSIG(*status) == SIGKILL) << pool.log();

    // What the crash left: one batch of intents, sent on-chain or not depending on the moment.
    std::string batch;
    {
        auto store = open_sqlite(dir.file("viddhana.db"));
        store::PaymentFilter f;
        f.status = store::PaymentStatus::intent;
        auto intents = store->payments().payments(f, {100, 0});
        ASSERT_TRUE(intents);
        ASSERT_FALSE(intents->empty()) << pool.log();
        batch = *intents->front().batch_id;
        const int sent_before_restart = sends_with_comment(nodes, batch);
        EXPECT_EQ(sent_before_restart, GetParam() == "payment-after-send" ? 1 : 0);
    }

    pool.set_env({});
    pool.start();
    auto store = open_sqlite(dir.file("viddhana.db"));
    wait_until(
        [&] {
            for (const auto& a : addresses) {
                auto b = store->balances().balance(a);
                if (b.paid == 0 || b.pending != 0) return false;
            }
            return true;
        },
        120s, "every miner paid after the restart");
    EXPECT_EQ(sends_with_comment(nodes, batch), 1) << "the batch must go out exactly once";
    int64_t paid_total = 0;
    for (const auto& a : addresses) {
        auto b = store->balances().balance(a);
        EXPECT_EQ(received_by(nodes, a), b.paid) << a << "\n" << pool.log();
        paid_total += b.paid;
    }
    EXPECT_GT(paid_total, 0);
    store::PaymentFilter f;
    f.status = store::PaymentStatus::intent;
    auto left = store->payments().payments(f, {100, 0});
    ASSERT_TRUE(left);
    EXPECT_TRUE(left->empty()) << "no payment may stay half done";
}

INSTANTIATE_TEST_SUITE_P(Ledger, PaymentCrash,
                         ::testing::Values("payment-after-intent", "payment-after-send"),
                         [](const auto& info) {
                             return info.param == "payment-after-intent" ? "AfterIntents"
                                                                         : "AfterSend";
                         });

// Sends `count` shares the Stratum node rejects before hashing (an ntime before the job's
// minimum time) and reads every answer: each answer is one share event the node emitted. On
// regtest nearly any hash solves a block, so only shares refused unhashed keep the chain still.
int submit_rejected_shares(TestMiner& m, int first_nonce, int count) {
    const json& n = m.session.notify;
    for (int i = 0; i < count; ++i) {
        json params = {m.user, n[0], fmt::format("{:08x}", 1), "00000001",
                       fmt::format("{:08x}", first_nonce + i)};
        m.client->send({{"id", 100000 + i}, {"method", "mining.submit"}, {"params", params}});
    }
    int answered = 0;
    while (answered < count) {
        auto msg = m.client->next_message();
        if (msg.contains("id") && !msg["id"].is_null() && msg["id"].get<int>() >= 100000) {
            ++answered;
        } else if (msg.value("method", "") == "mining.notify") {
            // The next batch uses the newest job (the ones in flight may come back stale).
            m.session.notify = msg["params"];
        }
    }
    return answered;
}

TEST(LedgerMultiNode, TwoStratumNodesAndALedgerKilledMidStream) {
    RegtestPair nodes;
    RedisServer redis;
    TempDir dir("multinode");
    std::string pool_address = nodes.new_address();
    const std::string redis_yaml = fmt::format("redis:\n  url: {}\n", redis.url());
    const char* mining = kBlockMining;
    std::vector<uint16_t> ports = {free_tcp_port(), free_tcp_port()};
    std::vector<std::unique_ptr<PoolProcess>> stratum;
    for (int i = 0; i < 2; ++i) {
        stratum.push_back(std::make_unique<PoolProcess>(
            dir, fmt::format("stratum{}", i + 1), "stratum",
            process_yaml(nodes, pool_address, dir.path(), ports[i], i + 1, mining, redis_yaml)));
        stratum.back()->start();
    }
    PoolProcess ledger(dir, "ledger", "ledger",
                       process_yaml(nodes, pool_address, dir.path(), 0, 0, mining, redis_yaml));
    ledger.start();
    for (auto p : ports)
        wait_until([&] { return port_open(p); }, 60s, "a Stratum node's port");
    auto store = open_sqlite(dir.file("viddhana.db"));

    const auto& coin = litecoin_regtest();
    std::vector<TestMiner> rigs;
    for (int i = 0; i < 4; ++i) {
        rigs.push_back(
            connect_miner(ports[i % 2], nodes.new_address() + ".rig" + std::to_string(i)));
    }
    std::vector<TestMiner> finders;
    for (int i = 0; i < 2; ++i)
        finders.push_back(connect_miner(ports[i], nodes.new_address() + ".finder"));

    std::atomic<int64_t> answered{0};
    std::vector<std::string> blocks;
    int nonce = 0;
    auto phase = [&](int per_rig) {
        std::vector<std::thread> threads;
        for (auto& r : rigs) {
            int first = nonce;
            nonce += per_rig;
            threads.emplace_back(
                [&, first] { answered += submit_rejected_shares(r, first, per_rig); });
        }
        for (auto& t : threads)
            t.join();
        for (auto& f : finders) {
            blocks.push_back(mine_block(coin, f, nodes));
            ++answered;
        }
    };

    phase(500);
    wait_until([&] { return store->shares().share_count() == answered.load(); }, 60s,
               "the first shares stored");
    // Killed while the next shares stream in.
    const int64_t first_phase = answered.load();
    std::thread second([&] { phase(1500); });
    wait_until([&] { return store->shares().share_count() > first_phase + 100; }, 60s,
               "the ledger storing the second phase", 1ms);
    ledger.kill();
    second.join();
    // And more while it is down: they wait in the Redis stream.
    phase(500);
    const int64_t stored_while_down = store->shares().share_count();
    ASSERT_LT(stored_while_down, answered.load()) << "the ledger was not down";
    ledger.start();
    wait_until([&] { return store->shares().share_count() >= answered.load(); }, 120s,
               "every share stored after the restart");
    EXPECT_EQ(store->shares().share_count(), answered.load()) << ledger.log();

    // Exactly once: per Stratum node, the stored sequence numbers have no gap and no repeat.
    auto stored = store->shares().shares_between(0, INT64_MAX / 2, 100000);
    ASSERT_TRUE(stored) << stored.error().message;
    std::map<uint32_t, std::vector<uint64_t>> sequences;
    for (const auto& s : *stored)
        sequences[s.share.node_id].push_back(s.share.sequence);
    ASSERT_EQ(sequences.size(), 2u);
    for (auto& [node, seqs] : sequences) {
        std::sort(seqs.begin(), seqs.end());
        EXPECT_EQ(std::adjacent_find(seqs.begin(), seqs.end()), seqs.end()) << "node " << node;
        EXPECT_EQ(seqs.back() - seqs.front() + 1, seqs.size()) << "node " << node << " lost shares";
    }
    // Every block the Stratum nodes found is tracked.
    wait_until(
        [&] {
            for (const auto& h : blocks) {
                if (!store->blocks().find_block_by_hash(h)) return false;
            }
            return true;
        },
        60s, "every found block recorded");
}

}  // namespace
}  // namespace viddhana::test
