// The Stratum protocol end to end against a real litecoind regtest pair: every error code for
// what it is meant for, nothing changed by a rejected share, blocks accepted by the node for good
// ones, and a server that keeps serving a good miner while others send garbage.
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

class StratumProtocolTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        nodes_ = new RegtestPair();
        address_ = nodes_->new_address("bech32");
    }
    static void TearDownTestSuite() {
        delete nodes_;
        nodes_ = nullptr;
    }

    void SetUp() override { pool_ = std::make_unique<PoolUnderTest>(*nodes_, address_); }
    void TearDown() override { pool_.reset(); }

    const chain::CoinParams& coin() const { return *pool_->config().coin_params; }
    std::string worker(const std::string& name = "rig1") const { return address_ + "." + name; }

    FoundShare find(const StratumTestClient::Session& s, const json& notify, ShareKind kind,
                    const std::string& en2 = "00000000", uint32_t first_nonce = 0) {
        auto share = find_share(notify, s.extranonce1, en2, s.difficulty, coin().algorithm,
                                coin().share_multiplier, kind, first_nonce);
        if (!share) throw std::runtime_error("no share found");
        return *share;
    }

    static RegtestPair* nodes_;
    static std::string address_;
    std::unique_ptr<PoolUnderTest> pool_;
};
RegtestPair* StratumProtocolTest::nodes_ = nullptr;
std::string StratumProtocolTest::address_;

TEST_F(StratumProtocolTest, SubscribeAuthorizeThenWork) {
    StratumTestClient c(pool_->stratum_port());
    auto sub = c.request(1, "mining.subscribe", {"test/1"});
    ASSERT_TRUE(sub["error"].is_null());
    EXPECT_EQ(sub["result"][0][1][0], "mining.notify");
    EXPECT_EQ(sub["result"][1].get<std::string>().size(), 8u);  // 4-byte extranonce1
    EXPECT_EQ(sub["result"][2], 4);

    auto bad = c.request(2, "mining.authorize", {"ltc1qnotanaddress.rig", "x"});
    EXPECT_TRUE(bad["result"].is_null());
    EXPECT_EQ(bad["error"][0], 24);
    EXPECT_NE(bad["error"][1].get<std::string>().find("address"), std::string::npos);

    auto good = c.request(3, "mining.authorize", {worker(), "d=0.002"});
    EXPECT_EQ(good["result"], true);
    auto diff = c.next_notification("mining.set_difficulty");
    EXPECT_EQ(diff["params"][0], 0.002);
    auto notify = c.next_notification("mining.notify");
    EXPECT_EQ(notify["params"].size(), 9u);
    EXPECT_EQ(notify["params"][8], true);  // a new session's first job is clean
}

TEST_F(StratumProtocolTest, GoodShareIsABlockTheNodeAccepts) {
    StratumTestClient c(pool_->stratum_port());
    auto s = c.login(worker());
    int64_t height = nodes_->height();
    auto share = find(s, s.notify, ShareKind::meets_target);
    auto r = c.request(10, "mining.submit", submit_params(worker(), s.notify, share));
    EXPECT_EQ(r["result"], true) << r.dump();
    // On regtest every share is a block: the node takes it, and a clean job follows.
    wait_until([&] { return nodes_->height() == height + 1; }, 30s, "the node to accept the block");
    EXPECT_EQ(nodes_->rpc("getbestblockhash").get<std::string>(), share.block_hash.display_hex());
    auto next = c.next_notification("mining.notify");
    EXPECT_EQ(next["params"][8], true);
    wait_until([&] { return pool_->blocks().size() == 1; }, 10s, "the block event");
    auto b = pool_->blocks().front();
    EXPECT_TRUE(b.accepted);
    EXPECT_EQ(b.hash, share.block_hash.display_hex());
    EXPECT_EQ(b.finder_login, address_);
    EXPECT_EQ(b.finder_worker, "rig1");
    EXPECT_EQ(b.height, height + 1);
    wait_until([&] { return !pool_->shares().empty(); }, 10s, "the share event");
    auto e = pool_->shares().front();
    EXPECT_EQ(e.result, bus::ShareResult::accepted);
    EXPECT_EQ(e.block_hash, b.hash);
    EXPECT_EQ(e.difficulty, s.difficulty);
    EXPECT_GE(e.actual_difficulty, s.difficulty);
}

