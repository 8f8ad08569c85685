// The Stratum codec on what real clients send (cpuminer, cgminer, bfgminer, ESP-Miner/Bitaxe,
// Antminer firmware) and on what they must not.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "stratum/protocol.h"

namespace viddhana::stratum {
namespace {

TEST(RequestParser, SubscribeFromRealClients) {
    RequestParser p;
    auto cpuminer =
        p.parse(R"({"id": 0, "method": "mining.subscribe", "params": ["cpuminer/2.5.1"]})");
    ASSERT_TRUE(cpuminer);
    EXPECT_EQ(cpuminer->method, Method::subscribe);
    EXPECT_EQ(cpuminer->id, "0");
    EXPECT_EQ(cpuminer->user_agent, "cpuminer/2.5.1");
    auto bitaxe =
        p.parse(R"({"id":1,"method":"mining.subscribe","params":["bitaxe/BM1366/v2.4.2"]})");
    ASSERT_TRUE(bitaxe);
    EXPECT_EQ(bitaxe->user_agent, "bitaxe/BM1366/v2.4.2");
    auto no_params = p.parse(R"({"id":"s1","method":"mining.subscribe"})");
    ASSERT_TRUE(no_params);
    EXPECT_EQ(no_params->id, "\"s1\"");
    auto null_params = p.parse(R"({"id":2,"method":"mining.subscribe","params":null})");
    ASSERT_TRUE(null_params);
}

TEST(RequestParser, SubmitWithAndWithoutVersionBits) {
    RequestParser p;
    auto r = p.parse(
        R"({"params": ["addr.w1", "1a", "00000001", "504e86ed", "b2957c02"], "id": 4, "method": "mining.submit"})");
    ASSERT_TRUE(r) << r.error().message;  // method after params
    EXPECT_EQ(r->method, Method::submit);
    EXPECT_EQ(r->submit.worker, "addr.w1");
    EXPECT_EQ(r->submit.job_id, "1a");
    EXPECT_EQ(r->submit.extranonce2, "00000001");
    EXPECT_EQ(r->submit.ntime, "504e86ed");
    EXPECT_EQ(r->submit.nonce, "b2957c02");
    EXPECT_FALSE(r->submit.version_bits);
    auto rolled = p.parse(
        R"({"id":5,"method":"mining.submit","params":["a.b","2","0000","504e86ed","b2957c02","1fffe000"]})");
    ASSERT_TRUE(rolled);
    EXPECT_EQ(rolled->submit.version_bits, "1fffe000");
    // Numbers where strings are customary: nonce and ntime become 8 hex digits.
    auto numbers =
        p.parse(R"({"id":6,"method":"mining.submit","params":["a",7,"00",1347323629,3000335362]})");
    ASSERT_TRUE(numbers) << numbers.error().message;
    EXPECT_EQ(numbers->submit.job_id, "7");
    EXPECT_EQ(numbers->submit.ntime, "504e86ed");
    EXPECT_EQ(numbers->submit.nonce, "b2d57c02");
}

TEST(RequestParser, ConfigureBip310) {
    RequestParser p;
    auto r = p.parse(
        R"({"method":"mining.configure","id":1,"params":[["minimum-difficulty","version-rolling","subscribe-extranonce","foo"],{"minimum-difficulty.value":2048,"version-rolling.mask":"00fff000","version-rolling.min-bit-count":2}]})");
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_TRUE(r->configure.version_rolling);
    EXPECT_EQ(r->configure.version_rolling_mask, 0x00fff000u);
    EXPECT_EQ(r->configure.version_rolling_min_bit_count, 2u);
    EXPECT_TRUE(r->configure.minimum_difficulty);
    EXPECT_EQ(r->configure.minimum_difficulty_value, 2048);
    EXPECT_TRUE(r->configure.subscribe_extranonce);
    EXPECT_EQ(r->configure.extensions.size(), 4u);
    auto bad_mask = p.parse(
        R"({"method":"mining.configure","id":1,"params":[["version-rolling"],{"version-rolling.mask":"xyz"}]})");
    ASSERT_FALSE(bad_mask);
    EXPECT_NE(bad_mask.error().message.find("version-rolling.mask"), std::string::npos);
}

TEST(RequestParser, AuthorizeAndSuggestDifficulty) {
    RequestParser p;
    auto a = p.parse(R"({"id":2,"method":"mining.authorize","params":["ltc1qxyz.rig1","d=64"]})");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->login, "ltc1qxyz.rig1");
    EXPECT_EQ(a->password, "d=64");
    auto no_password = p.parse(R"({"id":2,"method":"mining.authorize","params":["x"]})");
    ASSERT_TRUE(no_password);
    EXPECT_EQ(no_password->password, "");
    auto empty = p.parse(R"({"id":2,"method":"mining.authorize","params":[]})");
    ASSERT_FALSE(empty);
    auto s = p.parse(R"({"id":3,"method":"mining.suggest_difficulty","params":[512]})");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->difficulty, 512);
    auto s2 = p.parse(R"({"id":3,"method":"mining.suggest_difficulty","params":["0.5"]})");
    ASSERT_TRUE(s2);
    EXPECT_EQ(s2->difficulty, 0.5);
    EXPECT_FALSE(p.parse(R"({"id":3,"method":"mining.suggest_difficulty","params":[-1]})"));
}

