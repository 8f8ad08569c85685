// parse_rpc_url: the URL forms node endpoints are configured with, and the errors for the rest.
#include <gtest/gtest.h>

#include "node/rpc_client.h"

namespace viddhana::node {
namespace {

TEST(RpcUrl, HostPortAndDefaultTarget) {
    auto u = parse_rpc_url("http://127.0.0.1:19332");
    ASSERT_TRUE(u) << u.error().message;
    EXPECT_EQ(u->host, "127.0.0.1");
    EXPECT_EQ(u->port, "19332");
    EXPECT_EQ(u->target, "/");
}

TEST(RpcUrl, WalletPathIsTheTarget) {
    auto u = parse_rpc_url("http://node.example:9332/wallet/pool");
    ASSERT_TRUE(u) << u.error().message;
    EXPECT_EQ(u->host, "node.example");
    EXPECT_EQ(u->port, "9332");
    EXPECT_EQ(u->target, "/wallet/pool");
}

TEST(RpcUrl, Ipv6Literal) {
    auto u = parse_rpc_url("http://[::1]:8332/");
    ASSERT_TRUE(u) << u.error().message;
    EXPECT_EQ(u->host, "::1");
    EXPECT_EQ(u->port, "8332");
    EXPECT_EQ(u->target, "/");
}

TEST(RpcUrl, ErrorsNameTheUrlAndTheProblem) {
    struct Case {
        const char* url;
        const char* why;
    };
    const Case cases[] = {
        {"127.0.0.1:9332", "must start with http://"},
        {"https://127.0.0.1:9332", "https is not supported by coin nodes"},
        {"http://127.0.0.1", "missing :port"},
        {"http://:9332", "missing host"},
        {"http://host:", "port must be a number from 1 to 65535"},
        {"http://host:0", "port must be a number from 1 to 65535"},
        {"http://host:65536", "port must be a number from 1 to 65535"},
        {"http://host:93x2", "port must be a number from 1 to 65535"},
        {"http://user:pw@host:9332",
         "credentials belong in user/password or cookie_file, not in the URL"},
        {"http://[::1:9332", "unterminated IPv6 address"},
        {"http://[::1]/x", "missing :port"},
    };
    for (const auto& c : cases) {
        auto u = parse_rpc_url(c.url);
        ASSERT_FALSE(u) << c.url;
        EXPECT_EQ(u.error().message, std::string("RPC URL '") + c.url + "': " + c.why);
    }
}

TEST(RpcUrl, ClientRejectsABadUrlAtConstruction) {
    asio::io_context ioc;
    EXPECT_THROW(RpcClient(ioc.get_executor(), RpcEndpoint{"http://nope", "", "", ""}),
                 std::invalid_argument);
}

}  // namespace
}  // namespace viddhana::node
