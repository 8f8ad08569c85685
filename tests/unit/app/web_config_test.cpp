// The web role's config: web.* keys with their defaults and errors, WEB_PORT and the
// NEXT_PUBLIC_* variables of the original deployment, and the file's keys winning over them.
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

const std::string kBase = R"(
coin: litecoin
network: regtest
pool:
  address: rltc1qgpyxauw44freyw07rhyzpzm3nxcq2a0k5wm7h9
)";

TEST(WebConfig, Defaults) {
    Config c = load_config_text(kBase, env_of({}));
    EXPECT_TRUE(c.web.enabled);
    EXPECT_EQ(c.web.host, "0.0.0.0");
    EXPECT_EQ(c.web.port, 3004);
    EXPECT_EQ(c.web.root, "");
    EXPECT_EQ(c.web.api_url, "");
    EXPECT_EQ(c.web.ws_url, "");
    EXPECT_EQ(c.web.api_port, 4444);
    EXPECT_EQ(c.web.chain_id, 1);
}

TEST(WebConfig, VariablesOfTheOriginalDeployment) {
    Config c = load_config_text(kBase, env_of({{"WEB_PORT", "3100"},
                                               {"PORT", "4500"},
                                               {"NEXT_PUBLIC_API_URL", "http://localhost:4444"},
                                               {"NEXT_PUBLIC_WS_URL", "ws://localhost:4444"},
                                               {"NEXT_PUBLIC_CHAIN_ID", "1337"}}));
    EXPECT_EQ(c.web.port, 3100);
    EXPECT_EQ(c.api.port, 4500);
    EXPECT_EQ(c.web.api_port, 4500);  // PORT is the API's, and /config.json follows it
    EXPECT_EQ(c.web.api_url, "http://localhost:4444");
    EXPECT_EQ(c.web.ws_url, "ws://localhost:4444");
    EXPECT_EQ(c.web.chain_id, 1337);
}

TEST(WebConfig, FileKeysWinOverVariables) {
    Config c = load_config_text(kBase + R"(
web:
  port: 8080
  host: 127.0.0.1
  root: /srv/dashboard
  api_url: https://api.pool.example
  ws_url: wss://api.pool.example
  chain_id: 5
  enabled: false
)",
                                env_of({{"WEB_PORT", "3100"}, {"NEXT_PUBLIC_CHAIN_ID", "9"}}));
    EXPECT_EQ(c.web.port, 8080);
    EXPECT_EQ(c.web.host, "127.0.0.1");
    EXPECT_EQ(c.web.root, "/srv/dashboard");
    EXPECT_EQ(c.web.api_url, "https://api.pool.example");
    EXPECT_EQ(c.web.ws_url, "wss://api.pool.example");
    EXPECT_EQ(c.web.chain_id, 5);
    EXPECT_FALSE(c.web.enabled);
}

TEST(WebConfig, BadValuesNameTheirKeyOrVariable) {
    std::vector<std::tuple<std::string, std::map<std::string, std::string>, std::string>> cases{
        {"web:\n  port: 70000\n", {}, "web.port"},
        {"", {{"WEB_PORT", "web"}}, "WEB_PORT"},
        {"web:\n  api_url: localhost:4444\n", {}, "web.api_url"},
        {"", {{"NEXT_PUBLIC_API_URL", "ftp://x"}}, "NEXT_PUBLIC_API_URL"},
        {"web:\n  ws_url: http://x\n", {}, "web.ws_url"},
        {"", {{"NEXT_PUBLIC_WS_URL", "ws://"}}, "NEXT_PUBLIC_WS_URL"},
        {"", {{"NEXT_PUBLIC_CHAIN_ID", "0"}}, "NEXT_PUBLIC_CHAIN_ID"},
        {"web:\n  chain_id: -1\n", {}, "web.chain_id"},
        {"web:\n  rooot: /x\n", {}, "web.rooot"},
    };
    for (const auto& [yaml, env, key] : cases) {
        try {
            load_config_text(kBase + yaml, env_of(env));
            ADD_FAILURE() << "accepted: " << yaml << " " << key;
        } catch (const ConfigError& e) {
            EXPECT_NE(std::string(e.what()).find(key), std::string::npos) << e.what();
        }
    }
}

}  // namespace
}  // namespace viddhana::app
