// The worker advice endpoint: the advisor's suggestions for posted figures, and bad input.
#include <gtest/gtest.h>

#include "analytics/service/worker_endpoint.h"

namespace viddhana::analytics::service {
namespace {

using nlohmann::json;

class WorkerEndpoint : public ::testing::Test {
  protected:
    void SetUp() override {
        auto t = load_hardware_table(std::string(VIDDHANA_SOURCE_DIR) +
                                     "/src/analytics/data/hardware.json");
        ASSERT_TRUE(t) << t.error().message;
        table = *t;
        ctx.hardware = &table;
    }
    HardwareTable table;
    WorkerContext ctx;
};

TEST_F(WorkerEndpoint, AdvisesOnDifficultyStalesAndHardware) {
    auto in = parse_worker_request(json{{"hashrate", 7e9},
                                        {"difficulty", 1024},
                                        {"hardware", "Antminer L7"},
                                        {"temperature_c", 84},
                                        {"shares", 4000},
                                        {"stale_rate", 0.03},
                                        {"latency_ms", 60},
                                        {"job_switch_ms", 900}},
                                   ctx);
    ASSERT_TRUE(in) << in.error().message;
    auto reply = answer_worker(*in, ctx);
    ASSERT_EQ(reply.status, 200) << reply.body.dump();
    std::set<std::string> topics;
    for (const auto& a : reply.body["advice"]) {
        topics.insert(a["topic"]);
        EXPECT_FALSE(a["reason"].get<std::string>().empty());
    }
    EXPECT_TRUE(topics.count("start-difficulty"));
    EXPECT_TRUE(topics.count("stale-shares"));
    EXPECT_EQ(reply.body["hardware"]["model"], "Antminer L7");
}

TEST_F(WorkerEndpoint, RefusesBadRequestsNamingTheField) {
    struct Case {
        json body;
        std::string field;
    };
    const Case cases[] = {
        {json::object(), "hashrate"},
        {json{{"hashrate", 0}}, "hashrate"},
        {json{{"hashrate", 1e9}, {"stale_rate", 1.5}}, "stale_rate"},
        {json{{"hashrate", 1e9}, {"invalid_rate", -0.1}}, "invalid_rate"},
        {json{{"hashrate", 1e9}, {"target", "noise"}}, "target"},
        {json{{"hashrate", 1e9}, {"shares", -1}}, "shares"},
        {json{{"hashrate", 1e9}, {"temperature_c", "hot"}}, "temperature_c"},
        {json{{"hashrate", 1e9}, {"colour", "red"}}, "colour"},
    };
    for (const auto& c : cases) {
        auto r = parse_worker_request(c.body, ctx);
        ASSERT_FALSE(r) << c.body.dump();
        EXPECT_EQ(r.error().field, c.field) << r.error().message;
        EXPECT_NE(r.error().message.find(c.field), std::string::npos) << r.error().message;
    }
}

}  // namespace
}  // namespace viddhana::analytics::service
