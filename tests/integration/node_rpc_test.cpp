// The node domain against real litecoind regtest nodes: RPC authentication and errors, timeouts,
// failover, and TemplateSource's polling, long polling and recovery.
#include <gtest/gtest.h>

#include <thread>

#include <fmt/format.h>

#include "node/block_template.h"
#include "node/node_set.h"
#include "node/rpc_client.h"
#include "node/template_source.h"
#include "support/event_queue.h"
#include "support/ports.h"
#include "support/regtest_pair.h"
#include "support/run_awaitable.h"
#include "support/wait.h"

namespace viddhana {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using node::RpcClient;
using node::RpcEndpoint;
using node::RpcError;
using node::RpcTransportError;
using test::RegtestNode;
using test::RegtestPair;

const std::vector<std::string> kLitecoinRules = {"mweb", "segwit"};

// One pair (password auth) for the whole file; tests that stop node A start it again.
class NodeRpcTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { pair_ = new RegtestPair(); }
    static void TearDownTestSuite() {
        delete pair_;
        pair_ = nullptr;
    }
    void SetUp() override {
        if (!pair_->a_running()) pair_->restart_a();
    }
    static RegtestPair& pair() { return *pair_; }

  private:
    static RegtestPair* pair_;
};
RegtestPair* NodeRpcTest::pair_ = nullptr;

// An io_context on a thread of its own, for the components that run on an executor.
class IoThread {
  public:
    IoThread() : work_(asio::make_work_guard(ioc_)), thread_([this] { ioc_.run(); }) {}
    ~IoThread() {
        work_.reset();
        ioc_.stop();
        thread_.join();
    }
    asio::any_io_executor executor() { return ioc_.get_executor(); }

  private:
    asio::io_context ioc_;
    asio::executor_work_guard<asio::io_context::executor_type> work_;
    std::thread thread_;
};

struct TemplateEvent {
    std::shared_ptr<const node::BlockTemplate> tmpl;
    bool new_block;
};

std::string display_hex(const chain::Uint256& v) {
    std::string out;
    for (int i = 31; i >= 0; --i)
        out += fmt::format("{:02x}", v.data()[i]);
    return out;
}

TEST_F(NodeRpcTest, BasicAuthCallReturnsTheResult) {
    json info = node::rpc_call_sync(pair().endpoint(RegtestNode::a), "getblockchaininfo");
    EXPECT_EQ(info.at("chain"), "regtest");
    EXPECT_EQ(info.at("blocks").get<int64_t>(), pair().height());
}

TEST_F(NodeRpcTest, WalletPathIsPartOfTheUrl) {
    json info = node::rpc_call_sync(pair().wallet_endpoint(), "getwalletinfo");
    EXPECT_EQ(info.at("walletname"), "pool");
}

TEST_F(NodeRpcTest, WrongPasswordGivesAClearTransportError) {
    RpcEndpoint e = pair().endpoint(RegtestNode::a);
    e.password = "not-the-password";
    try {
        node::rpc_call_sync(e, "getblockcount");
        FAIL() << "call with a wrong password succeeded";
    } catch (const RpcTransportError& err) {
        std::string msg = err.what();
        EXPECT_NE(msg.find("401"), std::string::npos) << msg;
        EXPECT_NE(msg.find(e.url), std::string::npos) << msg;
        EXPECT_NE(msg.find("credentials"), std::string::npos) << msg;
    }
}

TEST_F(NodeRpcTest, UnknownMethodGivesTheNodesErrorCode) {
    try {
        node::rpc_call_sync(pair().endpoint(RegtestNode::a), "nosuchmethod");
        FAIL() << "unknown method succeeded";
    } catch (const RpcError& err) {
        EXPECT_EQ(err.code(), -32601);  // RPC_METHOD_NOT_FOUND, sent with HTTP 404
        EXPECT_NE(std::string(err.what()).find("not found"), std::string::npos) << err.what();
    }
}

TEST_F(NodeRpcTest, NodeErrorWithHttp500BecomesRpcError) {
    try {
        node::rpc_call_sync(pair().endpoint(RegtestNode::a), "getblockhash", json::array({999999}));
        FAIL() << "getblockhash beyond the tip succeeded";
    } catch (const RpcError& err) {
        EXPECT_EQ(err.code(), -8);  // RPC_INVALID_PARAMETER: "Block height out of range"
    }
}

