// The API's config: api.* keys with their defaults, the deployment's environment variables
// (PORT, HOST, CORS_ORIGIN, JWT_*), errors naming the key or variable, and the pool facts the
// API shows.
#include <cstdlib>
#include <filesystem>
#include <map>

#include <gtest/gtest.h>

#include "app/api_role.h"
#include "app/config.h"
#include "chain/address.h"
#include "metrics/registry.h"

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
  fee_percent: 1
server:
  host: 0.0.0.0
  port: 3333
)";

std::string error_of(const std::string& yaml, std::map<std::string, std::string> env = {}) {
    try {
        (void)load_config_text(yaml, env_of(std::move(env)));
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

TEST(ApiConfig, Defaults) {
    Config c = load_config_text(kBase, env_of({}));
    EXPECT_TRUE(c.api.enabled);
    EXPECT_EQ(c.api.host, "0.0.0.0");
    EXPECT_EQ(c.api.port, 4444);
    EXPECT_EQ(c.api.cors_origin, "http://localhost:3004");
    EXPECT_EQ(c.api.rate_limit_per_minute, 100);
    EXPECT_EQ(c.api.auth_rate_limit, 10);
    EXPECT_EQ(c.api.jwt_access_expiry_ms, 15 * 60'000);
    EXPECT_EQ(c.api.jwt_refresh_expiry_ms, 7 * 86'400'000LL);
    EXPECT_EQ(c.api.stratum_url, "stratum+tcp://localhost:3333");
    EXPECT_EQ(c.api.analytics_url, "");
}

TEST(ApiConfig, AnalyticsUrlIsTheConfiguredOneOrTheServiceNextDoor) {
    Config c = load_config_text(kBase + "analytics:\n  host: 0.0.0.0\n  port: 8100\n", env_of({}));
    EXPECT_EQ(api_analytics_url(c, true), "http://127.0.0.1:8100");
    EXPECT_EQ(api_analytics_url(c, false), "");
    Config given =
        load_config_text(kBase + "analytics:\n  url: http://10.0.0.5:8000\n", env_of({}));
    EXPECT_EQ(api_analytics_url(given, true), "http://10.0.0.5:8000");
    EXPECT_EQ(api_analytics_url(given, false), "http://10.0.0.5:8000");
}

TEST(ApiConfig, DeploymentEnvironmentVariables) {
    Config c =
        load_config_text(kBase, env_of({{"PORT", "5555"},
                                        {"HOST", "127.0.0.1"},
                                        {"CORS_ORIGIN", "https://a.example,https://b.example"},
                                        {"JWT_SECRET", "s3cret"},
                                        {"JWT_ACCESS_EXPIRY", "30m"},
                                        {"JWT_REFRESH_EXPIRY", "14d"}}));
    EXPECT_EQ(c.api.port, 5555);
    EXPECT_EQ(c.api.host, "127.0.0.1");
    EXPECT_EQ(c.api.cors_origin, "https://a.example,https://b.example");
    EXPECT_EQ(c.api.jwt_secret, "s3cret");
    EXPECT_EQ(c.api.jwt_access_expiry_ms, 30 * 60'000);
    EXPECT_EQ(c.api.jwt_refresh_expiry_ms, 14 * 86'400'000LL);
    // The file wins over the deployment's variables.
    Config f = load_config_text(kBase + "api:\n  port: 6000\n", env_of({{"PORT", "5555"}}));
    EXPECT_EQ(f.api.port, 6000);
}

TEST(ApiConfig, BadValuesNameTheKeyOrVariable) {
    EXPECT_NE(error_of(kBase, {{"PORT", "http"}}).find("PORT"), std::string::npos);
    EXPECT_NE(error_of(kBase + "api:\n  port: 70000\n").find("api.port"), std::string::npos);
    EXPECT_NE(error_of(kBase, {{"JWT_ACCESS_EXPIRY", "soon"}}).find("JWT_ACCESS_EXPIRY"),
              std::string::npos);
    EXPECT_NE(error_of(kBase + "api:\n  jwt_refresh_expiry: 0s\n").find("api.jwt_refresh_expiry"),
              std::string::npos);
    EXPECT_NE(error_of(kBase + "analytics:\n  url: ftp://x\n").find("analytics.url"),
              std::string::npos);
    EXPECT_NE(error_of(kBase + "api:\n  colour: blue\n").find("api.colour"), std::string::npos);
}

TEST(ApiConfig, PoolInfoFromTheConfig) {
    Config c = load_config_text(kBase + "api:\n  stratum_url: stratum+tcp://pool.example:3333\n",
                                env_of({}));
    auto info = api_pool_info(c);
    EXPECT_EQ(info.stratum_url, "stratum+tcp://pool.example:3333");
    EXPECT_EQ(info.stratum_port, 3333);
    EXPECT_EQ(info.network, "regtest");
    EXPECT_DOUBLE_EQ(info.fee_percent, 1.0);
    EXPECT_EQ(info.payout_scheme, "pplns");
    EXPECT_EQ(info.default_payout_threshold, c.ledger.default_threshold);
    // Scrypt: difficulty 1 is 2^32 / 65536 hashes.
    EXPECT_DOUBLE_EQ(info.hashes_per_difficulty(), 65536.0);
}

TEST(ApiConfig, SiteOfSignInMessagesDefaultsToTheWebUi) {
    Config c = load_config_text(kBase, env_of({{"CORS_ORIGIN", "https://pool.example, http://x"}}));
    EXPECT_EQ(c.api.site_uri, "https://pool.example");
    EXPECT_EQ(c.api.chain_id, 1);
    EXPECT_NE(error_of(kBase + "api:\n  site_uri: pool.example\n").find("api.site_uri"),
              std::string::npos);
}

// Outside regtest the API signs sessions, so it refuses to start without a real secret.
TEST(ApiConfig, JwtSecretRequiredOutsideRegtest) {
    char dir_template[] = "/tmp/viddhana-api-config-XXXXXX";
    std::string dir = mkdtemp(dir_template);
    std::vector<uint8_t> payload(21, 0);
    payload[0] = 0x30;  // Litecoin mainnet P2PKH
    std::string mainnet = std::string("coin: litecoin\nnetwork: mainnet\ndata_dir: ") + dir +
                          "\npool:\n  address: " + chain::base58check_encode(payload) + "\n";
    metrics::Registry registry;
    auto problem_with = [&](const std::map<std::string, std::string>& env) {
        Config c = load_config_text(mainnet, env_of(env));
        ApiRole role(c, registry, nullptr, nullptr, nullptr, SystemClock::instance());
        return role.config_problem();
    };
    auto missing = problem_with({});
    ASSERT_TRUE(missing);
    EXPECT_NE(missing->find("JWT_SECRET"), std::string::npos);
    auto short_secret = problem_with({{"JWT_SECRET", "too-short"}});
    ASSERT_TRUE(short_secret);
    EXPECT_NE(short_secret->find("32"), std::string::npos);
    EXPECT_FALSE(problem_with({{"JWT_SECRET", std::string(32, 'k')}}));
    // Regtest may go without (a random key per process).
    Config regtest = load_config_text(kBase + "data_dir: " + dir + "\n", env_of({}));
    ApiRole role(regtest, registry, nullptr, nullptr, nullptr, SystemClock::instance());
    EXPECT_FALSE(role.config_problem());
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace viddhana::app
