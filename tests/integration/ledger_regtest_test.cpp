// The ledger end to end on a real litecoind regtest pair: miners mine through the pool, the
// ledger records their shares, credits each block by the payout scheme exactly as the pure
// scheme computes from the stored shares, follows the blocks to maturity (or orphans them), and
// pays the miners from the node's wallet; the node confirms what each address received.
#include <map>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "app/ledger_role.h"
#include "ledger/block_unlocker.h"
#include "ledger/node_chain_view.h"
#include "ledger/payout/payout_split.h"
#include "ledger/payout/pplns_scheme.h"
#include "ledger/payout/pps_scheme.h"
#include "ledger/payout_settings.h"
#include "support/pool_miner.h"
#include "support/pool_under_test.h"
#include "support/postgres_server.h"
#include "support/regtest_pair.h"
#include "support/wait.h"

namespace viddhana::test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

// Fixed share difficulty (every share is a block on regtest anyway), fast book-keeping.
std::string ledger_yaml(const std::string& scheme, const std::string& extra = "",
                        bool payments = true) {
    return fmt::format(R"(mining:
  initial_difficulty: 0.0001
  min_difficulty: 0.0001
  max_difficulty: 0.0001
payout:
  scheme: {}
  pplns_window_factor: 100
  default_threshold: 0.01
payments:
  enabled: {}
  interval: 1s
  max_outputs: 50
ledger:
  unlocker_interval: 1s
{})",
                       scheme, payments, extra);
}

int64_t received_by(RegtestPair& nodes, const std::string& address) {
    double coins = nodes.wallet_rpc("getreceivedbyaddress", {address, 1}).get<double>();
    return std::llround(coins * 1e8);
}

enum class Backend { sqlite, postgres };

// Every test runs on both stores: the embedded SQLite file and a real PostgreSQL server (one
// server for the suite, a fresh database per test).
class LedgerRegtest : public ::testing::TestWithParam<Backend> {
  protected:
    static void SetUpTestSuite() {}
    static void TearDownTestSuite() { postgres_.reset(); }

    // The test's ledger config, naming the store when it is PostgreSQL.
    std::string yaml(const std::string& scheme, bool payments = true) {
        std::string store;
        if (GetParam() == Backend::postgres) {
            if (!postgres_) postgres_ = std::make_unique<PostgresServer>();
            static int n = 0;
            store =
                "postgres:\n  url: " + postgres_->create_database("ledger" + std::to_string(++n)) +
                "\n";
        }
        return ledger_yaml(scheme, store, payments);
    }

    RegtestPair nodes;
    static std::unique_ptr<PostgresServer> postgres_;
};

std::unique_ptr<PostgresServer> LedgerRegtest::postgres_;

