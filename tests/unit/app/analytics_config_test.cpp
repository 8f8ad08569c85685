// The analytics service's config: analytics.* keys with their defaults and errors, the deprecated
// ai.* spelling of them, the PROMETHEUS_* environment variables, and what the service is given.
#include <algorithm>
#include <map>
#include <vector>

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

TEST(AnalyticsConfig, Defaults) {
    Config c = load_config_text(kBase, env_of({}));
    EXPECT_TRUE(c.analytics.enabled);
    EXPECT_EQ(c.analytics.host, "127.0.0.1");
    EXPECT_EQ(c.analytics.port, 8000);
    EXPECT_EQ(c.analytics.model, "");
    EXPECT_EQ(c.analytics.environment, "production");
    EXPECT_FALSE(c.postgres.enabled);
    auto a = analytics_service_config(c);
    EXPECT_EQ(a.port, 8000);
    EXPECT_EQ(a.coin, c.coin_params);
    EXPECT_DOUBLE_EQ(a.fee_percent, 2.0);
    EXPECT_EQ(a.scheme, ledger::payout::SchemeKind::pplns);
}

TEST(AnalyticsConfig, ReadsItsKeys) {
    Config c = load_config_text(kBase + R"(
analytics:
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
    EXPECT_FALSE(c.analytics.enabled);
    EXPECT_EQ(c.analytics.host, "0.0.0.0");
    EXPECT_EQ(c.analytics.port, 8100);
    EXPECT_EQ(c.analytics.model, "/var/lib/viddhana/ltc-model.json");
    EXPECT_EQ(c.analytics.environment, "staging");
    EXPECT_DOUBLE_EQ(c.analytics.refresh_seconds, 10);
    EXPECT_DOUBLE_EQ(c.analytics.sentinel_seconds, 120);
    EXPECT_EQ(analytics_service_config(c).scheme, ledger::payout::SchemeKind::pps);
    EXPECT_EQ(analytics_service_config(c).cors_origin, "https://pool.example");
    EXPECT_EQ(analytics_service_config(c).rate_limit_per_minute, 30);
}

TEST(AnalyticsConfig, BadValuesNameTheKey) {
    const std::pair<std::string, std::string> cases[] = {
        {"analytics:\n  port: 70000\n", "analytics.port"},
        {"analytics:\n  refresh_interval: 0s\n", "analytics.refresh_interval"},
        {"analytics:\n  enabled: maybe\n", "analytics.enabled"},
        {"analytics:\n  rate_limit_per_minute: 0\n", "analytics.rate_limit_per_minute"},
        {"analytics:\n  modle: x.json\n", "analytics.modle"},
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

TEST(AnalyticsConfig, PrometheusVariablesBuildThePostgresConnection) {
    Config c = load_config_text(kBase, env_of({{"PROMETHEUS_ENVIRONMENT", "development"},
                                               {"PROMETHEUS_DB_HOST", "db.internal"},
                                               {"PROMETHEUS_DB_PORT", "5433"},
                                               {"PROMETHEUS_DB_NAME", "viddhana_pool"},
                                               {"PROMETHEUS_DB_USER", "viddhana"},
                                               {"PROMETHEUS_DB_PASSWORD", "s3cret"}}));
    EXPECT_EQ(c.analytics.environment, "development");
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

TEST(AnalyticsConfig, DeprecatedAiSectionIsReadWithAWarning) {
    Config c = load_config_text(kBase + R"(
ai:
  port: 8100
  model: /var/lib/viddhana/ltc-model.json
  url: http://10.0.0.5:8000
)",
                                env_of({}));
    EXPECT_EQ(c.analytics.port, 8100);
    EXPECT_EQ(c.analytics.model, "/var/lib/viddhana/ltc-model.json");
    EXPECT_EQ(c.api.analytics_url, "http://10.0.0.5:8000");
    ASSERT_EQ(c.warnings.size(), 3u);
    EXPECT_NE(std::find(c.warnings.begin(), c.warnings.end(),
                        "config key ai.port is deprecated: use analytics.port"),
              c.warnings.end());
    EXPECT_TRUE(
        load_config_text(kBase + "analytics:\n  port: 8100\n", env_of({})).warnings.empty());

    // Old and new keys mix, each read once.
    Config mixed =
        load_config_text(kBase + "ai:\n  port: 8100\nanalytics:\n  enabled: false\n", env_of({}));
    EXPECT_EQ(mixed.analytics.port, 8100);
    EXPECT_FALSE(mixed.analytics.enabled);
    EXPECT_EQ(mixed.warnings.size(), 1u);
}

TEST(AnalyticsConfig, DeprecatedEnvironmentVariableIsReadWithAWarning) {
    Config c = load_config_text(kBase, env_of({{"VIDDHANA_AI_PORT", "8200"}}));
    EXPECT_EQ(c.analytics.port, 8200);
    ASSERT_EQ(c.warnings.size(), 1u);
    EXPECT_EQ(c.warnings[0],
              "environment variable VIDDHANA_AI_PORT is deprecated: use VIDDHANA_ANALYTICS_PORT");
    EXPECT_EQ(load_config_text(kBase, env_of({{"VIDDHANA_ANALYTICS_PORT", "8300"}})).analytics.port,
              8300);
}

TEST(AnalyticsConfig, TheSameKeyUnderBothNamesIsAnError) {
    struct Case {
        std::string yaml;
        std::map<std::string, std::string> vars;
        std::string names;
    };
    const Case cases[] = {
        {"ai:\n  port: 8100\nanalytics:\n  port: 8200\n", {}, "ai.port and analytics.port"},
        {"",
         {{"VIDDHANA_AI_PORT", "8100"}, {"VIDDHANA_ANALYTICS_PORT", "8200"}},
         "VIDDHANA_AI_PORT and VIDDHANA_ANALYTICS_PORT"},
    };
    for (const auto& c : cases) {
        try {
            load_config_text(kBase + c.yaml, env_of(c.vars));
            ADD_FAILURE() << "accepted: " << c.names;
        } catch (const ConfigError& e) {
            EXPECT_NE(std::string(e.what()).find(c.names + " are both set"), std::string::npos)
                << e.what();
        }
    }
}

TEST(AnalyticsConfig, ErrorsNameTheDeprecatedKeyAsWritten) {
    for (const auto& [bad, written] : std::vector<std::pair<std::string, std::string>>{
             {"ai:\n  port: 70000\n", "analytics.port (written as ai.port)"},
             {"ai:\n  modle: x.json\n", "analytics.modle (written as ai.modle)"},
         }) {
        try {
            load_config_text(kBase + bad, env_of({}));
            ADD_FAILURE() << "accepted: " << bad;
        } catch (const ConfigError& e) {
            EXPECT_NE(std::string(e.what()).find(written), std::string::npos) << e.what();
        }
    }
}

}  // namespace
}  // namespace viddhana::app