TEST(RequestParser, RejectsWhatIsNotStratum) {
    RequestParser p;
    for (const char* bad :
         {"not json", "[1,2,3]", "{\"id\":1}", "{\"id\":1,\"method\":5}",
          "{\"id\":[1],\"method\":\"mining.ping\"}",
          "{\"id\":1,\"method\":\"mining.submit\",\"params\":{}}",
          "{\"id\":1,\"method\":\"mining.submit\",\"params\":[\"a\",\"1\"]}",
          "{\"id\":1,\"method\":\"mining.submit\",\"params\":[\"a\",\"1\",5,\"0\",\"0\"]}",
          "{\"id\":1,\"method\":\"mining.subscribe\""}) {
        auto r = p.parse(bad);
        EXPECT_FALSE(r) << bad;
        if (!r) {
            EXPECT_FALSE(r.error().message.empty());
        }
    }
}

TEST(RequestParser, ResponsesAndUnknownMethods) {
    RequestParser p;
    auto resp = p.parse(R"({"id":9,"result":"cgminer/4.11","error":null})");
    ASSERT_TRUE(resp);
    EXPECT_EQ(resp->method, Method::response);
    auto unknown = p.parse(R"({"id":9,"method":"mining.multi_version","params":[1]})");
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->method, Method::unknown);
    EXPECT_EQ(unknown->method_name, "mining.multi_version");
}

// bfgminer (util.c, initiate_stratum) sends these before it subscribes, with id null.
TEST(RequestParser, BfgminerNotificationsAndSessionResumption) {
    RequestParser p;
    auto target = p.parse(
        R"({"id": null, "method": "mining.suggest_target", "params": ["0000000000ffff00000000000000000000000000000000000000000000000000"]})");
    ASSERT_TRUE(target) << target.error().message;
    EXPECT_EQ(target->method, Method::suggest_target);
    EXPECT_TRUE(target->is_notification());
    auto caps = p.parse(
        R"({"id":null,"method":"mining.capabilities","params":[{"notify":[],"set_difficulty":{},"set_goal":[],"malgo":{"sha256d":{},"scrypt":{}},"suggested_target":"00000000ffff0000000000000000000000000000000000000000000000000000"}]})");
    ASSERT_TRUE(caps) << caps.error().message;
    EXPECT_EQ(caps->method, Method::capabilities);
    EXPECT_EQ(caps->target_hex, "00000000ffff0000000000000000000000000000000000000000000000000000");
    auto plain_caps = p.parse(R"({"id":4,"method":"mining.capabilities","params":[{}]})");
    ASSERT_TRUE(plain_caps);
    EXPECT_EQ(plain_caps->target_hex, "");
    EXPECT_FALSE(plain_caps->is_notification());
    // cgminer and bfgminer present the session id of their last subscribe to resume it.
    auto resume = p.parse(
        R"({"id": 2, "method": "mining.subscribe", "params": ["bfgminer/5.5.0", "00a1b2c3"]})");
    ASSERT_TRUE(resume);
    EXPECT_EQ(resume->user_agent, "bfgminer/5.5.0");
    EXPECT_EQ(resume->session_id, "00a1b2c3");
    auto fresh =
        p.parse(R"({"id": 3, "method": "mining.subscribe", "params": ["cgminer/4.11.1"]})");
    ASSERT_TRUE(fresh);
    EXPECT_EQ(fresh->session_id, "");  // not left over from the previous subscribe
}

TEST(Encoding, DifficultiesNeverUseExponents) {
    auto text = [](double d) {
        std::string out;
        append_number(out, d);
        return out;
    };
    EXPECT_EQ(text(0.0001), "0.0001");
    EXPECT_EQ(text(0.00001), "0.00001");
    EXPECT_EQ(text(1000000), "1000000");
    EXPECT_EQ(text(65536), "65536");
    EXPECT_EQ(text(0.005), "0.005");
    EXPECT_EQ(text(1.5), "1.5");
}

TEST(Encoding, MessagesAreValidJsonLines) {
    std::string out;
    write_result_true(out, "\"abc\"");
    write_error(out, "7", ErrorCode::duplicate, "Duplicate \"share\"");
    write_set_difficulty(out, 0.001);
    write_subscribe_result(out, "3", "0a0b0c0d", "0a0b0c0d", 4);
    write_reconnect(out, "pool.example", 3333, 5);
    write_set_extranonce(out, "01020304", 4);
    std::vector<nlohmann::json> msgs;
    size_t pos = 0;
    while (pos < out.size()) {
        size_t nl = out.find('\n', pos);
        ASSERT_NE(nl, std::string::npos);
        msgs.push_back(nlohmann::json::parse(out.substr(pos, nl - pos)));
        pos = nl + 1;
    }
    ASSERT_EQ(msgs.size(), 6u);
    EXPECT_EQ(msgs[0]["id"], "abc");
    EXPECT_EQ(msgs[0]["result"], true);
    EXPECT_EQ(msgs[1]["error"][0], 22);
    EXPECT_EQ(msgs[1]["error"][1], "Duplicate \"share\"");
    EXPECT_TRUE(msgs[1]["error"][2].is_null());
    EXPECT_EQ(msgs[2]["params"][0], 0.001);
    EXPECT_EQ(msgs[3]["result"][1], "0a0b0c0d");
    EXPECT_EQ(msgs[3]["result"][2], 4);
    EXPECT_EQ(msgs[4]["method"], "client.reconnect");
    EXPECT_EQ(msgs[4]["params"][1], 3333);
    EXPECT_EQ(msgs[5]["params"][0], "01020304");
}

}  // namespace
}  // namespace viddhana::stratum
