// Config loading: the user's keys, defaults, environment overrides, and errors that name the key.
#include <map>

#include <gtest/gtest.h>

#include "app/config.h"

namespace viddhana::app {
namespace {

ConfigReader::EnvLookup env_of(std::map<std::string, std::string> vars) {
    return [vars](const std::string& name) -> std::optional<std::string> {
        auto it = vars.find(name);
        if (it == vars.end()) return std::nullopt;
        return it->second;
    };
}

const char* kSeedConfig = R"(
coin: litecoin
network: regtest
server:
  host: "0.0.0.0"
  port: 3333
  max_connections: 10000
mining:
  initial_difficulty: 1.0
  min_difficulty: 0.001
  max_difficulty: 1000000.0
  target_share_time: 10s
redis:
  host: "172.17.0.1"
  port: 6379
postgres:
  host: "172.17.0.1"
  port: 5432
  database: "viddhana_pool"
  user: "viddhana"
  password: "viddhana_secret_2024"
node:
  rpc_url: http://127.0.0.1:19443
  rpc_user: pool
  rpc_password: secret
nodes:
  - rpc_url: http://127.0.0.1:19543
    rpc_cookie_file: /tmp/cookie
pool:
  address: rltc1qgpyxauw44freyw07rhyzpzm3nxcq2a0k5wm7h9
  fee_percent: 1
)";

std::string expect_error(const std::string& yaml, std::map<std::string, std::string> env = {}) {
    try {
        load_config_text(yaml, env_of(std::move(env)));
    } catch (const ConfigError& e) {
        return e.what();
    }
    ADD_FAILURE() << "no error for:\n" << yaml;
    return {};
}

TEST(Config, TheSeedsKeysLoad) {
    Config c = load_config_text(kSeedConfig, env_of({}));
    EXPECT_EQ(c.coin_params->coin, "litecoin");
    EXPECT_EQ(c.network, chain::Network::regtest);
    EXPECT_EQ(c.stratum.port, 3333);
    EXPECT_EQ(c.stratum.max_connections, 10000);
    EXPECT_EQ(c.stratum.vardiff.min_difficulty, 0.001);
    EXPECT_EQ(c.stratum.vardiff.max_difficulty, 1000000.0);
    EXPECT_EQ(c.stratum.vardiff.target_share_seconds, 10);
    EXPECT_TRUE(c.redis.enabled);
    EXPECT_EQ(c.redis.host, "172.17.0.1");
    EXPECT_TRUE(c.postgres.enabled);
    EXPECT_EQ(c.postgres.password, "viddhana_secret_2024");
    ASSERT_EQ(c.node.endpoints.size(), 2u);
    EXPECT_EQ(c.node.endpoints[0].user, "pool");
    EXPECT_EQ(c.node.endpoints[1].cookie_file, "/tmp/cookie");
    EXPECT_TRUE(c.node.endpoints[0].zmq_url.empty());
    EXPECT_EQ(c.stratum.coinbase.tag, "/Viddhana/");
    EXPECT_EQ(c.metrics.port, 9090);
}

TEST(Config, EnvironmentOverridesSecrets) {
    Config c = load_config_text(kSeedConfig, env_of({{"VIDDHANA_NODE_RPC_PASSWORD", "from-env"},
                                                     {"VIDDHANA_SERVER_PORT", "4000"},
                                                     {"DATABASE_URL", "postgresql://u:p@h:1/db"}}));
    EXPECT_EQ(c.node.endpoints[0].password, "from-env");
    EXPECT_EQ(c.stratum.port, 4000);
    EXPECT_EQ(c.postgres.url, "postgresql://u:p@h:1/db");
}

TEST(Config, UnknownKeysAreNamed) {
    std::string e = expect_error(std::string(kSeedConfig) + "\nserver_typo: 1\n");
    EXPECT_NE(e.find("unknown config key server_typo"), std::string::npos) << e;
    std::string yaml = kSeedConfig;
    yaml.replace(yaml.find("  port: 3333"), 12, "  prot: 3333");
    e = expect_error(yaml);
    EXPECT_NE(e.find("unknown config key server.prot (did you mean server.port?)"),
              std::string::npos)
        << e;
}

TEST(Config, BadValuesAreNamed) {
    auto with = [](const std::string& from, const std::string& to) {
        std::string yaml = kSeedConfig;
        yaml.replace(yaml.find(from), from.size(), to);
        return yaml;
    };
    EXPECT_NE(expect_error(with("port: 3333", "port: 99999")).find("server.port"),
              std::string::npos);
    EXPECT_NE(expect_error(with("target_share_time: 10s", "target_share_time: soon"))
                  .find("mining.target_share_time"),
              std::string::npos);
    EXPECT_NE(expect_error(with("min_difficulty: 0.001", "min_difficulty: 0"))
                  .find("mining.min_difficulty"),
              std::string::npos);
    EXPECT_NE(expect_error(with("initial_difficulty: 1.0", "initial_difficulty: 1e9"))
                  .find("mining.initial_difficulty"),
              std::string::npos);
    EXPECT_NE(expect_error(with("network: regtest", "network: moonnet")).find("network"),
              std::string::npos);
    EXPECT_NE(expect_error(with("coin: litecoin", "coin: dogecoin")).find("coin"),
              std::string::npos);
    // A mainnet address on regtest is refused with the decoder's reason.
    std::string e = expect_error(with("rltc1qgpyxauw44freyw07rhyzpzm3nxcq2a0k5wm7h9",
                                      "ltc1qgpyxauw44freyw07rhyzpzm3nxcq2a0kzsxv3n"));
    EXPECT_NE(e.find("pool.address"), std::string::npos) << e;
    EXPECT_NE(expect_error(with("rpc_url: http://127.0.0.1:19443", "rpc_url: ftp://x"))
                  .find("node.rpc_url"),
              std::string::npos);
    EXPECT_NE(expect_error(with("rpc_password: secret",
                                "rpc_password: secret\n  zmq_url: "
                                "http://127.0.0.1:28332"))
                  .find("node.zmq_url"),
              std::string::npos);
    EXPECT_NE(expect_error("coin: [1, 2]").find("coin"), std::string::npos);
    EXPECT_NE(expect_error("server: {port: [1]}\n").find("server.port"), std::string::npos);
    EXPECT_NE(expect_error("{{{").find("YAML"), std::string::npos);
}

TEST(Config, ZmqUrlPerNode) {
    std::string yaml = kSeedConfig;
    yaml.replace(yaml.find("rpc_password: secret"), 20,
                 "rpc_password: secret\n  zmq_url: tcp://127.0.0.1:28332");
    yaml.replace(yaml.find("rpc_cookie_file: /tmp/cookie"), 28,
                 "rpc_cookie_file: /tmp/cookie\n    zmq_url: tcp://127.0.0.1:28432");
    Config c = load_config_text(yaml, env_of({}));
    ASSERT_EQ(c.node.endpoints.size(), 2u);
    EXPECT_EQ(c.node.endpoints[0].zmq_url, "tcp://127.0.0.1:28332");
    EXPECT_EQ(c.node.endpoints[1].zmq_url, "tcp://127.0.0.1:28432");
}

TEST(Config, DurationsAndDefaults) {
    Config c = load_config_text(
        "coin: bitcoin\nnetwork: regtest\npool: {address: "
        "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080}\n"
        "server: {idle_timeout: 5m}\nmining: {retarget_time: 90s, job_refresh_interval: 1m}\n",
        env_of({}));
    EXPECT_EQ(c.coin_params->share_multiplier, 1);
    EXPECT_EQ(c.stratum.idle_timeout_seconds, 300);
    EXPECT_EQ(c.stratum.vardiff.retarget_seconds, 90);
    EXPECT_EQ(c.stratum.job_refresh_seconds, 60);
    ASSERT_EQ(c.node.endpoints.size(), 1u);
    EXPECT_EQ(c.node.endpoints[0].url, "http://127.0.0.1:18443");  // bitcoin regtest's RPC port
    EXPECT_FALSE(c.redis.enabled);
    EXPECT_FALSE(c.postgres.enabled);
}

TEST(Config, AbuseControlKeys) {
    const std::string base =
        "coin: bitcoin\nnetwork: regtest\npool: {address: "
        "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080}\n";
    Config c = load_config_text(
        base +
            "server: {ban_exempt: [10.0.0.0/8, \"2001:db8::/32\"], reconnect_backoff: 10s, "
            "ban_connections_per_minute: 100, ban_garbage_bytes_per_minute: 65536, "
            "ban_handshake_timeouts_per_minute: 50}\n",
        env_of({}));
    ASSERT_EQ(c.stratum.ban_exempt.size(), 2u);
    EXPECT_TRUE(c.stratum.ban_exempt[0].contains("10.20.30.40"));
    EXPECT_FALSE(c.stratum.ban_exempt[0].contains("11.0.0.1"));
    EXPECT_TRUE(c.stratum.ban_exempt[1].contains("2001:db8::1"));
    EXPECT_EQ(c.stratum.reconnect_backoff_seconds, 10);
    EXPECT_EQ(c.stratum.ban_connections_per_minute, 100);
    EXPECT_EQ(c.stratum.ban_garbage_bytes_per_minute, 65536);
    EXPECT_EQ(c.stratum.ban_handshake_timeouts_per_minute, 50);
    // From the environment, comma-separated.
    Config e = load_config_text(base, env_of({{"VIDDHANA_SERVER_BAN_EXEMPT", "192.168.0.0/16"}}));
    ASSERT_EQ(e.stratum.ban_exempt.size(), 1u);
    EXPECT_TRUE(e.stratum.ban_exempt[0].contains("192.168.7.7"));
    // A bad range names the key.
    EXPECT_NE(expect_error(base + "server: {ban_exempt: [10.0.0.1/8]}\n").find("server.ban_exempt"),
              std::string::npos);
}

}  // namespace
}  // namespace viddhana::app