TEST_F(NodeRpcTest, CallTimesOutOnAServerThatNeverAnswers) {
    test::SilentTcpListener silent;
    RpcEndpoint e{fmt::format("http://127.0.0.1:{}", silent.port()), "u", "p", ""};
    try {
        node::rpc_call_sync(e, "getblockcount", json::array(), 300ms);
        FAIL() << "call to a silent server returned";
    } catch (const RpcTransportError& err) {
        EXPECT_TRUE(err.timed_out()) << err.what();
        EXPECT_NE(std::string(err.what()).find(e.url), std::string::npos) << err.what();
    }
}

TEST_F(NodeRpcTest, RefusedConnectionNamesTheUrl) {
    RpcEndpoint e{fmt::format("http://127.0.0.1:{}", test::free_tcp_port()), "u", "p", ""};
    try {
        node::rpc_call_sync(e, "getblockcount", json::array(), 5s);
        FAIL() << "call to a closed port returned";
    } catch (const RpcTransportError& err) {
        EXPECT_FALSE(err.timed_out());
        EXPECT_NE(std::string(err.what()).find(e.url), std::string::npos) << err.what();
        EXPECT_NE(std::string(err.what()).find("connect"), std::string::npos) << err.what();
    }
}

TEST_F(NodeRpcTest, ClientReusesItsConnectionAndReconnectsAfterNodeRestart) {
    asio::io_context ioc;
    RpcClient client(ioc.get_executor(), pair().endpoint(RegtestNode::a));
    int64_t h1 = test::run_awaitable(ioc, client.call("getblockcount", json::array()));
    int64_t h2 = test::run_awaitable(ioc, client.call("getblockcount", json::array()));
    EXPECT_EQ(h1, h2);

    pair().stop_a();
    EXPECT_THROW(test::run_awaitable(ioc, client.call("getblockcount", json::array(), 5s)),
                 RpcTransportError);
    pair().restart_a();
    int64_t h3 = test::run_awaitable(ioc, client.call("getblockcount", json::array()));
    EXPECT_EQ(h3, h1);
}

TEST_F(NodeRpcTest, ConcurrentCallsOnOneClientAllAnswer) {
    asio::io_context ioc;
    RpcClient client(ioc.get_executor(), pair().endpoint(RegtestNode::a));
    const std::string tip = pair().rpc("getbestblockhash").get<std::string>();
    std::vector<std::string> answers;
    for (int i = 0; i < 8; ++i) {
        asio::co_spawn(ioc, client.call("getbestblockhash", json::array()),
                       [&](std::exception_ptr e, json r) {
                           answers.push_back(e ? "error" : r.get<std::string>());
                       });
    }
    ioc.run();
    ASSERT_EQ(answers.size(), 8u);
    for (const auto& a : answers)
        EXPECT_EQ(a, tip);
}

TEST_F(NodeRpcTest, NodeSetFailsOverToTheNextNode) {
    asio::io_context ioc;
    node::NodeSet nodes(ioc.get_executor(),
                        {pair().endpoint(RegtestNode::a), pair().endpoint(RegtestNode::b)});
    const int64_t height = pair().height();
    EXPECT_EQ(test::run_awaitable(ioc, nodes.call("getblockcount", json::array())).get<int64_t>(),
              height);
    EXPECT_EQ(nodes.current_index(), 0u);
    EXPECT_TRUE(nodes.reachable());

    pair().stop_a();
    EXPECT_EQ(
        test::run_awaitable(ioc, nodes.call("getblockcount", json::array(), 5s)).get<int64_t>(),
        height);
    EXPECT_EQ(nodes.current_index(), 1u);
    EXPECT_EQ(nodes.current().url, pair().endpoint(RegtestNode::b).url);
    EXPECT_TRUE(nodes.reachable());

    // An RPC error is an answer: no failover.
    EXPECT_THROW(test::run_awaitable(ioc, nodes.call("nosuchmethod", json::array())), RpcError);
    EXPECT_EQ(nodes.current_index(), 1u);
    pair().restart_a();
}

TEST_F(NodeRpcTest, NodeSetReportsUnreachableWhenEveryNodeFails) {
    asio::io_context ioc;
    RpcEndpoint dead1{fmt::format("http://127.0.0.1:{}", test::free_tcp_port()), "u", "p", ""};
    RpcEndpoint dead2{fmt::format("http://127.0.0.1:{}", test::free_tcp_port()), "u", "p", ""};
    node::NodeSet nodes(ioc.get_executor(), {dead1, dead2});
    try {
        test::run_awaitable(ioc, nodes.call("getblockcount", json::array(), 5s));
        FAIL() << "call with no node up succeeded";
    } catch (const RpcTransportError& e) {
        EXPECT_NE(std::string(e.what()).find(dead1.url), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(dead2.url), std::string::npos) << e.what();
    }
    EXPECT_FALSE(nodes.reachable());
}

