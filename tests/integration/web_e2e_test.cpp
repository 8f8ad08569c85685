// The dashboard in a real browser against a real pool: `viddhana run` (Stratum, ledger, API and
// web roles) on a litecoind regtest pair with a miner that has found a few blocks; web/e2e/run.mjs
// drives headless Chromium through every page at 1280 and 375 px, and asks this test (through a
// file) to mine one more block while /blocks is open, which must appear there without a reload.
// Screenshots go to <build>/web-e2e/.
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "chain/coin.h"
#include "support/pool_miner.h"
#include "support/pool_process.h"
#include "support/ports.h"
#include "support/process.h"
#include "support/regtest_pair.h"
#include "support/temp_dir.h"
#include "support/wait.h"

namespace viddhana::test {
namespace {

using namespace std::chrono_literals;

std::string pool_yaml(RegtestPair& nodes, const std::string& pool_address, const TempDir& dir,
                      uint16_t stratum_port, uint16_t api_port, uint16_t web_port,
                      const std::string& web_root) {
    auto a = nodes.endpoint(RegtestNode::a);
    return fmt::format(R"(coin: litecoin
network: regtest
data_dir: {}
server:
  host: 127.0.0.1
  port: {}
  threads: 2
node:
  rpc_url: {}
  rpc_user: {}
  rpc_password: {}
  poll_interval: 500ms
pool:
  address: {}
mining:
  initial_difficulty: 0.0001
  min_difficulty: 0.0001
  max_difficulty: 0.0001
payout:
  scheme: pplns
ledger:
  unlocker_interval: 1s
metrics:
  enabled: false
analytics:
  enabled: false
api:
  host: 127.0.0.1
  port: {}
  cors_origin: http://127.0.0.1:{}
  cache_ttl_ms: 0
  rate_limit_per_minute: 100000
  auth_rate_limit: 1000
  access_log: false
web:
  host: 127.0.0.1
  port: {}
  root: {}
  api_url: http://127.0.0.1:{}
  ws_url: ws://127.0.0.1:{}
  access_log: false
log:
  level: info
)",
                       dir.path(), stratum_port, a.url, a.user, a.password, pool_address, api_port,
                       web_port, web_port, web_root, api_port, api_port);
}

TEST(WebE2e, EveryPageWorksInABrowserAndBlocksAppearLive) {
    const std::string source = VIDDHANA_SOURCE_DIR;
    const std::string dist = source + "/web/dist";
    ASSERT_TRUE(std::filesystem::exists(dist + "/index.html"))
        << "the dashboard is not built: run `npm run build` in web/ (scripts/build does)";
    ASSERT_TRUE(std::filesystem::exists(source + "/web/node_modules/playwright-core"))
        << "web/node_modules is missing: run `npm ci` in web/ (scripts/build does)";
    const char* chromium_env = std::getenv("CHROMIUM");
    const std::string chromium = chromium_env ? chromium_env : "/usr/bin/chromium";
    ASSERT_TRUE(std::filesystem::exists(chromium))
        << chromium << " is missing (apt install chromium)";

    RegtestPair nodes;
    TempDir dir("web-e2e");
    const std::string pool_address = nodes.new_address();
    const uint16_t stratum_port = free_tcp_port();
    const uint16_t api_port = free_tcp_port();
    const uint16_t web_port = free_tcp_port();
    PoolProcess pool(dir, "pool", "run",
                     pool_yaml(nodes, pool_address, dir, stratum_port, api_port, web_port, dist));
    pool.start();
    // A generous deadline: a sanitizer build on a busy machine starts slowly. A process that
    // exited fails the test at once, with its output.
    wait_until(
        [&] {
            if (!pool.is_running()) throw std::runtime_error("viddhana run exited:\n" + pool.log());
            return port_open(stratum_port) && port_open(api_port) && port_open(web_port);
        },
        180s, "the pool's Stratum, API and web ports");

    const auto& coin = *chain::find_coin("litecoin", chain::Network::regtest);
    const std::string miner_address = nodes.new_address();
    const std::string worker = "rig1";
    TestMiner miner = connect_miner(stratum_port, miner_address + "." + worker);
    const int blocks_before = 3;
    for (int i = 0; i < blocks_before; ++i)
        mine_block(coin, miner, nodes);

    const std::string signals = dir.subdir("signals");
    const std::string screenshots = std::string(VIDDHANA_BINARY_DIR) + "/web-e2e";
    ProcessOptions o;
    o.executable = "node";
    o.args = {source + "/web/e2e/run.mjs"};
    o.working_dir = source + "/web";
    o.env = {{"WEB_URL", fmt::format("http://127.0.0.1:{}", web_port)},
             {"MINER_ADDRESS", miner_address},
             {"MINER_WORKER", worker},
             {"STRATUM_URL", fmt::format("stratum+tcp://127.0.0.1:{}", stratum_port)},
             {"BLOCKS_MINED", std::to_string(blocks_before)},
             {"SIGNAL_DIR", signals},
             {"SCREENSHOT_DIR", screenshots},
             {"CHROMIUM", chromium}};
    o.stdout_path = dir.file("e2e.out");
    o.stderr_path = dir.file("e2e.err");
    Process browser(o);

    // The browser asks for a block once /blocks is open and live; it then waits for the row.
    bool asked = false;
    wait_until(
        [&] {
            asked = std::filesystem::exists(signals + "/ready-for-block");
            return asked || !browser.is_running();
        },
        10min, "the browser tests to open /blocks");
    if (asked) {
        std::string hash = mine_block(coin, miner, nodes);
        int64_t height = nodes.rpc("getblock", {hash})["height"].get<int64_t>();
        std::ofstream(signals + "/block-mined.tmp") << height << "\n";
        std::filesystem::rename(signals + "/block-mined.tmp", signals + "/block-mined");
    }
    auto status = browser.wait_for(5min);
    if (!status) browser.stop(1s);
    std::string output = read_file(dir.file("e2e.out")) + read_file(dir.file("e2e.err"));
    EXPECT_TRUE(asked) << "the browser tests ended before asking for a block\n" << output;
    ASSERT_TRUE(status) << "the browser tests did not finish in 5 minutes\n" << output;
    EXPECT_EQ(browser.exit_code(), 0) << output << "\npool log:\n" << pool.log();
    std::cout << output;
    EXPECT_TRUE(std::filesystem::exists(screenshots + "/miner-375.png"));
    EXPECT_TRUE(std::filesystem::exists(screenshots + "/home-1280.png"));
}

}  // namespace
}  // namespace viddhana::test