TEST_P(LedgerRegtest, PplnsCreditsMatureAndArePaidOnChain) {
    std::string pool_address = nodes.new_address();
    PoolUnderTest pool(nodes, pool_address, yaml("pplns"), true);
    std::vector<std::string> addresses;
    std::vector<TestMiner> miners;
    for (int i = 0; i < 3; ++i) {
        addresses.push_back(nodes.new_address());
        miners.push_back(
            connect_miner(pool.stratum_port(), addresses.back() + ".rig" + std::to_string(i)));
    }
    // 12 blocks, miners taking uneven turns: 0,1,2,0,0,1,0,...
    const int order[] = {0, 1, 2, 0, 0, 1, 0, 2, 0, 1, 0, 0};
    std::vector<std::string> hashes;
    for (int who : order)
        hashes.push_back(mine_block(pool, miners[who], nodes));

    // Every block is recorded and credited.
    auto& store = pool.store();
    wait_until(
        [&] {
            auto b = store.blocks().blocks({100, 0});
            if (!b || b->size() != hashes.size()) return false;
            for (const auto& block : *b) {
                if (!block.round_id) return false;
            }
            return true;
        },
        60s, "every block credited");

    // Each round is what the pure PPLNS scheme computes from the stored shares.
    auto scheme =
        ledger::payout::PplnsScheme::create(100, *ledger::payout::make_pool_fee(1.0, pool_address));
    ASSERT_TRUE(scheme);
    auto stored = store.shares().shares_between(0, INT64_MAX / 2, 100000);
    ASSERT_TRUE(stored);
    int64_t total_reward = 0;
    for (const auto& hash : hashes) {
        auto block = store.blocks().find_block_by_hash(hash);
        ASSERT_TRUE(block);
        auto round = store.blocks().round_for_block(block->id);
        ASSERT_TRUE(round);
        // The accepted shares up to the block's own share, newest first.
        std::vector<ledger::payout::MinerWork> newest_first;
        for (auto it = stored->rbegin(); it != stored->rend(); ++it) {
            const auto& s = it->share;
            if (s.result != bus::ShareResult::accepted) continue;
            if (newest_first.empty() && s.block_hash != hash) continue;
            newest_first.push_back({s.login, ledger::payout::share_work(s.difficulty, 65536)});
        }
        ASSERT_FALSE(newest_first.empty()) << "the block's share is not stored";
        auto window = scheme->select_window(newest_first, block->network_difficulty);
        ASSERT_TRUE(window) << window.error().message;
        auto split = scheme->split(block->reward, window->miners);
        ASSERT_TRUE(split) << split.error().message;
        std::map<std::string, int64_t> expected, got;
        for (const auto& c : split->credits)
            expected[c.login] += c.amount;
        expected[pool_address] += split->fee + split->dust;
        int64_t sum = 0;
        for (const auto& c : round->credits) {
            got[c.login] += c.amount;
            sum += c.amount;
        }
        EXPECT_EQ(got, expected) << "block " << hash;
        EXPECT_EQ(sum, block->reward) << "credits plus fee and dust must be the whole reward";
        EXPECT_GT(block->effort, 0);
        total_reward += block->reward;
    }
    // Immature until the blocks are 101 deep.
    for (const auto& a : addresses) {
        auto bal = store.balances().balance(a);
        EXPECT_GT(bal.immature, 0) << a;
        EXPECT_EQ(bal.pending, 0) << a;
    }

    nodes.generate(101);
    wait_until(
        [&] {
            auto pending = store.blocks().blocks({100, 0}, store::BlockStatus::pending);
            return pending && pending->empty();
        },
        60s, "every block confirmed");

    // Paid: the wallet sends each miner its balance, the node confirms what each received.
    std::map<std::string, int64_t> owed;
    for (const auto& a : addresses)
        owed[a] = store.balances().balance(a).pending + store.balances().balance(a).paid;
    wait_until(
        [&] {
            for (const auto& a : addresses) {
                if (store.balances().balance(a).paid == 0) return false;
            }
            return true;
        },
        60s, "payments sent");
    nodes.generate(1);
    int64_t credited_total = 0;
    for (const auto& a : addresses) {
        auto bal = store.balances().balance(a);
        EXPECT_EQ(bal.pending, 0) << a;  // paid down to nothing
        EXPECT_EQ(bal.immature, 0) << a;
        EXPECT_EQ(bal.paid, owed[a]) << a;
        EXPECT_EQ(received_by(nodes, a), bal.paid) << a;
        credited_total += bal.paid;
    }
    auto pool_bal = store.balances().balance(pool_address);
    EXPECT_EQ(credited_total + pool_bal.pending + pool_bal.paid, total_reward);
    wait_until(
        [&] {
            store::PaymentFilter f;
            f.status = store::PaymentStatus::confirmed;
            auto p = store.payments().payments(f, {100, 0});
            return p && p->size() >= addresses.size();
        },
        60s, "payments confirmed");
}

