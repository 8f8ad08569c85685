// A home farm behind one NAT address on the real regtest pair: 20 rigs from one address, one of
// them broken (malformed lines), one resending a share over and over (the duplicate storm of
// firmware that keys work by job id). The broken rig's connection is dropped and its reconnects
// back off; every other rig keeps mining and finding blocks, and the address is never banned.
#include <gtest/gtest.h>

#include "chain/coin.h"
#include "support/pool_under_test.h"
#include "support/regtest_pair.h"
#include "support/share_finder.h"
#include "support/stratum_test_client.h"
#include "support/wait.h"

namespace viddhana::test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

constexpr const char* kFarm = "127.0.0.77";

TEST(StratumFarm, OneBrokenRigNeverTakesTheFarmOffline) {
    RegtestPair nodes;
    const std::string address = nodes.new_address("bech32");
    PoolUnderTest pool(nodes, address);
    const auto& coin = *pool.config().coin_params;
    auto worker = [&](int i) { return address + ".rig" + std::to_string(i); };

    constexpr int kRigs = 20;
    std::vector<std::unique_ptr<StratumTestClient>> rigs;
    std::vector<StratumTestClient::Session> sessions;
    for (int i = 0; i < kRigs; ++i) {
        rigs.push_back(std::make_unique<StratumTestClient>(pool.stratum_port(), kFarm));
        sessions.push_back(rigs.back()->login(worker(i)));
    }
    auto find = [&](int i, ShareKind kind, uint32_t first_nonce = 0) {
        auto share = find_share(sessions[i].notify, sessions[i].extranonce1, "00000000",
                                sessions[i].difficulty, coin.algorithm, coin.share_multiplier, kind,
                                first_nonce);
        if (!share) throw std::runtime_error("no share found");
        return submit_params(worker(i), sessions[i].notify, *share);
    };

    // Rig 0 is broken: ten malformed lines. Its connection is dropped, nothing more.
    const int broken = 0;
    rigs[broken]->send_raw(std::string(10, '{') + "\n" + "{]\n{]\n{]\n{]\n{]\n{]\n{]\n{]\n{]\n");
    EXPECT_TRUE(rigs[broken]->wait_closed());

    // Rig 1 resends one share 40 times: each is answered (duplicate, or stale once its block
    // moved the chain on) and the rig stays connected.
    const int storm = 1;
    json resent = find(storm, ShareKind::meets_target);
    EXPECT_EQ(rigs[storm]->request(1, "mining.submit", resent)["result"], true);
    for (int i = 0; i < 40; ++i) {
        int code = rigs[storm]->request(100 + i, "mining.submit", resent)["error"][0];
        EXPECT_TRUE(code == 22 || code == 21) << code;
    }
    EXPECT_TRUE(rigs[storm]->is_open());

    // Every other rig finds a block (on regtest every share is one), each on the tip the one
    // before made (so none is orphaned); a share made stale by a block is retried on the new job.
    auto pool_is_on_the_tip = [&] {
        auto job = pool.role().server().current_job();
        return job && job->height == nodes.height() + 1;
    };
    wait_until(pool_is_on_the_tip, 30s, "the pool's job on the tip");
    int64_t height = nodes.height();
    int blocks = 0;
    for (int i = 2; i < kRigs; ++i) {
        const int64_t tip = nodes.height();
        bool accepted = false;
        for (int attempt = 0; attempt < 5 && !accepted; ++attempt) {
            rigs[i]->catch_up(sessions[i]);
            json answer = rigs[i]->request(10 + attempt, "mining.submit",
                                           find(i, ShareKind::meets_target, attempt * 100'000));
            accepted = answer["result"] == true;
            if (!accepted) {
                EXPECT_EQ(answer["error"][0], 21) << answer.dump();
            }
        }
        ASSERT_TRUE(accepted) << "rig " << i;
        ++blocks;
        wait_until([&] { return nodes.height() > tip && pool_is_on_the_tip(); }, 30s,
                   "the rig's block on the node and a job on it");
    }
    EXPECT_EQ(nodes.height(), height + blocks);
    EXPECT_EQ(pool.metric("stratum_banned_addresses"), 0);

    // The broken rig reconnecting at once is told to wait; a new rig from the farm is welcome.
    StratumTestClient again(pool.stratum_port(), kFarm);
    EXPECT_TRUE(again.request(1, "mining.subscribe", json::array())["error"].is_null());
    json refused = again.request(2, "mining.authorize", {worker(broken), "x"});
    EXPECT_EQ(refused["error"][0], 24) << refused.dump();
    StratumTestClient newcomer(pool.stratum_port(), kFarm);
    auto s = newcomer.login(worker(kRigs));
    EXPECT_FALSE(s.extranonce1.empty());
    // Once its backoff has passed, the repaired rig mines again.
    wait_until(
        [&] {
            StratumTestClient retry(pool.stratum_port(), kFarm);
            retry.request(1, "mining.subscribe", json::array());
            return retry.request(2, "mining.authorize", {worker(broken), "x"})["result"] == true;
        },
        30s, "the broken rig's backoff to end");

    // A flood of garbage from another address bans that address alone, in /metrics and in the
    // health JSON; the farm mines on.
    const std::string flooder = "127.0.0.78";
    wait_until(
        [&] {
            try {
                StratumTestClient g(pool.stratum_port(), flooder);
                g.send_raw(std::string(64 * 1024, 'x'));
                g.wait_closed(5s);
            } catch (const std::runtime_error&) {
                // Refused or reset: the ban is in force, or the pool closed first.
            }
            return pool.metric("stratum_banned_addresses") == 1;
        },
        120s, "a garbage flood to ban its address");
    json health = json::parse(pool.role().health().json);
    ASSERT_EQ(health["stratum"]["banned_addresses"].size(), 1u) << health.dump();
    EXPECT_EQ(health["stratum"]["banned_addresses"][0]["address"], flooder);
    EXPECT_EQ(health["stratum"]["banned_addresses"][0]["reason"], "garbage_flood");
    EXPECT_EQ(pool.metric(R"(stratum_bans_total{reason="garbage_flood"})"), 1);
    EXPECT_THROW(
        {
            StratumTestClient banned(pool.stratum_port(), flooder);
            banned.request(1, "mining.subscribe", json::array(), 5s);
        },
        std::runtime_error);
    StratumTestClient farm_rig(pool.stratum_port(), kFarm);
    EXPECT_FALSE(farm_rig.login(worker(kRigs + 1)).extranonce1.empty());
}

}  // namespace
}  // namespace viddhana::test
