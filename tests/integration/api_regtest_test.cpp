// The API over real HTTP against a real pool on a litecoind regtest pair: miners mine blocks
// through Stratum, the ledger records and credits them, and the API's answers equal what the
// store and the node say. Also its refusals: 400, 404, 413, 429, CORS preflight, the document.

#include <set>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/openapi_document.h"
#include "app/api_role.h"
#include "auth/personal_sign.h"
#include "base/hex.h"
#include "http/http_client.h"
#include "support/live_client.h"
#include "support/pool_miner.h"
#include "support/pool_under_test.h"
#include "support/regtest_pair.h"
#include "support/wait.h"

namespace viddhana::test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

std::string pool_yaml(int rate_limit_per_minute = 100000) {
    return fmt::format(R"(mining:
  initial_difficulty: 0.0001
  min_difficulty: 0.0001
  max_difficulty: 0.0001
payout:
  scheme: pplns
  pplns_window_factor: 100
  default_threshold: 0.01
payments:
  interval: 1s
ledger:
  unlocker_interval: 1s
api:
  host: 127.0.0.1
  port: 0
  cache_ttl_ms: 0
  rate_limit_per_minute: {}
  access_log: false
)",
                       rate_limit_per_minute);
}

struct Answer {
    int status = 0;
    std::string content_type;
    std::string body;
    json j() const { return json::parse(body); }
};

class ApiClient {
  public:
    explicit ApiClient(uint16_t port)
        : base_(*http::parse_base_url(fmt::format("http://127.0.0.1:{}", port))) {}
    Answer call(const std::string& method, const std::string& target, const std::string& body = "",
                std::vector<std::pair<std::string, std::string>> headers = {}) {
        auto r = http::call_http(base_, method, target, body, headers, 30s);
        if (!r) throw std::runtime_error(r.error().message);
        return {r->status, r->content_type, r->body};
    }
    Answer get(const std::string& target) { return call("GET", target); }

  private:
    http::BaseUrl base_;
};

class ApiRegtest : public ::testing::Test {
  protected:
    RegtestPair nodes;
};