TEST_F(StratumProtocolTest, RejectedSharesGetTheirCodesAndChangeNothing) {
    StratumTestClient c(pool_->stratum_port());
    auto s = c.login(worker(), "d=0.01");
    int64_t height = nodes_->height();
    std::string best = nodes_->rpc("getbestblockhash");
    auto submit = [&](int id, json params) { return c.request(id, "mining.submit", params); };

    // Low difficulty: a hash that meets neither the share nor the block target.
    auto weak = find(s, s.notify, ShareKind::below_everything);
    auto r = submit(20, submit_params(worker(), s.notify, weak));
    EXPECT_EQ(r["error"][0], 23) << r.dump();

    auto good = find(s, s.notify, ShareKind::meets_target, "00000001");
    // Wrong extranonce2 size, bad ntime, version bits without negotiation, unknown job.
    json p = submit_params(worker(), s.notify, good);
    p[2] = "0001";
    EXPECT_EQ(submit(21, p)["error"][0], 20);
    p = submit_params(worker(), s.notify, good);
    p[3] = "00000001";  // 1970
    r = submit(22, p);
    EXPECT_EQ(r["error"][0], 20);
    EXPECT_EQ(r["error"][1], "ntime out of range");
    p = submit_params(worker(), s.notify, good);
    p.push_back("00002000");
    r = submit(23, p);
    EXPECT_EQ(r["error"][0], 20);
    EXPECT_EQ(r["error"][1], "version bits outside the negotiated mask");
    p = submit_params(worker(), s.notify, good);
    p[1] = "ffffff";
    EXPECT_EQ(submit(24, p)["error"][0], 21);

    // Another connection that never authorized, and one that never subscribed.
    StratumTestClient stranger(pool_->stratum_port());
    stranger.request(1, "mining.subscribe", json::array());
    EXPECT_EQ(
        stranger.request(2, "mining.submit", submit_params(worker(), s.notify, good))["error"][0],
        24);
    StratumTestClient early(pool_->stratum_port());
    EXPECT_EQ(
        early.request(1, "mining.submit", submit_params(worker(), s.notify, good))["error"][0], 25);

    // None of it reached the node.
    EXPECT_EQ(nodes_->height(), height);
    EXPECT_EQ(nodes_->rpc("getbestblockhash").get<std::string>(), best);
    EXPECT_EQ(pool_->metric("stratum_blocks_found_total"), 0);
    EXPECT_EQ(pool_->metric("stratum_shares_total{status=\"accepted\"}"), 0);

    // The good share still counts once; its duplicate does not.
    EXPECT_EQ(submit(25, submit_params(worker(), s.notify, good))["result"], true);
    wait_until([&] { return nodes_->height() == height + 1; }, 30s, "the block");
    r = submit(26, submit_params(worker(), s.notify, good));
    EXPECT_TRUE(r["error"][0] == 22 || r["error"][0] == 21) << r.dump();  // duplicate, or stale
    EXPECT_EQ(pool_->metric("stratum_shares_total{status=\"accepted\"}"), 1);
    EXPECT_EQ(pool_->metric("stratum_shares_total{status=\"low_difficulty\"}"), 1);
    EXPECT_EQ(pool_->metric("stratum_shares_total{status=\"invalid\"}"), 3);
}

