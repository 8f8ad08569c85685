// The miner's side of the protocol without a socket: what it sends, and what each kind of line
// from the pool turns into (jobs, difficulty, extranonce, reconnect, submit results).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "miner/client_protocol.h"
#include "miner/miner_job.h"
#include "miner/pool_url.h"
#include "stratum/job_builder.h"

namespace viddhana::miner {
namespace {

using nlohmann::json;

const char* kNotify =
    R"({"id":null,"method":"mining.notify","params":["1f","b910892b42f04a50c10f8c9cff9a5b4ec3dba50d4814d1ffc9ea7fd0a70730a7",)"
    R"("01000000010000","ffffffff0100",["aa00000000000000000000000000000000000000000000000000000000000000"],)"
    R"("20000000","1a00d3d8","6392fdeb",true]})";

std::vector<ClientEvent> feed(ClientProtocol& p, std::string_view line) {
    std::vector<ClientEvent> out;
    p.on_line(line, out);
    return out;
}

std::vector<json> lines_of(const std::string& text) {
    std::vector<json> out;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t nl = text.find('\n', pos);
        out.push_back(json::parse(text.substr(pos, nl - pos)));
        pos = nl + 1;
    }
    return out;
}

ClientProtocol make_protocol() {
    ClientSettings s;
    s.login = "ltc1qaddress.rig1";
    s.password = "d=64";
    return ClientProtocol(s);
}

TEST(ClientProtocol, HelloConfiguresThenSubscribesThenAuthorizes) {
    auto p = make_protocol();
    auto lines = lines_of(p.hello());
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0]["method"], "mining.configure");
    EXPECT_EQ(lines[0]["params"][0], json::array({"version-rolling"}));
    EXPECT_EQ(lines[0]["params"][1]["version-rolling.mask"], "ffffffff");
    EXPECT_EQ(lines[1]["method"], "mining.subscribe");
    EXPECT_EQ(lines[2]["method"], "mining.authorize");
    EXPECT_EQ(lines[2]["params"], json::array({"ltc1qaddress.rig1", "d=64"}));
    EXPECT_EQ(p.pending(), 3u);
}

TEST(ClientProtocol, AnswersToHelloBecomeEvents) {
    auto p = make_protocol();
    auto lines = lines_of(p.hello());
    auto id = [&](int i) { return lines[i]["id"].dump(); };

    auto e = feed(
        p,
        R"({"id":)" + id(0) +
            R"(,"result":{"version-rolling":true,"version-rolling.mask":"1fffe000"},"error":null})");
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(std::get<event::VersionRolling>(e[0]).mask, 0x1fffe000u);

    e = feed(
        p,
        R"({"id":)" + id(1) +
            R"(,"result":[[["mining.set_difficulty","a"],["mining.notify","a"]],"00000102",4],"error":null})");
    ASSERT_EQ(e.size(), 1u);
    const auto& sub = std::get<event::Subscribed>(e[0]);
    EXPECT_EQ(to_hex(sub.extranonce1), "00000102");
    EXPECT_EQ(sub.extranonce2_size, 4);

    e = feed(p, R"({"id":)" + id(2) + R"(,"result":true,"error":null})");
    ASSERT_EQ(e.size(), 1u);
    EXPECT_TRUE(std::get<event::Authorized>(e[0]).ok);
    EXPECT_EQ(p.pending(), 0u);
}

TEST(ClientProtocol, RefusedConfigureAndLoginAreReported) {
    auto p = make_protocol();
    auto lines = lines_of(p.hello());
    auto e =
        feed(p, R"({"id":)" + lines[0]["id"].dump() +
                    R"(,"result":null,"error":[20,"unsupported method mining.configure",null]})");
    EXPECT_EQ(std::get<event::VersionRolling>(e[0]).mask, 0u);
    e = feed(p, R"({"id":)" + lines[2]["id"].dump() +
                    R"(,"result":null,"error":[24,"invalid litecoin mainnet address",null]})");
    const auto& a = std::get<event::Authorized>(e[0]);
    EXPECT_FALSE(a.ok);
    EXPECT_EQ(a.message, "invalid litecoin mainnet address");
}

TEST(ClientProtocol, SubmitSendsTheSixthParamOnlyWithVersionBits) {
    auto p = make_protocol();
    ShareSubmission s{"1f", {0xde, 0xad, 0xbe, 0xef}, 0x6392fdeb, 0x0000abcd, std::nullopt};
    auto plain = json::parse(p.submit(s));
    EXPECT_EQ(plain["method"], "mining.submit");
    EXPECT_EQ(plain["params"],
              json::array({"ltc1qaddress.rig1", "1f", "deadbeef", "6392fdeb", "0000abcd"}));
    s.version_bits = 0x00002000;
    auto rolled = json::parse(p.submit(s));
    ASSERT_EQ(rolled["params"].size(), 6u);
    EXPECT_EQ(rolled["params"][5], "00002000");
}

TEST(ClientProtocol, SubmitAnswersCountAsAcceptedOrRejectedWithTheCode) {
    auto p = make_protocol();
    ShareSubmission s{"1f", {1, 2, 3, 4}, 1, 2, std::nullopt};
    auto a = json::parse(p.submit(s));
    auto b = json::parse(p.submit(s));
    auto e = feed(p, R"({"id":)" + b["id"].dump() +
                         R"(,"result":null,"error":[23,"Low difficulty share",null]})");
    const auto& rejected = std::get<event::SubmitResult>(e[0]);
    EXPECT_FALSE(rejected.accepted);
    EXPECT_EQ(rejected.error_code, 23);
    EXPECT_EQ(rejected.message, "Low difficulty share");
    EXPECT_EQ(rejected.job_id, "1f");
    e = feed(p, R"({"id":)" + a["id"].dump() + R"(,"result":true,"error":null})");
    EXPECT_TRUE(std::get<event::SubmitResult>(e[0]).accepted);
    // An answer to nothing we asked.
    e = feed(p, R"({"id":999,"result":true,"error":null})");
    EXPECT_TRUE(std::holds_alternative<event::Malformed>(e[0]));
}

