// The message sequences of common miner firmware, replayed byte for byte against the
// socket-free Connection. Each test names the firmware source its messages are taken from.
#include "connection_fixture.h"

namespace viddhana::stratum::test {
namespace {

StratumConfig farm_config() {
    StratumConfig c;
    c.vardiff.initial_difficulty = 0.001;
    c.vardiff.min_difficulty = 0.0001;
    return c;
}

class ConnectionDialect : public ::testing::Test {
  protected:
    ConnectionDialect() : ConnectionDialect(farm_config()) {}
    explicit ConnectionDialect(StratumConfig config) : host_(std::move(config)) {}

    std::unique_ptr<Connection> connect(const std::string& address = "203.0.113.5") {
        auto en1 = *host_.extranonces.acquire();
        return std::make_unique<Connection>(host_, address, en1, now_);
    }

    RecordingHost host_;
    int64_t now_ = job_time_ms(host_);
};

// bitaxeorg/ESP-Miner components/stratum/stratum_api.c (STRATUM_V1_configure_version_rolling,
// _subscribe, _authorize, _suggest_difficulty, _extranonce_subscribe, _submit_share), in the
// order main/tasks/stratum_task.c sends them: configure with mask ffffffff before subscribe,
// suggest_difficulty after the authorize result, six submit parameters.
TEST_F(ConnectionDialect, EspMinerBitaxe) {
    host_.make_job(true);
    auto c = connect();
    MinerView m(host_, *c);
    m.send(
        R"({"jsonrpc": "2.0", "id": 1, "method": "mining.configure", "params": [["version-rolling"], {"version-rolling.mask": "ffffffff"}]})"
        "\n",
        now_);
    auto configured = m.take();
    ASSERT_EQ(configured.size(), 1u);
    EXPECT_EQ(configured[0]["result"]["version-rolling"], true);
    EXPECT_EQ(configured[0]["result"]["version-rolling.mask"], "1fffe000");

    m.send(
        R"({"jsonrpc": "2.0", "id": 2, "method": "mining.subscribe", "params": ["bitaxe/BM1370/v2.6.0"]})"
        "\n",
        now_);
    m.send(
        fmt::format(
            R"({{"jsonrpc": "2.0", "id": 3, "method": "mining.authorize", "params": ["{}.bitaxe1", "x"]}})"
            "\n",
            kAddress),
        now_);
    m.take();
    EXPECT_EQ(m.answer(3)["result"], true);
    json first_job = m.last("mining.notify");
    ASSERT_TRUE(first_job.is_object());
    EXPECT_EQ(m.difficulty(), 0.001);

    m.send(R"({"jsonrpc": "2.0", "id": 4, "method": "mining.suggest_difficulty", "params": [1000]})"
           "\n",
           now_);
    m.send(R"({"jsonrpc": "2.0", "id": 5, "method": "mining.extranonce.subscribe", "params": []})"
           "\n",
           now_);
    m.take();
    EXPECT_EQ(m.answer(4)["result"], true);
    EXPECT_EQ(m.answer(5)["result"], true);
    EXPECT_EQ(m.difficulty(), 1000);
    json resent = m.last("mining.notify");
    EXPECT_NE(resent["params"][0], first_job["params"][0]);
    EXPECT_EQ(resent["params"][8], false);  // clean_jobs false: the same work under a new id

    // A share found on the job sent before the change, at the difficulty it was sent with.
    json params = m.share(std::string(kAddress) + ".bitaxe1", first_job["params"], 0.001);
    params.push_back("00000000");  // ESP-Miner always sends the version bits
    m.send(line({{"jsonrpc", "2.0"}, {"id", 6}, {"method", "mining.submit"}, {"params", params}}),
           now_);
    host_.hash_pending(*c, now_);
    m.take();
    EXPECT_EQ(m.answer(6)["result"], true) << m.answer(6).dump();
    ASSERT_EQ(host_.events.size(), 1u);
    EXPECT_EQ(host_.events[0].difficulty, 0.001);
    EXPECT_EQ(host_.events[0].worker, "bitaxe1");
}

// shufps/ESP-Miner-NerdQAxePlus main/tasks/stratum_task.cpp (StratumTaskV1::protocolLoop):
// subscribe, configure, authorize, suggest_difficulty and extranonce.subscribe written back to
// back before any answer is read; here they arrive in one read.
TEST_F(ConnectionDialect, NerdQAxeFiveMessagesInOneWrite) {
    host_.make_job(true);
    auto c = connect();
    MinerView m(host_, *c);
    std::string burst;
    burst += R"({"id": 1, "method": "mining.subscribe", "params": ["NerdQAxe++/BM1370"]})"
             "\n";
    burst +=
        R"({"id": 2, "method": "mining.configure", "params": [["version-rolling"], {"version-rolling.mask": "ffffffff"}]})"
        "\n";
    burst += fmt::format(R"({{"id": 3, "method": "mining.authorize", "params": ["{}.nerd", "x"]}})"
                         "\n",
                         kAddress);
    burst += R"({"id": 4, "method": "mining.suggest_difficulty", "params": [4096]})"
             "\n";
    burst += R"({"id": 5, "method": "mining.extranonce.subscribe", "params": []})"
             "\n";
    m.send(burst, now_);
    m.take();
    for (int id = 1; id <= 5; ++id) {
        json a = m.answer(id);
        ASSERT_TRUE(a.is_object()) << "no answer to " << id;
        EXPECT_TRUE(a["error"].is_null()) << a.dump();
    }
    EXPECT_EQ(m.difficulty(), 4096);
    EXPECT_EQ(m.extranonce1().size(), 8u);
    ASSERT_TRUE(m.last("mining.notify").is_object());
    EXPECT_FALSE(c->closed());
}

// cgminer util.c: configure first (and it reads exactly one line as the answer), then subscribe
// [agent, session id] to resume its last session; extranonce2 of 2-16 bytes.
TEST_F(ConnectionDialect, CgminerVersionRollingAndResume) {
    host_.make_job(true);
    std::string session;
    {
        auto c = connect();
        MinerView m(host_, *c);
        m.send(
            R"({"id": 1, "method": "mining.configure", "params": [["version-rolling"], {"version-rolling.mask": "1fffe000", "version-rolling.min-bit-count": 2}]})"
            "\n",
            now_);
        EXPECT_EQ(m.take().size(), 1u);  // exactly one line: the answer
        m.send(R"({"id": 2, "method": "mining.subscribe", "params": ["cgminer/4.12.1"]})"
               "\n",
               now_);
        m.take();
        session = m.extranonce1();
        host_.extranonces.release(c->extranonce1(), std::move(c->credited()), c->block_key(), now_);
    }
    auto other = connect();  // takes another value meanwhile
    auto c = connect();
    MinerView m(host_, *c);
    EXPECT_NE(to_hex(c->extranonce1()), session);
    m.send(fmt::format(
               R"({{"id": 2, "method": "mining.subscribe", "params": ["cgminer/4.12.1", "{}"]}})"
               "\n",
               session),
           now_);
    m.take();
    EXPECT_EQ(m.extranonce1(), session);
    EXPECT_EQ(to_hex(c->extranonce1()), session);
    // A session held by someone else is not handed out twice.
    auto third = connect();
    MinerView m3(host_, *third);
    m3.send(fmt::format(
                R"({{"id": 2, "method": "mining.subscribe", "params": ["cgminer/4.12.1", "{}"]}})"
                "\n",
                session),
            now_);
    m3.take();
    EXPECT_NE(m3.extranonce1(), session);
}

// bfgminer util.c (initiate_stratum): mining.capabilities and mining.suggest_target with id null
// before subscribe, which it then reads as the next line; string ids.
TEST_F(ConnectionDialect, BfgminerNotificationsAndStringIds) {
    host_.make_job(true);
    auto c = connect();
    MinerView m(host_, *c);
    m.send(
        R"({"id":null,"method":"mining.capabilities","params":[{"notify":[],"set_difficulty":{},"set_goal":[],"malgo":{"scrypt":{}},"suggested_target":"00000000ffff0000000000000000000000000000000000000000000000000000"}]})"
        "\n"
        R"({"id":null,"method":"mining.suggest_target","params":["00000000ffff0000000000000000000000000000000000000000000000000000"]})"
        "\n"
        R"({"id": "s1", "method": "mining.subscribe", "params": ["bfgminer/5.5.0"]})"
        "\n",
        now_);
    auto first = m.take();
    ASSERT_EQ(first.size(), 1u);  // notifications are never answered
    EXPECT_EQ(first[0]["id"], "s1");
    m.send(fmt::format(R"({{"id": "a1", "method": "mining.authorize", "params": ["{}.bfg", ""]}})"
                       "\n",
                       kAddress),
           now_);
    m.take();
    EXPECT_EQ(m.answer("a1")["result"], true);
    // The suggested target 00000000ffff... is difficulty 1 on a scrypt pool (x 65536 = 65536).
    EXPECT_EQ(m.difficulty(), 65536);
}

// Antminer and WhatsMiner firmware (cgminer-based) take an extranonce2 of up to 8 bytes.
class WideExtranonce : public ConnectionDialect {
  protected:
    static StratumConfig config() {
        StratumConfig c = farm_config();
        c.coinbase.extranonce2_size = 8;
        return c;
    }
    WideExtranonce() : ConnectionDialect(config()) {}
};

TEST_F(WideExtranonce, AntminerWhatsMinerEightByteExtranonce2) {
    host_.make_job(true);
    auto c = connect();
    MinerView m(host_, *c);
    m.send(R"({"id": 1, "method": "mining.subscribe", "params": ["bmminer/2.0.0"]})"
           "\n",
           now_);
    m.send(fmt::format(R"({{"id": 2, "method": "mining.authorize", "params": ["{}.s19", "x"]}})"
                       "\n",
                       kAddress),
           now_);
    m.take();
    EXPECT_EQ(m.extranonce2_size(), 8);
    json params = m.share(std::string(kAddress) + ".s19", m.last("mining.notify")["params"],
                          m.difficulty(), true, 0, "0102030405060708");
    m.send(line({{"id", 3}, {"method", "mining.submit"}, {"params", params}}), now_);
    host_.hash_pending(*c, now_);
    m.take();
    EXPECT_EQ(m.answer(3)["result"], true) << m.answer(3).dump();
}

// NiceHash's extranonce specification: a client that sent mining.extranonce.subscribe gets
// mining.set_extranonce when the pool moves it, and the current job again, clean, under a fresh
// id; shares on the ids sent before are stale.
TEST_F(ConnectionDialect, NiceHashSetExtranonce) {
    host_.make_job(true);
    auto c = connect();
    MinerView m(host_, *c);
    m.send(R"({"id": 1, "method": "mining.subscribe", "params": ["NiceHash/1.0.0"]})"
           "\n"
           R"({"id": 2, "method": "mining.extranonce.subscribe", "params": []})"
           "\n",
           now_);
    m.send(fmt::format(R"({{"id": 3, "method": "mining.authorize", "params": ["{}.rent", "x"]}})"
                       "\n",
                       kAddress),
           now_);
    m.take();
    json before = m.last("mining.notify");
    std::string old_en1 = m.extranonce1();
    json old_share = m.share(std::string(kAddress) + ".rent", before["params"], m.difficulty());

    auto fresh = *host_.extranonces.acquire();
    ASSERT_TRUE(c->change_extranonce1(fresh, now_));
    auto moved = m.take();
    ASSERT_EQ(moved.size(), 2u);
    EXPECT_EQ(moved[0]["method"], "mining.set_extranonce");
    EXPECT_EQ(moved[0]["params"][0], to_hex(fresh));
    EXPECT_EQ(moved[1]["method"], "mining.notify");
    EXPECT_EQ(moved[1]["params"][8], true);
    EXPECT_NE(moved[1]["params"][0], before["params"][0]);

    m.send(line({{"id", 4}, {"method", "mining.submit"}, {"params", old_share}}), now_);
    m.take();
    EXPECT_EQ(m.answer(4)["error"][0], 21);
    json ok = m.share(std::string(kAddress) + ".rent", moved[1]["params"], m.difficulty());
    m.send(line({{"id", 5}, {"method", "mining.submit"}, {"params", ok}}), now_);
    host_.hash_pending(*c, now_);
    m.take();
    EXPECT_EQ(m.answer(5)["result"], true) << m.answer(5).dump();

    // A client that never subscribed to extranonce changes must reconnect instead.
    auto plain = connect();
    MinerView p(host_, *plain);
    p.send(R"({"id": 1, "method": "mining.subscribe", "params": ["cpuminer"]})"
           "\n",
           now_);
    EXPECT_FALSE(plain->change_extranonce1(*host_.extranonces.acquire(), now_));
    (void)old_en1;
}

// NerdMiner-class devices ask for 0.0001: honoured down to mining.min_difficulty, and written
// without an exponent.
TEST_F(ConnectionDialect, FractionalDifficultiesDownToTheMinimum) {
    host_.make_job(true);
    auto c = connect();
    MinerView m(host_, *c);
    m.send(R"({"id": 1, "method": "mining.subscribe", "params": ["NerdMinerV2"]})"
           "\n"
           R"({"id": 2, "method": "mining.suggest_difficulty", "params": [0.0001]})"
           "\n",
           now_);
    m.send(fmt::format(R"({{"id": 3, "method": "mining.authorize", "params": ["{}.nerd", "x"]}})"
                       "\n",
                       kAddress),
           now_);
    std::string text = c->outbox().text();
    EXPECT_NE(text.find(R"("params":[0.0001])"), std::string::npos) << text;
    m.take();
    EXPECT_EQ(m.difficulty(), 0.0001);
    // Below the pool's minimum: the minimum.
    m.send(R"({"id": 4, "method": "mining.suggest_difficulty", "params": [0.00001]})"
           "\n",
           now_);
    m.take();
    EXPECT_EQ(m.difficulty(), 0.0001);
}

}  // namespace
}  // namespace viddhana::stratum::test