TEST_F(StratumProtocolTest, DuplicateBeforeTheBlockChangesIsError22) {
    StratumTestClient c(pool_->stratum_port());
    auto s = c.login(worker());
    auto share = find(s, s.notify, ShareKind::meets_target, "000000aa");
    json p = submit_params(worker(), s.notify, share);
    // One write, so both arrive in one read and are judged before any new job can come.
    c.send_raw(json{{"id", 30}, {"method", "mining.submit"}, {"params", p}}.dump() + "\n" +
               json{{"id", 31}, {"method", "mining.submit"}, {"params", p}}.dump() + "\n");
    json first, second;
    for (int got = 0; got < 2;) {
        auto m = c.next_message();
        if (m.contains("method")) continue;
        (m["id"] == 30 ? first : second) = m;
        ++got;
    }
    EXPECT_EQ(first["result"], true);
    EXPECT_EQ(second["error"][0], 22) << second.dump();
}

TEST_F(StratumProtocolTest, StaleShareAfterANewBlockIsError21) {
    StratumTestClient c(pool_->stratum_port());
    auto s = c.login(worker());
    auto old_share = find(s, s.notify, ShareKind::meets_target, "0000000b");
    nodes_->generate(1);  // someone else finds the next block
    auto fresh = c.next_notification("mining.notify");
    EXPECT_EQ(fresh["params"][8], true);
    auto r = c.request(40, "mining.submit", submit_params(worker(), s.notify, old_share));
    EXPECT_EQ(r["error"][0], 21) << r.dump();
}

TEST_F(StratumProtocolTest, ConfigureNegotiatesVersionRolling) {
    StratumTestClient c(pool_->stratum_port());
    auto conf = c.request(1, "mining.configure",
                          {{"version-rolling", "minimum-difficulty", "unknown-ext"},
                           {{"version-rolling.mask", "ffffffff"},
                            {"version-rolling.min-bit-count", 2},
                            {"minimum-difficulty.value", 0.005}}});
    EXPECT_EQ(conf["result"]["version-rolling"], true);
    EXPECT_EQ(conf["result"]["version-rolling.mask"], "1fffe000");
    EXPECT_EQ(conf["result"]["minimum-difficulty"], true);
    EXPECT_EQ(conf["result"]["unknown-ext"], false);
    auto s = c.login(worker());
    EXPECT_EQ(s.difficulty, 0.005);  // the miner's floor is above the pool's start
    // Version bits outside the negotiated mask are refused. Sent first: on regtest an accepted
    // share is almost always a block, whose clean job would make any later share stale.
    auto share = find(s, s.notify, ShareKind::meets_target);
    json p = submit_params(worker(), s.notify, share);
    p.push_back("e0000000");
    auto outside = c.request(2, "mining.submit", p);
    EXPECT_EQ(outside["error"][0], 20) << outside.dump();
    // Bits inside the mask are accepted (the share was found with none rolled).
    p = submit_params(worker(), s.notify, share);
    p.push_back("00000000");
    auto inside = c.request(3, "mining.submit", p);
    EXPECT_EQ(inside["result"], true) << inside.dump();
}

TEST_F(StratumProtocolTest, QuirkyButValidInput) {
    StratumTestClient c(pool_->stratum_port());
    // Several messages in one packet, and one message split across packets.
    c.send_raw(R"({"id":1,"method":"mining.subscribe","params":[]})"
               "\n"
               R"({"id":2,"method":"mining.extranonce.subscribe","params":[]})"
               "\n"
               R"({"id":3,"method":"mining.suggest_difficulty","params":[0.004]})"
               "\r\n");
    std::string auth =
        json{{"id", 4}, {"method", "mining.authorize"}, {"params", {worker(), "x"}}}.dump() + "\n";
    c.send_raw(auth.substr(0, 10));
    c.send_raw(auth.substr(10));
    std::map<int, json> answers;
    while (answers.size() < 4) {
        auto m = c.next_message();
        if (!m.contains("method")) answers[m["id"].get<int>()] = m;
    }
    EXPECT_TRUE(answers[1]["error"].is_null());
    EXPECT_EQ(answers[2]["result"], true);
    EXPECT_EQ(answers[3]["result"], true);
    EXPECT_EQ(answers[4]["result"], true);
    EXPECT_EQ(c.next_notification("mining.set_difficulty")["params"][0], 0.004);
    auto ping = c.request(5, "mining.ping", json::array());
    EXPECT_EQ(ping["result"], "pong");
    auto unknown = c.request(6, "mining.whatever", json::array());
    EXPECT_EQ(unknown["error"][0], 20);
}

