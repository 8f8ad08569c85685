// The names the product used before: `viddhana ai ...` still works, as `viddhana analytics ...`,
// with a warning naming the replacement; nothing else on the command line changes.
#include <gtest/gtest.h>

#include "app/deprecated_names.h"

namespace viddhana::app {
namespace {

using Args = std::vector<std::string>;

TEST(DeprecatedCommands, AiToolsRunAsAnalyticsTools) {
    std::vector<std::string> warnings;
    auto args = replace_deprecated_commands(
        {"viddhana", "ai", "backtest", "--data", "ai/epochs.csv"}, warnings);
    EXPECT_EQ(args, (Args{"viddhana", "analytics", "backtest", "--data", "ai/epochs.csv"}));
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("`viddhana analytics`"), std::string::npos) << warnings[0];
}

TEST(DeprecatedCommands, AiServeRunsTheAnalyticsRole) {
    std::vector<std::string> warnings;
    auto args =
        replace_deprecated_commands({"viddhana", "ai", "serve", "--config", "p.yaml"}, warnings);
    EXPECT_EQ(args, (Args{"viddhana", "analytics", "--config", "p.yaml"}));
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("`viddhana analytics --config FILE`"), std::string::npos);
}

TEST(DeprecatedCommands, CurrentNamesPassUnchanged) {
    for (const Args& args :
         {Args{"viddhana"}, Args{"viddhana", "analytics", "--config", "ai"},
          Args{"viddhana", "run", "--config", "ai"}, Args{"viddhana", "miner", "--user", "ai"}}) {
        std::vector<std::string> warnings;
        EXPECT_EQ(replace_deprecated_commands(args, warnings), args);
        EXPECT_TRUE(warnings.empty());
    }
}

}  // namespace
}  // namespace viddhana::app