TEST(ClientProtocol, NotificationsBecomeEvents) {
    auto p = make_protocol();
    auto e = feed(p, kNotify);
    ASSERT_EQ(e.size(), 1u);
    const auto& job = std::get<event::NewJob>(e[0]).job;
    EXPECT_EQ(job.job_id, "1f");
    EXPECT_EQ(job.ntime, 0x6392fdebu);
    EXPECT_TRUE(job.clean);

    e = feed(p, R"({"id":null,"method":"mining.set_difficulty","params":[0.001]})");
    EXPECT_DOUBLE_EQ(std::get<event::Difficulty>(e[0]).value, 0.001);

    e = feed(p, R"({"id":null,"method":"mining.set_extranonce","params":["aabbccdd",6]})");
    const auto& x = std::get<event::ExtranonceChanged>(e[0]);
    EXPECT_EQ(to_hex(x.extranonce1), "aabbccdd");
    EXPECT_EQ(x.extranonce2_size, 6);

    e = feed(p, R"({"id":null,"method":"client.reconnect","params":["pool2.example",3334,5]})");
    const auto& r = std::get<event::Reconnect>(e[0]);
    EXPECT_EQ(r.host, "pool2.example");
    EXPECT_EQ(r.port, 3334);
    EXPECT_EQ(r.wait_seconds, 5);

    e = feed(p, R"({"id":null,"method":"client.reconnect","params":["","3335",0]})");
    EXPECT_EQ(std::get<event::Reconnect>(e[0]).host, "");
    EXPECT_EQ(std::get<event::Reconnect>(e[0]).port, 3335);

    e = feed(p, R"({"id":7,"method":"client.get_version","params":[]})");
    auto reply = json::parse(std::get<event::Reply>(e[0]).line);
    EXPECT_EQ(reply["id"], 7);
    EXPECT_EQ(reply["result"], "viddhana-miner/0.1");
}

TEST(ClientProtocol, GarbageFromThePoolIsReportedNotFatal) {
    auto p = make_protocol();
    for (const char* line :
         {"not json", "[1,2]", R"({"method":"mining.set_difficulty","params":[-1]})",
          R"({"method":"mining.notify","params":["1"]})",
          R"({"method":"mining.frobnicate","params":[]})"}) {
        auto e = feed(p, line);
        ASSERT_EQ(e.size(), 1u) << line;
        EXPECT_TRUE(std::holds_alternative<event::Malformed>(e[0])) << line;
    }
    EXPECT_TRUE(feed(p, "").empty());
}

TEST(NotifyParsing, PrevhashIsWordSwappedBackToInternalOrder) {
    auto prev = chain::Uint256::from_display_hex(
        "7b3479a720700cbff29abf0da5d14842dcae9ac18c0f9942504af07f2b8910b9");
    std::string wire = stratum::stratum_prevhash(*prev);
    EXPECT_EQ(wire, "2b8910b9504af07f8c0f9942dcae9ac1a5d14842f29abf0d20700cbf7b3479a7");
    EXPECT_EQ(prevhash_from_stratum(wire), prev);
    EXPECT_FALSE(prevhash_from_stratum(wire.substr(2)));
    EXPECT_FALSE(prevhash_from_stratum(std::string(64, 'g')));
}

TEST(NotifyParsing, EachBadFieldIsNamed) {
    auto good = json::parse(kNotify)["params"];
    ASSERT_TRUE(parse_notify(good).ok());
    struct Case {
        size_t index;
        json value;
        std::string expected;
    };
    const Case cases[] = {
        {0, 5, "job id"},
        {1, "abcd", "prevhash"},
        {2, "zz", "coinb1"},
        {3, 7, "coinb2"},
        {4, json::array({"1234"}), "merkle branch"},
        {4, "x", "merkle branch"},
        {5, "2000000", "version"},
        {6, "1a00d3dx", "nbits"},
        {7, 1670551531, "ntime"},
        {8, "true", "clean_jobs"},
    };
    for (const auto& c : cases) {
        json params = good;
        params[c.index] = c.value;
        auto r = parse_notify(params);
        ASSERT_FALSE(r.ok()) << c.expected;
        EXPECT_NE(r.error().message.find(c.expected), std::string::npos) << r.error().message;
    }
    EXPECT_FALSE(parse_notify(json::array({"1"})).ok());
    EXPECT_FALSE(parse_notify(json::object()).ok());
}

TEST(PoolUrl, ParsesStratumUrls) {
    auto u = parse_pool_url("stratum+tcp://pool.example:3333");
    ASSERT_TRUE(u.ok());
    EXPECT_EQ(u->host, "pool.example");
    EXPECT_EQ(u->port, 3333);
    EXPECT_EQ(parse_pool_url("127.0.0.1:4000")->port, 4000);
    EXPECT_EQ(parse_pool_url("stratum+tcp://[::1]:3333/")->host, "::1");
    for (const char* bad : {"http://pool:80", "stratum+tcp://pool", "stratum+tcp://:3333",
                            "stratum+tcp://pool:0", "stratum+tcp://pool:70000", "pool:33x"}) {
        EXPECT_FALSE(parse_pool_url(bad).ok()) << bad;
    }
}

}  // namespace
}  // namespace viddhana::miner