TEST_F(StratumProtocolTest, GarbageIsRefusedWhileAGoodMinerKeepsMining) {
    StratumTestClient good(pool_->stratum_port(), "127.0.0.2");
    auto s = good.login(worker("good"));

    // Not JSON, wrong types: clear errors, then the connection is dropped after repeated
    // garbage; the address is not banned.
    StratumTestClient junk(pool_->stratum_port(), "127.0.0.3");
    junk.send_raw("hello\n");
    auto e = junk.next_message();
    EXPECT_EQ(e["error"][0], 20);
    EXPECT_EQ(e["error"][1], "not valid JSON");
    junk.send_raw(R"({"id":1,"method":"mining.authorize","params":[[1]]})"
                  "\n");
    EXPECT_EQ(junk.next_message()["error"][0], 20);
    // Sent at once: the pool may close the connection before more lines could be written.
    junk.send_raw("{]\n{]\n{]\n{]\n{]\n");
    EXPECT_TRUE(junk.wait_closed());
    StratumTestClient neighbour(pool_->stratum_port(), "127.0.0.3");
    EXPECT_TRUE(neighbour.request(1, "mining.subscribe", json::array(), 5s)["error"].is_null());
    EXPECT_EQ(pool_->metric(R"(stratum_connections_dropped_total{reason="malformed"})"), 1);
    EXPECT_EQ(pool_->metric("stratum_banned_addresses"), 0);

    // A 1 MB line: the connection is dropped, nothing else.
    StratumTestClient huge(pool_->stratum_port(), "127.0.0.4");
    try {
        huge.send_raw(std::string(1 << 20, 'a'));
    } catch (const std::runtime_error&) {
        // The pool may drop the connection before the whole megabyte is written: also fine.
    }
    EXPECT_TRUE(huge.wait_closed());

    // Thousands of idle sockets.
    std::vector<std::unique_ptr<StratumTestClient>> idle;
    for (int i = 0; i < 3000; ++i) {
        idle.push_back(std::make_unique<StratumTestClient>(
            pool_->stratum_port(), "127.0.1." + std::to_string(1 + i % 200)));
    }
    wait_until([&] { return pool_->metric("stratum_active_connections") >= 3001; }, 30s,
               "3000 idle connections");

    // Meanwhile the good miner's share is judged and its block reaches the node.
    int64_t height = nodes_->height();
    auto share = find(s, s.notify, ShareKind::meets_target);
    EXPECT_EQ(
        good.request(9, "mining.submit", submit_params(worker("good"), s.notify, share))["result"],
        true);
    wait_until([&] { return nodes_->height() == height + 1; }, 30s, "the good miner's block");
}

// Low-difficulty shares are answered with their error, however many: the connection stays and
// nothing is banned.
TEST_F(StratumProtocolTest, LowDifficultySharesAreAnsweredNeverPunished) {
    StratumTestClient c(pool_->stratum_port(), "127.0.0.5");
    auto s = c.login(worker("weak"), "d=0.01");
    auto weak = find(s, s.notify, ShareKind::below_everything);
    json p = submit_params(worker("weak"), s.notify, weak);
    for (int i = 0; i < 25; ++i)
        ASSERT_EQ(c.request(100 + i, "mining.submit", p, 5s)["error"][0], 23) << i;
    EXPECT_TRUE(c.is_open());
    EXPECT_EQ(c.request(200, "mining.ping", json::array())["result"], "pong");
    EXPECT_EQ(pool_->metric("stratum_banned_addresses"), 0);
}

}  // namespace
}  // namespace viddhana::test
