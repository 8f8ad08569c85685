// Worker advice on the shipped hardware table: start difficulty, stale-share causes, hashing
// errors and hardware hints, each with its reason.
#include <gtest/gtest.h>

#include "analytics/worker_advisor.h"

namespace viddhana::analytics {
namespace {

const HardwareTable& table() {
    static const HardwareTable t = [] {
        auto loaded = load_hardware_table(std::string(VIDDHANA_SOURCE_DIR) +
                                          "/src/analytics/data/hardware.json");
        if (!loaded) std::abort();
        return *loaded;
    }();
    return t;
}

const Advice* topic(const std::vector<Advice>& advice, const std::string& name) {
    for (const auto& a : advice)
        if (a.topic == name) return &a;
    return nullptr;
}

// The advice on one topic, by value (empty topic when there is none).
Advice advice_on(const WorkerAdviceInputs& in, const std::string& name) {
    auto advice = advise_worker(in, table());
    if (!advice) return {};
    const Advice* a = topic(*advice, name);
    return a ? *a : Advice{};
}

TEST(HardwareTable, EveryEntryHasASourceAndLimits) {
    ASSERT_GE(table().devices.size(), 10u);
    for (const auto& d : table().devices) {
        EXPECT_FALSE(d.source.empty()) << d.model;
        EXPECT_GT(d.power_w, 0) << d.model;
        EXPECT_TRUE(d.chip_temp_max_c || d.gpu_temp_max_c) << d.model;
    }
    ASSERT_NE(table().find("antminer l7"), nullptr);
    EXPECT_EQ(table().find("Bitmain Antminer S19j Pro 104T")->model, "Antminer S19j Pro");
    EXPECT_EQ(table().find("RTX 3080")->model, "GeForce RTX 3080");
    EXPECT_EQ(table().find("Cray-1"), nullptr);
    for (const char* kind : {"asic", "gpu"})
        for (const char* target : {"efficiency", "hashrate", "temperature"})
            EXPECT_FALSE(table().tuning.at(kind).at(target).empty());
}

TEST(HardwareTable, RejectsMalformedTables) {
    EXPECT_FALSE(parse_hardware_table("{", "t.json"));
    auto no_source = parse_hardware_table(
        R"({"devices":[{"model":"X","manufacturer":"Y","kind":"asic","power_w":10,"source":""}],
            "tuning":{}})",
        "t.json");
    ASSERT_FALSE(no_source);
    EXPECT_NE(no_source.error().message.find("no source"), std::string::npos);
    auto bad_kind = parse_hardware_table(
        R"({"devices":[{"model":"X","manufacturer":"Y","kind":"fpga","power_w":10,"source":"s"}],
            "tuning":{}})",
        "t.json");
    ASSERT_FALSE(bad_kind);
    EXPECT_NE(bad_kind.error().message.find("fpga"), std::string::npos);
}

TEST(WorkerAdvisor, SuggestsAStartDifficultyFromHashrate) {
    WorkerAdviceInputs in;
    in.hashrate = 9.5e9;  // an L7 on a scrypt pool: 65536 hashes per difficulty unit
    in.current_difficulty = 1024;
    auto advice = advise_worker(in, table());
    ASSERT_TRUE(advice) << advice.error().message;
    const Advice* a = topic(*advice, "start-difficulty");
    ASSERT_NE(a, nullptr);
    // 9.5e9 * 10 / 65537 = 1.45e6 -> 2^20.
    EXPECT_NE(a->suggestion.find("1048576"), std::string::npos) << a->suggestion;
    in.current_difficulty = 1048576;
    EXPECT_TRUE(advice_on(in, "start-difficulty").topic.empty());
}

TEST(WorkerAdvisor, NamesTheCauseOfStaleShares) {
    WorkerAdviceInputs in;
    in.hashrate = 9.5e9;
    in.current_difficulty = 1048576;
    in.shares = 5000;
    in.stale_rate = 0.04;
    in.latency_ms = 40;
    in.job_switch_ms = 2000;
    auto advice = advise_worker(in, table());
    const Advice* a = topic(*advice, "stale-shares");
    ASSERT_NE(a, nullptr);
    EXPECT_NE(a->suggestion.find("2000 ms to move to a new job"), std::string::npos);
    in.job_switch_ms = 50;
    in.latency_ms = 400;
    Advice latency = advice_on(in, "stale-shares");
    ASSERT_EQ(latency.topic, "stale-shares");
    EXPECT_NE(latency.suggestion.find("nearer pool endpoint"), std::string::npos);
    // A stale rate that latency explains is no finding.
    in.stale_rate = 0.002;
    in.latency_ms = 40;
    EXPECT_TRUE(advice_on(in, "stale-shares").topic.empty());
}

TEST(WorkerAdvisor, HardwareHintsFollowTheTarget) {
    WorkerAdviceInputs in;
    in.hashrate = 7.0e9;  // 74% of an L7's rating
    in.current_difficulty = 1048576;
    in.hardware_model = "Antminer L7";
    in.temperature_c = 83;
    in.target = OptimizationTarget::efficiency;
    auto advice = advise_worker(in, table());
    ASSERT_TRUE(advice);
    ASSERT_NE(topic(*advice, "hardware"), nullptr);
    EXPECT_NE(topic(*advice, "hardware")->reason.find("74%"), std::string::npos);
    ASSERT_NE(topic(*advice, "tuning"), nullptr);
    EXPECT_NE(topic(*advice, "tuning")->suggestion.find("low-power"), std::string::npos);
    const Advice* t = topic(*advice, "temperature");
    ASSERT_NE(t, nullptr);
    EXPECT_NE(t->reason.find("85 C (typical)"), std::string::npos);  // marked as a typical value
    in.target = OptimizationTarget::hashrate;
    EXPECT_NE(advice_on(in, "tuning").suggestion.find("normal mode"), std::string::npos);
    in.hardware_model = "Abacus 9000";
    EXPECT_NE(advice_on(in, "hardware").suggestion.find("not in the"), std::string::npos);
}

TEST(WorkerAdvisor, RejectsBadInput) {
    WorkerAdviceInputs in;
    EXPECT_FALSE(advise_worker(in, table()));  // no hashrate
    in.hashrate = 1e9;
    in.stale_rate = 1.5;
    auto r = advise_worker(in, table());
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("fractions"), std::string::npos);
    EXPECT_FALSE(parse_optimization_target("speed"));
}

}  // namespace
}  // namespace viddhana::analytics