TEST_F(ApiRegtest, ServesWhatTheStoreAndTheNodeSay) {
    std::string pool_address = nodes.new_address();
    PoolUnderTest pool(nodes, pool_address, pool_yaml(), true);
    app::ApiRole api(pool.config(), pool.registry(), &pool.store(), &pool.role(), &pool.bus(),
                     SystemClock::instance());
    api.start();
    ApiClient client(api.port());

    std::vector<std::string> addresses = {nodes.new_address(), nodes.new_address()};
    std::vector<TestMiner> miners;
    for (size_t i = 0; i < addresses.size(); ++i) {
        miners.push_back(
            connect_miner(pool.stratum_port(), addresses[i] + ".rig" + std::to_string(i)));
    }
    std::vector<std::string> hashes;
    for (int who : {0, 1, 0})
        hashes.push_back(mine_block(pool, miners[who], nodes));
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
        60s, "every block recorded and credited");

    // Pool stats: exactly the documented keys, equal to the store and the node.
    auto stats = client.get("/api/stats/pool");
    ASSERT_EQ(stats.status, 200) << stats.body;
    EXPECT_EQ(stats.content_type, "application/json");
    auto s = stats.j()["stats"];
    std::set<std::string> keys;
    for (auto it = s.begin(); it != s.end(); ++it)
        keys.insert(it.key());
    EXPECT_EQ(keys, (std::set<std::string>{"hashrate", "activeWorkers", "activeMiners",
                                           "blocksFound", "totalPaid", "difficulty",
                                           "networkHashrate", "lastBlockTime", "poolFee"}));
    EXPECT_EQ(s["blocksFound"], 3);
    EXPECT_EQ(s["blocksFound"], store.payments().pool_totals().blocks_found);
    EXPECT_GT(s["hashrate"].get<double>(), 0);
    EXPECT_EQ(s["poolFee"], 1);
    EXPECT_EQ(s["activeMiners"], 2);
    EXPECT_EQ(s["activeWorkers"], 2);
    EXPECT_EQ(s["totalPaid"], 0);
    auto mining = nodes.rpc("getmininginfo");
    EXPECT_DOUBLE_EQ(s["difficulty"].get<double>(), mining["difficulty"].get<double>());
    EXPECT_EQ(s["lastBlockTime"], store.blocks().blocks({1, 0})->front().found_ms);

    // Blocks, newest first, pending until mature.
    auto blocks = client.get("/api/blocks?limit=10");
    ASSERT_EQ(blocks.status, 200) << blocks.body;
    auto list = blocks.j()["blocks"];
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list[0]["hash"], hashes[2]);
    EXPECT_EQ(list[2]["hash"], hashes[0]);
    EXPECT_EQ(list[0]["status"], "pending");
    EXPECT_EQ(list[0]["finder"], addresses[0]);
    EXPECT_GT(list[0]["reward"].get<int64_t>(), 0);
    EXPECT_GT(list[0]["effort"].get<double>(), 0);
    EXPECT_EQ(blocks.j()["total"], 3);
    // Oldest first, and a time range: from the second block's time on, before the third's.
    auto oldest = client.get("/api/blocks?order=oldest&limit=2");
    ASSERT_EQ(oldest.status, 200) << oldest.body;
    ASSERT_EQ(oldest.j()["blocks"].size(), 2u);
    EXPECT_EQ(oldest.j()["blocks"][0]["hash"], hashes[0]);
    EXPECT_EQ(oldest.j()["blocks"][1]["hash"], hashes[1]);
    int64_t second_ms = list[1]["time"], third_ms = list[0]["time"];
    ASSERT_LT(second_ms, third_ms);  // mined in turn, each after the node took the one before
    auto ranged = client.get(fmt::format("/api/blocks?from={}&to={}", second_ms, third_ms));
    ASSERT_EQ(ranged.status, 200) << ranged.body;
    ASSERT_EQ(ranged.j()["blocks"].size(), 1u) << ranged.body;
    EXPECT_EQ(ranged.j()["blocks"][0]["hash"], hashes[1]);
    auto one = client.get("/api/blocks/" + hashes[1]);
    ASSERT_EQ(one.status, 200) << one.body;
    EXPECT_EQ(one.j()["block"]["finder"], addresses[1]);
    int64_t credited = 0;
    json detail = one.j();
    for (const auto& c : detail["block"]["round"]["credits"])
        credited += c["amount"].get<int64_t>();
    EXPECT_EQ(credited, one.j()["block"]["reward"].get<int64_t>());

    // The miner's balance and workers.
    auto balance = client.get("/api/miners/" + addresses[0] + "/balance");
    ASSERT_EQ(balance.status, 200) << balance.body;
    auto stored = store.balances().balance(addresses[0]);
    EXPECT_GT(stored.immature, 0);
    EXPECT_EQ(balance.j()["immature"], stored.immature);
    EXPECT_EQ(balance.j()["pending"], stored.pending);
    auto workers = client.get("/api/miners/" + addresses[0] + "/workers");
    ASSERT_EQ(workers.status, 200) << workers.body;
    ASSERT_EQ(workers.j()["workers"].size(), 1u);
    EXPECT_EQ(workers.j()["workers"][0]["name"], "rig0");
    EXPECT_TRUE(workers.j()["workers"][0]["online"].get<bool>());
    EXPECT_GT(workers.j()["workers"][0]["hashrate"].get<double>(), 0);
    auto summary = client.get("/api/miners/" + addresses[0]);
    ASSERT_EQ(summary.status, 200) << summary.body;
    EXPECT_EQ(summary.j()["blocksFound"], 2);
    auto board = client.get("/api/stats/leaderboard");
    ASSERT_EQ(board.status, 200) << board.body;
    EXPECT_EQ(board.j()["miners"].size(), 2u);
    auto by_blocks = client.get("/api/stats/leaderboard?sort=blocks&period=1h");
    ASSERT_EQ(by_blocks.status, 200) << by_blocks.body;
    json ranked = by_blocks.j()["miners"];
    ASSERT_EQ(ranked.size(), 2u);
    EXPECT_EQ(ranked[0]["address"], addresses[0]);  // two blocks against one
    EXPECT_EQ(ranked[0]["blocksFound"], 2);
    EXPECT_EQ(ranked[1]["blocksFound"], 1);
    EXPECT_EQ(client.get("/api/stats/leaderboard?sort=luck").j()["error"]["parameter"], "sort");
    auto history = client.get("/api/stats/hashrate?bucket=1m");
    ASSERT_EQ(history.status, 200) << history.body;
    double total = 0;
    json points = history.j()["points"];
    for (const auto& p : points)
        total += p["hashrate"].get<double>();
    EXPECT_GT(total, 0);
    // Balance changes: the credits of its blocks, summing to its immature balance.
    auto changes = client.get("/api/miners/" + addresses[0] + "/balance-changes?limit=100");
    ASSERT_EQ(changes.status, 200) << changes.body;
    const json change_list = changes.j()["changes"];
    int64_t change_sum = 0;
    for (const auto& c : change_list)
        change_sum += c["amount"].get<int64_t>();
    EXPECT_FALSE(change_list.empty());
    EXPECT_EQ(change_sum, stored.immature) << changes.body;
    auto first_change =
        client.get("/api/miners/" + addresses[0] + "/balance-changes?order=oldest&limit=1");
    ASSERT_EQ(first_change.status, 200) << first_change.body;
    EXPECT_EQ(first_change.j()["changes"][0], change_list.back());
    EXPECT_EQ(client.get("/api/miners/" + addresses[0] + "/balance-changes?page=-1").status, 400);
    auto daily = client.get("/api/miners/" + addresses[1] + "/earnings/daily?days=2");
    ASSERT_EQ(daily.status, 200) << daily.body;
    EXPECT_EQ(daily.j()["days"].size(), 2u);

    // Mature: the blocks confirm and the API follows.
    nodes.generate(101);
    wait_until(
        [&] {
            auto pending = store.blocks().blocks({100, 0}, store::BlockStatus::pending);
            return pending && pending->empty();
        },
        60s, "every block confirmed");
    auto confirmed = client.get("/api/blocks?status=confirmed");
    ASSERT_EQ(confirmed.status, 200);
    EXPECT_EQ(confirmed.j()["blocks"].size(), 3u);
    EXPECT_EQ(confirmed.j()["blocks"][0]["status"], "confirmed");

    // Refusals, each naming what is wrong.
    auto bad_limit = client.get("/api/blocks?limit=500");
    EXPECT_EQ(bad_limit.status, 400);
    EXPECT_EQ(bad_limit.j()["error"]["code"], "bad_parameter");
    EXPECT_EQ(bad_limit.j()["error"]["parameter"], "limit");
    auto bad_order = client.get("/api/payouts?order=sideways");
    EXPECT_EQ(bad_order.status, 400);
    EXPECT_EQ(bad_order.j()["error"]["parameter"], "order");
    auto backwards = client.get("/api/blocks?from=2000&to=1000");
    EXPECT_EQ(backwards.status, 400);
    EXPECT_EQ(backwards.j()["error"]["parameter"], "from");
    auto bad_time = client.get("/api/miners/" + addresses[0] + "/payments?to=yesterday");
    EXPECT_EQ(bad_time.status, 400);
    EXPECT_EQ(bad_time.j()["error"]["parameter"], "to");
    auto bad_address = client.get("/api/miners/not-an-address");
    EXPECT_EQ(bad_address.status, 400);
    EXPECT_EQ(bad_address.j()["error"]["code"], "invalid_address");
    EXPECT_NE(bad_address.j()["error"]["message"].get<std::string>().find("not-an-address"),
              std::string::npos);
    auto unknown = client.get("/api/miners/" + nodes.new_address());
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(unknown.j()["error"]["code"], "miner_not_found");
    auto no_block = client.get("/api/blocks/" + std::string(64, 'a'));
    EXPECT_EQ(no_block.status, 404);
    auto too_big = client.call("POST", "/api/ai/predict/earnings", std::string(70 * 1024, ' '),
                               {{"Content-Type", "application/json"}});
    EXPECT_EQ(too_big.status, 413);
    EXPECT_EQ(too_big.j()["error"]["code"], "body_too_large");
    // No analytics service listens in this test: the forwarded routes say so.
    auto no_ai = client.get("/api/ai/alerts");
    EXPECT_EQ(no_ai.status, 503) << no_ai.body;
    EXPECT_EQ(no_ai.j()["error"]["code"], "ai_unavailable");

    // CORS preflight from the configured origin (the default, http://localhost:3004).
    auto preflight = client.call(
        "OPTIONS", "/api/stats/pool", "",
        {{"Origin", "http://localhost:3004"}, {"Access-Control-Request-Method", "GET"}});
    EXPECT_EQ(preflight.status, 204);
    auto foreign =
        client.call("OPTIONS", "/api/stats/pool", "", {{"Origin", "http://evil.example"}});
    EXPECT_EQ(foreign.status, 403);

    auto doc = client.get("/api/openapi.yaml");
    ASSERT_EQ(doc.status, 200);
    EXPECT_EQ(doc.body, api::openapi_document());

    auto health = client.get("/health");
    ASSERT_EQ(health.status, 200) << health.body;
    EXPECT_EQ(health.j()["checks"]["database"]["status"], "ok");
    EXPECT_EQ(health.j()["checks"]["node"]["status"], "ok");
    EXPECT_EQ(health.j()["checks"]["stratum"]["status"], "ok");
    EXPECT_EQ(client.get("/ready").status, 200);

    api.stop();
}

