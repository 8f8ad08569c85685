// The CPU miner against the pool against litecoind regtest, in one process: the pool's Stratum
// role (config text -> StratumRole) takes templates from a regtest node pair, the in-process
// CpuMiner (scrypt) mines on it, and the node accepts the blocks: each new block's coinbase pays
// the pool address and carries the pool tag in its scriptSig. Also with version rolling forced
// early (a tiny nonce range), so that blocks with rolled versions reach the node; and with the
// pool going away and coming back on the same port, which the miner must reconnect to.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/config.h"
#include "app/stratum_role.h"
#include "base/hex.h"
#include "bus/in_process_bus.h"
#include "metrics/registry.h"
#include "miner/cpu_miner.h"
#include "support/regtest_pair.h"
#include "support/wait.h"

namespace viddhana {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using test::RegtestNode;
using test::RegtestPair;

constexpr const char* kTag = "/ViddhanaMinerTest/";

class MinerRegtestTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        spdlog::set_level(spdlog::level::warn);
        pair_ = new RegtestPair();
    }
    static void TearDownTestSuite() {
        delete pair_;
        pair_ = nullptr;
    }
    static RegtestPair& pair() { return *pair_; }

    // The pool's config as an operator writes it, pointed at node A.
    app::Config pool_config(const std::string& pool_address) {
        auto ep = pair().endpoint(RegtestNode::a);
        std::string yaml = fmt::format(R"(
coin: litecoin
network: regtest
server:
  host: 127.0.0.1
  port: 0
  threads: 1
mining:
  initial_difficulty: 0.02
  min_difficulty: 0.001
node:
  rpc_url: {}
  rpc_user: {}
  rpc_password: {}
  poll_interval: 250ms
pool:
  address: {}
  tag: "{}"
metrics:
  enabled: false
log:
  level: warn
)",
                                       ep.url, ep.user, ep.password, pool_address, kTag);
        return app::load_config_text(yaml, [](const std::string&) { return std::nullopt; });
    }

    // Mines with `options` until the chain has grown by `blocks`, then checks every new block.
    void mine_and_check(miner::MinerOptions options, int blocks, bool expect_rolled_versions) {
        const std::string pool_address = pair().new_address("bech32");
        app::Config config = pool_config(pool_address);
        metrics::Registry registry;
        bus::InProcessBus bus;
        app::StratumRole role(config, registry, bus, SystemClock::instance());
        role.start();
        test::wait_until([&] { return role.server().current_job() != nullptr; }, 60s,
                         "the pool's first job");
        const int64_t start_height = pair().height();

        options.host = "127.0.0.1";
        options.port = role.server().port();
        options.login = pair().new_address("bech32") + ".rig1";
        options.algorithm = chain::PowAlgorithm::scrypt;
        miner::CpuMiner miner(options);
        miner.start();
        test::wait_until([&] { return pair().height() >= start_height + blocks; }, 180s,
                         fmt::format("{} blocks from the miner", blocks));
        miner::MinerStats stats = miner.stats();
        miner.stop();
        role.stop(false);

        EXPECT_FALSE(miner.fatal_error()) << *miner.fatal_error();
        EXPECT_GE(stats.accepted, static_cast<uint64_t>(blocks));
        EXPECT_EQ(stats.version_mask, 0x1fffe000u);  // the pool's mask
        EXPECT_GE(stats.sessions, 1u);

        const std::string tag_hex = to_hex(
            std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(kTag), std::strlen(kTag)));
        int rolled = 0;
        const int64_t end_height = pair().height();
        for (int64_t h = start_height + 1; h <= end_height; ++h) {
            std::string hash = pair().rpc("getblockhash", json::array({h})).get<std::string>();
            json block = pair().rpc("getblock", json::array({hash, 2}));
            const json& coinbase = block["tx"][0];
            EXPECT_NE(coinbase["vin"][0]["coinbase"].get<std::string>().find(tag_hex),
                      std::string::npos)
                << "block " << h << " scriptSig lacks the pool tag";
            const json& spk = coinbase["vout"][0]["scriptPubKey"];
            std::string paid = spk.contains("address") ? spk["address"].get<std::string>()
                                                       : spk["addresses"][0].get<std::string>();
            EXPECT_EQ(paid, pool_address) << "block " << h;
            const auto version = block["version"].get<int64_t>();
            if ((static_cast<uint32_t>(version) & 0x1fffe000u) != 0) ++rolled;
        }
        if (expect_rolled_versions) {
            EXPECT_GT(rolled, 0) << "no accepted block has a rolled version";
            EXPECT_GT(stats.version_rolls, 0u);
        }
    }

  private:
    static RegtestPair* pair_;
};
RegtestPair* MinerRegtestTest::pair_ = nullptr;

TEST_F(MinerRegtestTest, ScryptMinerFindsBlocksThatTheNodeAccepts) {
    miner::MinerOptions options;
    options.threads = 1;
    mine_and_check(options, 3, false);
}

TEST_F(MinerRegtestTest, BlocksWithRolledVersionsAreAccepted) {
    miner::MinerOptions options;
    options.threads = 2;
    options.nonces_per_header = 8;  // roll the version after every 8 nonces
    mine_and_check(options, 3, true);
}

TEST_F(MinerRegtestTest, MinerReconnectsWhenThePoolComesBack) {
    app::Config config = pool_config(pair().new_address("bech32"));
    bus::InProcessBus bus;
    auto registry = std::make_unique<metrics::Registry>();
    auto role = std::make_unique<app::StratumRole>(config, *registry, bus, SystemClock::instance());
    role->start();
    test::wait_until([&] { return role->server().current_job() != nullptr; }, 60s,
                     "the pool's first job");
    const uint16_t port = role->server().port();

    miner::MinerOptions options;
    options.port = port;
    options.login = pair().new_address("bech32") + ".rig1";
    options.algorithm = chain::PowAlgorithm::scrypt;
    options.reconnect.first_delay = 200ms;
    options.reconnect.max_delay = 1s;
    miner::CpuMiner miner(options);
    miner.start();
    test::wait_until([&] { return miner.stats().accepted >= 1; }, 120s, "a first accepted share");

    role->stop(false);  // the pool goes away without a word
    role.reset();
    test::wait_until([&] { return !miner.stats().connected; }, 30s, "the miner to see the loss");

    config.stratum.port = port;
    registry = std::make_unique<metrics::Registry>();
    role = std::make_unique<app::StratumRole>(config, *registry, bus, SystemClock::instance());
    role->start();
    const uint64_t accepted_before = miner.stats().accepted;
    test::wait_until(
        [&] {
            auto s = miner.stats();
            return s.sessions >= 2 && s.accepted > accepted_before;
        },
        120s, "shares accepted after reconnecting");
    miner.stop();
    role->stop(false);
    EXPECT_FALSE(miner.fatal_error());
}

}  // namespace
}  // namespace viddhana
