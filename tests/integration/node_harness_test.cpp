// The test harness itself: processes, temporary directories, ports, and the litecoind facts that
// RegtestPair::activate_mweb relies on.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>

#include "node/rpc_client.h"
#include "support/ports.h"
#include "support/process.h"
#include "support/regtest_pair.h"
#include "support/temp_dir.h"

namespace viddhana {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

TEST(ProcessTest, RunsWithArgsEnvAndWorkingDirAndCapturesOutput) {
    test::TempDir dir("process");
    test::ProcessOptions o;
    o.executable = "sh";
    o.args = {"-c", "echo out; echo err >&2; echo \"$VIDDHANA_PROBE\"; pwd; exit 3"};
    o.env = {{"VIDDHANA_PROBE", "probe-value"}};
    o.working_dir = dir.path();
    o.stdout_path = dir.file("stdout");
    o.stderr_path = dir.file("stderr");
    test::Process p(o);
    ASSERT_TRUE(p.wait_for(30s));
    EXPECT_EQ(p.exit_code(), 3);
    EXPECT_FALSE(p.is_running());
    EXPECT_EQ(p.read_stdout(), "out\nprobe-value\n" + dir.path() + "\n");
    EXPECT_EQ(p.read_stderr(), "err\n");
}

TEST(ProcessTest, WaitHasADeadlineAndSignalsStopTheProcess) {
    test::ProcessOptions o;
    o.executable = "sleep";
    o.args = {"600"};
    test::Process p(o);
    EXPECT_FALSE(p.wait_for(100ms));
    EXPECT_TRUE(p.is_running());
    p.signal(SIGKILL);
    ASSERT_TRUE(p.wait_for(30s));
    EXPECT_EQ(p.exit_code(), 128 + SIGKILL);

    test::Process q(o);
    q.stop(30s);  // SIGTERM
    EXPECT_EQ(q.exit_code(), 128 + SIGTERM);
}

TEST(ProcessTest, UnknownExecutableThrows) {
    test::ProcessOptions o;
    o.executable = "/nonexistent/viddhana-no-such-binary";
    EXPECT_THROW(test::Process p(o), std::runtime_error);
}

TEST(TempDirTest, IsRemovedUnlessKept) {
    std::string path;
    {
        test::TempDir dir("tmp");
        path = dir.path();
        std::ofstream(dir.file("f")) << "x";
        dir.subdir("a/b");
        EXPECT_TRUE(std::filesystem::is_directory(path + "/a/b"));
    }
    EXPECT_FALSE(std::filesystem::exists(path));

    ::setenv("VIDDHANA_KEEP_TEST_DIRS", "1", 1);
    {
        test::TempDir dir("kept");
        path = dir.path();
    }
    ::unsetenv("VIDDHANA_KEEP_TEST_DIRS");
    EXPECT_TRUE(std::filesystem::exists(path));
    std::filesystem::remove_all(path);
}

TEST(PortsTest, FreePortCanBeBound) {
    uint16_t port = test::free_tcp_port();
    ASSERT_NE(port, 0);
    asio::io_context ioc;
    tcp::acceptor acceptor(ioc);
    tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port);
    acceptor.open(ep.protocol());
    boost::system::error_code ec;
    acceptor.bind(ep, ec);
    EXPECT_FALSE(ec) << ec.message();
}

TEST(PortsTest, SilentListenerAcceptsConnectionsAtTheTcpLevel) {
    test::SilentTcpListener silent;
    asio::io_context ioc;
    tcp::socket socket(ioc);
    boost::system::error_code ec;
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), silent.port()), ec);
    EXPECT_FALSE(ec) << ec.message();
}

// The facts RegtestPair::activate_mweb is built on.
TEST(RegtestMwebTest, PegInBeforeActivationIsRefusedAndBlock432NeedsOne) {
    test::RegtestPair pair;
    pair.mine_until(300);
    const std::string early =
        pair.wallet_rpc("sendtoaddress", json::array({pair.new_address("mweb"), 1}))
            .get<std::string>();
    EXPECT_TRUE(pair.rpc("getrawmempool").empty());
    const std::string raw =
        pair.wallet_rpc("gettransaction", json::array({early})).at("hex").get<std::string>();
    json verdict = pair.rpc("testmempoolaccept", json::array({json::array({raw})})).at(0);
    EXPECT_FALSE(verdict.at("allowed").get<bool>());
    EXPECT_EQ(verdict.at("reject-reason"), "mweb-before-activation");

    pair.mine_until(431);
    try {
        pair.rpc("getblocktemplate",
                 json::array({json{{"rules", json::array({"mweb", "segwit"})}}}));
        FAIL() << "the node built block 432 without a peg-in";
    } catch (const node::RpcError& e) {
        EXPECT_NE(std::string(e.what()).find("bad-txns-vin-empty"), std::string::npos) << e.what();
    }
    json info = pair.rpc("getblockchaininfo");
    EXPECT_EQ(info.at("softforks").at("mweb").at("bip9").at("since"), 432);

    pair.activate_mweb();
    EXPECT_EQ(pair.height(), 432);
    EXPECT_EQ(pair.height(test::RegtestNode::b), 432);
    // The activation block holds the peg-in and ends with the HogEx.
    json block = pair.rpc("getblock", json::array({pair.rpc("getbestblockhash"), 2}));
    EXPECT_GE(block.at("tx").size(), 3u);
}

}  // namespace
}  // namespace viddhana