TEST_F(ApiRegtest, RateLimitAnswers429WithRetryAfter) {
    std::string pool_address = nodes.new_address();
    PoolUnderTest pool(nodes, pool_address, pool_yaml(3), true);
    app::ApiRole api(pool.config(), pool.registry(), &pool.store(), nullptr, nullptr,
                     SystemClock::instance());
    api.start();
    ApiClient client(api.port());
    for (int i = 0; i < 3; ++i)
        ASSERT_EQ(client.get("/api/pool").status, 200);
    auto refused = client.get("/api/pool");
    EXPECT_EQ(refused.status, 429);
    EXPECT_EQ(refused.j()["error"]["code"], "rate_limited");
    // 3 per minute: a token every 20 s.
    auto r = http::call_http(*http::parse_base_url(fmt::format("http://127.0.0.1:{}", api.port())),
                             "GET", "/api/pool", "", {}, 10s);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 429);
    ASSERT_TRUE(r->header("Retry-After"));
    int retry = std::stoi(*r->header("Retry-After"));
    EXPECT_GE(retry, 1);
    EXPECT_LE(retry, 20);
    api.stop();
}

// A WebSocket client sees the block a miner finds, on the blocks channel and on the finder's own.
TEST_F(ApiRegtest, WebSocketClientSeesABlockFound) {
    std::string pool_address = nodes.new_address();
    PoolUnderTest pool(nodes, pool_address, pool_yaml(), true);
    app::ApiRole api(pool.config(), pool.registry(), &pool.store(), &pool.role(), &pool.bus(),
                     SystemClock::instance());
    api.start();
    std::string finder = nodes.new_address();

    LiveClient ws(api.port());
    for (const std::string& channel :
         std::vector<std::string>{"blocks", "miner:" + finder, "miner:nonsense"}) {
        ws.subscribe(channel);
    }
    EXPECT_EQ(ws.read()["type"], "subscribed");
    EXPECT_EQ(ws.read()["channel"], "miner:" + finder);
    auto refused = ws.read();
    EXPECT_EQ(refused["type"], "error");
    EXPECT_EQ(refused["error"]["code"], "bad_channel");

    auto miner = connect_miner(pool.stratum_port(), finder + ".ws");
    std::string hash = mine_block(pool, miner, nodes);
    // The event arrives on both channels; other events (hash rate, shares) may come between.
    std::set<std::string> seen_on;
    while (seen_on.size() < 2) {
        auto msg = ws.read();
        if (msg["type"] != "block.found") continue;
        EXPECT_EQ(msg["data"]["hash"], hash);
        EXPECT_EQ(msg["data"]["finder"], finder);
        seen_on.insert(msg["channel"].get<std::string>());
    }
    EXPECT_EQ(seen_on, (std::set<std::string>{"blocks", "miner:" + finder}));
    api.stop();
}