// A payout to an address set just before is held for the operator with the reason, and goes
// out to that address once released (the payout guard's "address changed" rule, on the change
// time the store records).
TEST_P(LedgerRegtest, PayoutToAFreshlyChangedAddressIsHeldUntilReleased) {
    std::string pool_address = nodes.new_address();
    PoolUnderTest pool(nodes, pool_address, yaml("pplns"), true);
    auto& store = pool.store();
    std::string login = nodes.new_address();
    std::string cold = nodes.new_address();
    auto miner = connect_miner(pool.stratum_port(), login + ".rig");
    mine_block(pool, miner, nodes);
    wait_until([&] { return store.balances().balance(login).immature > 0; }, 60s,
               "the block credited");
    ledger::PayoutSettingsChange change;
    change.address = std::optional<std::string>(cold);
    auto set =
        ledger::apply_payout_settings(store.miners(), login, change, pool.config().ledger,
                                      *pool.config().coin_params, SystemClock::instance().now_ms());
    ASSERT_TRUE(set) << set.error().message;

    nodes.generate(101);
    store::Payment held;
    wait_until(
        [&] {
            store::PaymentFilter f;
            f.login = login;
            f.status = store::PaymentStatus::held;
            auto p = store.payments().payments(f, {10, 0});
            if (!p || p->empty()) return false;
            held = p->front();
            return true;
        },
        60s, "the payout held");
    EXPECT_EQ(held.address, cold);
    EXPECT_NE(held.error.find("payout address changed"), std::string::npos) << held.error;
    EXPECT_EQ(received_by(nodes, cold), 0);

    auto released = store.payments().release(held.id, SystemClock::instance().now_ms());
    ASSERT_TRUE(released) << released.error().message;
    wait_until([&] { return store.balances().balance(login).paid > 0; }, 60s,
               "the released payout sent");
    nodes.generate(1);
    EXPECT_EQ(received_by(nodes, cold), store.balances().balance(login).paid);
    EXPECT_EQ(received_by(nodes, login), 0);
}

TEST_P(LedgerRegtest, PpsCreditsEveryShareAtOnce) {
    std::string pool_address = nodes.new_address();
    PoolUnderTest pool(nodes, pool_address, yaml("pps", false), true);
    std::vector<std::string> addresses;
    std::vector<TestMiner> miners;
    for (int i = 0; i < 2; ++i) {
        addresses.push_back(nodes.new_address());
        miners.push_back(connect_miner(pool.stratum_port(), addresses.back() + ".pps"));
    }
    for (int who : {0, 1, 0, 0, 1})
        mine_block(pool, miners[who], nodes);

    // What the pure PPS scheme pays for each stored accepted share (each share is at its own
    // height here, so each is valued alone).
    auto scheme =
        ledger::payout::PpsScheme::create(*ledger::payout::make_pool_fee(1.0, pool_address));
    ASSERT_TRUE(scheme);
    auto& store = pool.store();
    const auto& coin = *pool.config().coin_params;
    std::map<std::string, int64_t> expected;
    wait_until(
        [&] {
            auto stored = store.shares().shares_between(0, INT64_MAX / 2, 100000);
            if (!stored) return false;
            expected.clear();
            int accepted = 0;
            for (const auto& s : *stored) {
                if (s.share.result != bus::ShareResult::accepted) continue;
                ++accepted;
                ledger::payout::MinerWork w{s.share.login,
                                            ledger::payout::share_work(s.share.difficulty, 65536)};
                auto split = scheme->credit(std::span(&w, 1), s.share.network_difficulty,
                                            chain::block_subsidy(coin, s.share.height));
                if (!split) return false;
                for (const auto& c : split->credits)
                    expected[c.login] += c.amount;
            }
            if (accepted < 5) return false;
            for (const auto& a : addresses) {
                if (store.balances().balance(a).pending != expected[a]) return false;
            }
            return true;
        },
        60s, "every share credited by PPS");
    for (const auto& a : addresses) {
        auto bal = store.balances().balance(a);
        EXPECT_GT(bal.pending, 0) << a;
        EXPECT_EQ(bal.pending, expected[a]) << a;
        EXPECT_EQ(bal.immature, 0) << a << ": PPS credits do not wait for blocks to mature";
    }
}

