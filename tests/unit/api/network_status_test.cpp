#include "api/network_status.h"

#include <gtest/gtest.h>

namespace viddhana::api {
namespace {

// A source that answers what the test says and counts the calls.
class ScriptedSource final : public NetworkSource {
  public:
    Expected<NetworkInfo> fetch() override {
        ++calls;
        if (!up) return make_error("connection refused");
        return NetworkInfo{height, 12.5, 3e9};
    }
    int calls = 0;
    bool up = true;
    int64_t height = 100;
};

TEST(NetworkStatus, AsksTheNodeAtMostOncePerTtl) {
    ScriptedSource source;
    ManualClock clock;
    NetworkStatus status(source, clock, 5000);
    auto a = status.get();
    ASSERT_TRUE(a.info);
    EXPECT_EQ(a.info->height, 100);
    EXPECT_TRUE(a.reachable);
    source.height = 101;
    clock.advance_ms(4999);
    EXPECT_EQ(status.get().info->height, 100);
    EXPECT_EQ(source.calls, 1);
    clock.advance_ms(1);
    EXPECT_EQ(status.get().info->height, 101);
    EXPECT_EQ(source.calls, 2);
}

TEST(NetworkStatus, KeepsTheLastAnswerWhenTheNodeGoesAway) {
    ScriptedSource source;
    ManualClock clock;
    NetworkStatus status(source, clock, 1000);
    (void)status.get();
    source.up = false;
    clock.advance_ms(1000);
    auto s = status.get();
    EXPECT_FALSE(s.reachable);
    EXPECT_EQ(s.last_error, "connection refused");
    ASSERT_TRUE(s.info);
    EXPECT_EQ(s.info->difficulty, 12.5);
    // A dead node is not asked again before the TTL.
    (void)status.get();
    EXPECT_EQ(source.calls, 2);
}

TEST(NetworkStatus, NoInfoBeforeTheFirstAnswer) {
    ScriptedSource source;
    source.up = false;
    ManualClock clock;
    NetworkStatus status(source, clock, 1000);
    auto s = status.get();
    EXPECT_FALSE(s.info);
    EXPECT_FALSE(s.reachable);
}

}  // namespace
}  // namespace viddhana::api