TEST_F(NodeRpcTest, TemplateSourceReportsNewBlocksAndMempoolChanges) {
    IoThread io;
    test::EventQueue<TemplateEvent> events;
    node::TemplateSourceOptions options;
    options.rules = kLitecoinRules;
    options.poll_interval = 500ms;
    node::TemplateSource source(io.executor(), {pair().endpoint(RegtestNode::a)}, options,
                                [&](auto t, bool new_block) {
                                    events.push({t, new_block});
                                });
    source.start();

    auto first = events.wait_any(60s);
    ASSERT_TRUE(first) << "no template arrived";
    EXPECT_TRUE(first->new_block);
    EXPECT_EQ(first->tmpl->height, pair().height() + 1);
    EXPECT_FALSE(first->tmpl->longpoll_id.empty());

    // A block mined elsewhere: clean jobs.
    const std::string tip = pair().generate(1).at(0);
    auto next = events.wait_for([&](const TemplateEvent& e) { return e.new_block; }, 60s);
    ASSERT_TRUE(next) << "no new-block template after generatetoaddress";
    EXPECT_EQ(display_hex(next->tmpl->previous_block), tip);

    // A transaction entering the mempool: same parent, new transactions.
    const std::string txid =
        pair()
            .wallet_rpc("sendtoaddress", json::array({pair().new_address(), 1}))
            .get<std::string>();
    auto updated = events.wait_for(
        [&](const TemplateEvent& e) {
            for (const auto& tx : e.tmpl->transactions) {
                if (display_hex(tx.txid) == txid) return true;
            }
            return false;
        },
        60s);
    ASSERT_TRUE(updated) << "no template with the new transaction";
    EXPECT_FALSE(updated->new_block);
    EXPECT_EQ(display_hex(updated->tmpl->previous_block), tip);
    EXPECT_GT(updated->tmpl->total_fees(), 0);

    auto status = source.status();
    EXPECT_TRUE(status.node_reachable);
    EXPECT_TRUE(status.last_error.empty());
    EXPECT_EQ(status.height, pair().height() + 1);
    source.stop();
    pair().generate(1);  // leave an empty mempool to the next test
}

TEST_F(NodeRpcTest, TemplateSourceUsesLongPollForNewBlocks) {
    IoThread io;
    test::EventQueue<TemplateEvent> events;
    node::TemplateSourceOptions options;
    options.rules = kLitecoinRules;
    options.poll_interval = 60s;  // polling alone would take a minute
    node::TemplateSource source(io.executor(), {pair().endpoint(RegtestNode::a)}, options,
                                [&](auto t, bool new_block) {
                                    events.push({t, new_block});
                                });
    source.start();
    ASSERT_TRUE(events.wait_any(60s)) << "no first template";
    ASSERT_EQ(source.status().templates_received, 1u);

    const std::string tip = pair().generate(1).at(0);
    auto next = events.wait_for([&](const TemplateEvent& e) { return e.new_block; }, 30s);
    ASSERT_TRUE(next) << "the long poll did not deliver the new block";
    EXPECT_EQ(display_hex(next->tmpl->previous_block), tip);
    // Only the long poll could have fetched it: the next regular poll is a minute away.
    EXPECT_EQ(source.status().templates_received, 2u);
}

TEST_F(NodeRpcTest, TemplateSourceReportsNodeDownAndRecovers) {
    IoThread io;
    test::EventQueue<TemplateEvent> events;
    node::TemplateSourceOptions options;
    options.rules = kLitecoinRules;
    options.poll_interval = 500ms;
    options.rpc_timeout = 5s;
    node::TemplateSource source(io.executor(), {pair().endpoint(RegtestNode::a)}, options,
                                [&](auto t, bool new_block) {
                                    events.push({t, new_block});
                                });
    source.start();
    ASSERT_TRUE(events.wait_any(60s)) << "no first template";

    pair().kill_a();
    test::wait_until([&] { return !source.status().node_reachable; }, 30s,
                     "the source to notice that node A is down");
    auto down = source.status();
    EXPECT_FALSE(down.last_error.empty());
    EXPECT_NE(down.last_error.find(pair().endpoint(RegtestNode::a).url), std::string::npos)
        << down.last_error;
    const uint64_t received_before = down.templates_received;

    pair().restart_a();
    test::wait_until(
        [&] {
            auto s = source.status();
            return s.node_reachable && s.last_error.empty() &&
                   s.templates_received > received_before;
        },
        60s, "the source to receive templates again after node A restarted");
    EXPECT_EQ(source.status().height, pair().height() + 1);

    // And it still follows the chain.
    const std::string tip = pair().generate(1).at(0);
    auto next = events.wait_for(
        [&](const TemplateEvent& e) { return display_hex(e.tmpl->previous_block) == tip; }, 60s);
    ASSERT_TRUE(next) << "no template on the new tip after recovery";
    EXPECT_TRUE(next->new_block);
}