TEST_P(LedgerRegtest, SoloBlockPaysTheFinderInTheCoinbase) {
    std::string pool_address = nodes.new_address();
    PoolUnderTest pool(nodes, pool_address, yaml("solo"), true);
    std::string finder = nodes.new_address();
    auto miner = connect_miner(pool.stratum_port(), finder + ".solo");
    std::string hash = mine_block(pool, miner, nodes);
    auto block = nodes.rpc("getblock", {hash, 2});
    const auto& outs = block["tx"][0]["vout"];
    auto address_of = [](const json& out) {
        const auto& spk = out["scriptPubKey"];
        return spk.contains("address") ? spk["address"].get<std::string>()
                                       : spk["addresses"][0].get<std::string>();
    };
    int64_t reward = 0;
    for (const auto& o : outs)
        reward += std::llround(o["value"].get<double>() * 1e8);
    EXPECT_EQ(address_of(outs[0]), finder);
    EXPECT_EQ(address_of(outs[1]), pool_address);
    const int64_t fee = reward * 100 / 10000;  // 1% in basis points
    EXPECT_EQ(std::llround(outs[1]["value"].get<double>() * 1e8), fee);
    EXPECT_EQ(std::llround(outs[0]["value"].get<double>() * 1e8), reward - fee);

    auto& store = pool.store();
    wait_until(
        [&] {
            auto b = store.blocks().find_block_by_hash(hash);
            return b && b->round_id;
        },
        60s, "the solo block recorded");
    auto round = store.blocks().round_for_block(store.blocks().find_block_by_hash(hash)->id);
    ASSERT_TRUE(round);
    EXPECT_TRUE(round->paid_in_coinbase);
    // Non-custodial: the pool owes the finder nothing.
    auto bal = store.balances().balance(finder);
    EXPECT_EQ(bal.immature + bal.pending + bal.paid, 0);
}

TEST_P(LedgerRegtest, OrphanedBlockTakesItsCreditsBack) {
    std::string pool_address = nodes.new_address();
    PoolUnderTest pool(nodes, pool_address, yaml("pplns"), true);
    std::string address = nodes.new_address();
    auto miner = connect_miner(pool.stratum_port(), address + ".rig");
    std::string first = mine_block(pool, miner, nodes);
    std::string second = mine_block(pool, miner, nodes);
    auto& store = pool.store();
    wait_until(
        [&] {
            auto b = store.blocks().find_block_by_hash(second);
            return b && b->round_id;
        },
        60s, "both blocks credited");
    EXPECT_GT(store.balances().balance(address).immature, 0);

    // Another chain replaces both blocks on both nodes.
    const int64_t height = nodes.height();
    pool.stop();  // no more pool blocks meanwhile; the ledger has done its part
    for (auto n : {RegtestNode::a, RegtestNode::b})
        nodes.rpc(n, "invalidateblock", {first});
    nodes.rpc(RegtestNode::a, "generatetoaddress", {3, nodes.new_address()});
    for (auto n : {RegtestNode::a, RegtestNode::b})
        nodes.rpc(n, "reconsiderblock", {first});
    ASSERT_GT(nodes.height(), height);
    ASSERT_NE(nodes.rpc("getblockhash", {height - 1}).get<std::string>(), first);

    // The unlocker, run as the ledger runs it, finds both off the active chain.
    app::Config config = pool.config();
    auto fresh = store::open_store(app::store_config(config));
    node::NodeRpc rpc(config.node.endpoints);
    ledger::NodeChainView chain(rpc);
    ledger::BlockUnlocker unlocker(*fresh, chain, config.ledger);
    auto result = unlocker.pass(SystemClock::instance().now_ms());
    EXPECT_EQ(result.orphaned, 2);
    EXPECT_EQ(fresh->blocks().find_block_by_hash(first)->status, store::BlockStatus::orphaned);
    auto bal = fresh->balances().balance(address);
    EXPECT_EQ(bal.immature, 0);
    EXPECT_EQ(bal.pending, 0);
}

INSTANTIATE_TEST_SUITE_P(Store, LedgerRegtest,
                         ::testing::Values(Backend::sqlite, Backend::postgres),
                         [](const auto& info) {
                             return info.param == Backend::sqlite ? "Sqlite" : "Postgres";
                         });

}  // namespace
}  // namespace viddhana::test
