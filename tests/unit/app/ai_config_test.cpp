// The analytics service's config: ai.* keys with their defaults and errors, the
// PROMETHEUS_* environment variables, and what the service is given.
#include <map>

#include <gtest/gtest.h>

#include "app/analytics_role.h"
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
  fee_percent: 2
)";

TEST(AiConfig, Defaults) {
    Config c = load_config_text(kBase, env_of({}));
    EXPECT_TRUE(c.ai.enabled);
    EXPECT_EQ(c.ai.host, "127.0.0.1");
    EXPECT_EQ(c.ai.port, 8000);
    EXPECT_EQ(c.ai.model, "");
    EXPECT_EQ(c.ai.environment, "production");
    EXPECT_FALSE(c.postgres.enabled);
    auto a = analytics_service_config(c);
    EXPECT_EQ(a.port, 8000);
    EXPECT_EQ(a.coin, c.coin_params);
    EXPECT_DOUBLE_EQ(a.fee_percent, 2.0);
    EXPECT_EQ(a.scheme, ledger::payout::SchemeKind::pplns);
}

TEST(AiConfig, ReadsItsKeys) {
    Config c = load_config_text(kBase + R"(
ai:
  enabled: false
  host: 0.0.0.0
  port: 8100
  model: /var/lib/viddhana/ltc-model.json
  environment: staging
  refresh_interval: 10s
  sentinel_interval: 2m
  cors_origin: https://pool.example
  rate_limit_per_minute: 30
payout:
  scheme: pps
)",
                                env_of({}));
    EXPECT_FALSE(c.ai.enabled);
    EXPECT_EQ(c.ai.host, "0.0.0.0");
    EXPECT_EQ(c.ai.port, 8100);
    EXPECT_EQ(c.ai.model, "/var/lib/viddhana/ltc-model.json");
    EXPECT_EQ(c.ai.environment, "staging");
    EXPECT_DOUBLE_EQ(c.ai.refresh_seconds, 10);
    EXPECT_DOUBLE_EQ(c.ai.sentinel_seconds, 120);
    EXPECT_EQ(analytics_service_config(c).scheme, ledger::payout::SchemeKind::pps);
    EXPECT_EQ(analytics_service_config(c).cors_origin, "https://pool.example");
    EXPECT_EQ(analytics_service_config(c).rate_limit_per_minute, 30);
}

TEST(AiConfig, BadValuesNameTheKey) {
    const std::pair<std::string, std::string> cases[] = {
        {"ai:\n  port: 70000\n", "ai.port"},
        {"ai:\n  refresh_interval: 0s\n", "ai.refresh_interval"},
        {"ai:\n  enabled: maybe\n", "ai.enabled"},
        {"ai:\n  rate_limit_per_minute: 0\n", "ai.rate_limit_per_minute"},
        {"ai:\n  modle: x.json\n", "ai.modle"},
    };
    for (const auto& [bad, key] : cases) {
        try {
            load_config_text(kBase + bad, env_of({}));
            ADD_FAILURE() << "accepted: " << bad;
        } catch (const ConfigError& e) {
            EXPECT_NE(std::string(e.what()).find(key), std::string::npos) << e.what();
        }
    }
}

TEST(AiConfig, PrometheusVariablesBuildThePostgresConnection) {
    Config c = load_config_text(kBase, env_of({{"PROMETHEUS_ENVIRONMENT", "development"},
                                               {"PROMETHEUS_DB_HOST", "db.internal"},
                                               {"PROMETHEUS_DB_PORT", "5433"},
                                               {"PROMETHEUS_DB_NAME", "viddhana_pool"},
                                               {"PROMETHEUS_DB_USER", "viddhana"},
                                               {"PROMETHEUS_DB_PASSWORD", "s3cret"}}));
    EXPECT_EQ(c.ai.environment, "development");
    EXPECT_TRUE(c.postgres.enabled);
    EXPECT_EQ(c.postgres.host, "db.internal");
    EXPECT_EQ(c.postgres.port, 5433);
    EXPECT_EQ(c.postgres.database, "viddhana_pool");
    EXPECT_EQ(c.postgres.user, "viddhana");
    EXPECT_EQ(c.postgres.password, "s3cret");

    // DATABASE_URL (or postgres.* in the file) wins.
    Config u = load_config_text(kBase, env_of({{"DATABASE_URL", "postgresql://a@h1/d"},
                                               {"PROMETHEUS_DB_HOST", "db.internal"}}));
    EXPECT_EQ(u.postgres.url, "postgresql://a@h1/d");
    EXPECT_EQ(u.postgres.host, "127.0.0.1");

    EXPECT_THROW(load_config_text(
                     kBase, env_of({{"PROMETHEUS_DB_HOST", "h"}, {"PROMETHEUS_DB_PORT", "abc"}})),
                 ConfigError);
}

}  // namespace
}  // namespace viddhana::app