TEST_F(NodeRpcTest, TemplateSourceFailsOverToNodeB) {
    IoThread io;
    test::EventQueue<TemplateEvent> events;
    node::TemplateSourceOptions options;
    options.rules = kLitecoinRules;
    options.poll_interval = 500ms;
    node::TemplateSource source(io.executor(),
                                {pair().endpoint(RegtestNode::a), pair().endpoint(RegtestNode::b)},
                                options, [&](auto t, bool new_block) {
                                    events.push({t, new_block});
                                });
    source.start();
    ASSERT_TRUE(events.wait_any(60s)) << "no first template";
    EXPECT_EQ(source.status().endpoint, pair().endpoint(RegtestNode::a).url);

    pair().stop_a();
    // Node B has lost its only peer: it still answers, with an error, since litecoind serves
    // templates only when connected. The source reports B and the node's answer.
    test::wait_until(
        [&] { return source.status().endpoint == pair().endpoint(RegtestNode::b).url; }, 30s,
        "the source to fail over to node B");
    auto s = source.status();
    EXPECT_TRUE(s.node_reachable);
    pair().restart_a();
}

// The cookie file variant: the client reads the cookie, and reads it again after the node
// rewrote it at restart (the first call then gets 401).
TEST(NodeRpcCookieTest, CookieAuthWorksAcrossNodeRestart) {
    test::RegtestOptions options;
    options.cookie_auth = true;
    RegtestPair pair(options);
    RpcEndpoint e = pair.endpoint(RegtestNode::a);
    ASSERT_TRUE(e.user.empty());
    ASSERT_FALSE(e.cookie_file.empty());

    asio::io_context ioc;
    RpcClient client(ioc.get_executor(), e);
    EXPECT_EQ(test::run_awaitable(ioc, client.call("getblockchaininfo", json::array())).at("chain"),
              "regtest");
    const std::string old_cookie = test::read_file(e.cookie_file);

    pair.restart_a();
    ASSERT_NE(test::read_file(e.cookie_file), old_cookie) << "litecoind kept its cookie";
    EXPECT_EQ(test::run_awaitable(ioc, client.call("getblockcount", json::array())).get<int64_t>(),
              pair.height());

    RpcEndpoint missing = e;
    missing.cookie_file = pair.dir().file("no-such-cookie");
    try {
        node::rpc_call_sync(missing, "getblockcount");
        FAIL() << "call without a cookie succeeded";
    } catch (const RpcTransportError& err) {
        EXPECT_NE(std::string(err.what()).find("cookie"), std::string::npos) << err.what();
    }
}

// MWEB on regtest: after activation every template carries the MWEB block and ends with the HogEx.
TEST(NodeRpcMwebTest, TemplatesAfterActivationCarryMwebAndHogExLast) {
    RegtestPair pair;
    pair.activate_mweb();
    EXPECT_EQ(pair.height(), 432);

    auto t = node::parse_block_template(pair.rpc(
        "getblocktemplate", json::array({json{{"rules", json::array({"mweb", "segwit"})}}})));
    ASSERT_TRUE(t) << t.error().message;
    EXPECT_EQ(t->height, 433);
    ASSERT_TRUE(t->mweb);
    EXPECT_FALSE(t->mweb->empty());
    ASSERT_FALSE(t->transactions.empty());
    EXPECT_TRUE(t->transactions.back().is_hogex);
    EXPECT_NE(std::find(t->rules.begin(), t->rules.end(), "mweb"), t->rules.end());

    // The template source hands out the same shape.
    IoThread io;
    test::EventQueue<TemplateEvent> events;
    node::TemplateSourceOptions options;
    options.rules = kLitecoinRules;
    node::TemplateSource source(io.executor(), {pair.endpoint(RegtestNode::a)}, options,
                                [&](auto tmpl, bool new_block) {
                                    events.push({tmpl, new_block});
                                });
    source.start();
    auto first = events.wait_any(60s);
    ASSERT_TRUE(first) << "no template";
    ASSERT_TRUE(first->tmpl->mweb);
    EXPECT_TRUE(first->tmpl->transactions.back().is_hogex);
}

}  // namespace
}  // namespace viddhana