// A signed-in account links the P2PKH login it mines to (signed by the coin node's wallet), sees
// it on its dashboard and workers list, and sets its payout threshold; another account cannot.
TEST_F(ApiRegtest, AccountLinksAMinerAndSetsItsPayout) {
    std::string pool_address = nodes.new_address();
    PoolUnderTest pool(nodes, pool_address, pool_yaml(), true);
    app::ApiRole api(pool.config(), pool.registry(), &pool.store(), &pool.role(), &pool.bus(),
                     SystemClock::instance());
    api.start();
    ApiClient client(api.port());
    std::string login = nodes.new_address("legacy");
    auto miner = connect_miner(pool.stratum_port(), login + ".rig7");
    mine_block(pool, miner, nodes);
    wait_until(
        [&] {
            return pool.store().miners().find_miner(login).has_value() &&
                   !pool.store().miners().workers(login).empty();
        },
        60s, "the miner and its worker stored");

    auto sign_in = [&](uint8_t seed) {
        std::array<uint8_t, 32> key{};
        key.fill(seed);
        auto probe = auth::sign_personal_message(key, "who");
        std::string wallet =
            auth::recover_personal_signer("who", "0x" + to_hex(*probe))->checksummed();
        auto nonce = client.call("POST", "/api/auth/nonce", json{{"walletAddress", wallet}}.dump());
        std::string message = nonce.j()["message"];
        auto sig = auth::sign_personal_message(key, message);
        auto session = client.call(
            "POST", "/api/auth/wallet",
            json{
                {"walletAddress", wallet}, {"signature", "0x" + to_hex(*sig)}, {"message", message}}
                .dump());
        EXPECT_EQ(session.status, 200) << session.body;
        return std::string("Bearer ") + session.j()["accessToken"].get<std::string>();
    };
    std::string owner = sign_in(7);
    auto with = [](const std::string& bearer) {
        return std::vector<std::pair<std::string, std::string>>{{"Authorization", bearer}};
    };

    auto link_message = client.call("POST", "/api/dashboard/miners/link-message",
                                    json{{"address", login}}.dump(), with(owner));
    ASSERT_EQ(link_message.status, 200) << link_message.body;
    std::string message = link_message.j()["message"];
    std::string signature = nodes.wallet_rpc("signmessage", {login, message}).get<std::string>();
    auto link =
        client.call("POST", "/api/dashboard/miners/link",
                    json{{"address", login}, {"signature", signature}, {"message", message}}.dump(),
                    with(owner));
    ASSERT_EQ(link.status, 200) << link.body;
    // The same signed message again: its nonce is spent.
    EXPECT_EQ(
        client
            .call("POST", "/api/dashboard/miners/link",
                  json{{"address", login}, {"signature", signature}, {"message", message}}.dump(),
                  with(owner))
            .status,
        401);

    auto dashboard = client.call("GET", "/api/dashboard", "", with(owner));
    ASSERT_EQ(dashboard.status, 200) << dashboard.body;
    ASSERT_EQ(dashboard.j()["miners"].size(), 1u);
    EXPECT_EQ(dashboard.j()["miners"][0]["address"], login);
    EXPECT_EQ(dashboard.j()["miners"][0]["payoutThreshold"],
              pool.config().ledger.default_threshold);
    auto workers = client.call("GET", "/api/workers", "", with(owner));
    ASSERT_EQ(workers.status, 200) << workers.body;
    ASSERT_EQ(workers.j()["workers"].size(), 1u);
    EXPECT_EQ(workers.j()["workers"][0]["name"], "rig7");

    const auto& ledger = pool.config().ledger;
    int64_t threshold = ledger.min_threshold * 3;
    auto payout = client.call("PUT", "/api/dashboard/miners/" + login + "/payout",
                              json{{"threshold", threshold}}.dump(), with(owner));
    ASSERT_EQ(payout.status, 200) << payout.body;
    EXPECT_EQ(pool.store().miners().find_miner(login)->payout_threshold, threshold);
    EXPECT_EQ(
        client.call("GET", "/api/dashboard", "", with(owner)).j()["miners"][0]["payoutThreshold"],
        threshold);
    auto too_low = client.call("PUT", "/api/dashboard/miners/" + login + "/payout",
                               json{{"threshold", ledger.min_threshold - 1}}.dump(), with(owner));
    EXPECT_EQ(too_low.status, 400);
    EXPECT_EQ(too_low.j()["error"]["parameter"], "threshold");
    // A good threshold with a bad address changes nothing.
    auto mixed =
        client.call("PUT", "/api/dashboard/miners/" + login + "/payout",
                    json{{"threshold", ledger.min_threshold * 5}, {"payoutAddress", "nope"}}.dump(),
                    with(owner));
    EXPECT_EQ(mixed.status, 400);
    EXPECT_EQ(mixed.j()["error"]["parameter"], "payoutAddress");
    EXPECT_EQ(pool.store().miners().find_miner(login)->payout_threshold, threshold);

    // Forgetting workers: an active one is refused; a rig silent for an hour goes; unknown
    // workers, other accounts and anonymous callers are refused.
    bus::ShareEvent old_share;
    old_share.time_ms = SystemClock::instance().now_ms() - 3'600'000;
    old_share.login = login;
    old_share.worker = "retired";
    old_share.difficulty = 1;
    old_share.node_id = 77;
    old_share.sequence = 1;
    ASSERT_TRUE(pool.store().shares().append_shares(std::span(&old_share, 1)));
    ASSERT_EQ(pool.store().miners().workers(login).size(), 2u);
    auto active = client.call("DELETE", "/api/workers/" + login + "/rig7", "", with(owner));
    EXPECT_EQ(active.status, 409) << active.body;
    EXPECT_EQ(active.j()["error"]["code"], "worker_active");
    EXPECT_EQ(client.call("DELETE", "/api/workers/" + login + "/nope", "", with(owner)).status,
              404);
    EXPECT_EQ(client.call("DELETE", "/api/workers/" + login + "/retired").status, 401);
    auto forgotten = client.call("DELETE", "/api/workers/" + login + "/retired", "", with(owner));
    ASSERT_EQ(forgotten.status, 200) << forgotten.body;
    auto left = client.call("GET", "/api/workers", "", with(owner)).j()["workers"];
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0]["name"], "rig7");

    std::string stranger = sign_in(9);
    auto not_theirs = client.call("DELETE", "/api/workers/" + login + "/rig7", "", with(stranger));
    EXPECT_EQ(not_theirs.status, 404);
    EXPECT_EQ(not_theirs.j()["error"]["code"], "miner_not_linked");
    auto refused = client.call("PUT", "/api/dashboard/miners/" + login + "/payout",
                               json{{"threshold", nullptr}}.dump(), with(stranger));
    EXPECT_EQ(refused.status, 404);
    EXPECT_EQ(refused.j()["error"]["code"], "miner_not_linked");
    EXPECT_EQ(pool.store().miners().find_miner(login)->payout_threshold, threshold);

    // The private account channel: refused without a token and with a forged one; with the
    // owner's token it carries the linked login's summary and its blocks; a stranger's token
    // opens the stranger's own channel, which shows nothing of the owner's.
    const std::string owner_token = owner.substr(std::string("Bearer ").size());
    LiveClient live(api.port());
    live.subscribe("account");
    auto no_token = live.read();
    EXPECT_EQ(no_token["type"], "error");
    EXPECT_EQ(no_token["error"]["code"], "unauthorized");
    live.subscribe("account", owner_token.substr(0, owner_token.size() - 2) + "xx");
    EXPECT_EQ(live.read()["error"]["code"], "unauthorized");
    live.subscribe("account", owner_token);
    EXPECT_EQ(live.read(), (json{{"type", "subscribed"}, {"channel", "account"}}));
    auto summary = live.read_event("account.summary", "account");
    ASSERT_EQ(summary["data"]["miners"].size(), 1u) << summary.dump();
    EXPECT_EQ(summary["data"]["miners"][0]["address"], login);
    ASSERT_EQ(summary["data"]["workers"].size(), 1u);
    EXPECT_EQ(summary["data"]["workers"][0]["name"], "rig7");

    LiveClient other(api.port());
    other.subscribe("account", stranger.substr(std::string("Bearer ").size()));
    EXPECT_EQ(other.read()["type"], "subscribed");
    auto theirs = other.read_event("account.summary", "account");
    EXPECT_TRUE(theirs["data"]["miners"].empty()) << theirs.dump();
    EXPECT_TRUE(theirs["data"]["workers"].empty()) << theirs.dump();

    std::string hash = mine_block(pool, miner, nodes);
    auto found = live.read_event("block.found", "account");
    EXPECT_EQ(found["data"]["hash"], hash);
    EXPECT_EQ(found["data"]["address"], login);
    api.stop();
}

}  // namespace
}  // namespace viddhana::test
