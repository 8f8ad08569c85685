// Vardiff with simulated miners of known speed: shares arrive as a Poisson process whose rate is
// hashrate / (difficulty * 2^32 / multiplier). A fixed seed keeps every run the same.
#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "stratum/vardiff.h"

namespace viddhana::stratum {
namespace {

struct SimulationResult {
    double final_difficulty;
    int changes_after_settling;
    int direction_flips_after_settling;
};

// Simulates `seconds` of mining; the pool calls on_tick every second as the server does. After
// each tick the gap to the next share is drawn again, which is exact for a Poisson process.
SimulationResult simulate(double hashes_per_second, double multiplier, const VardiffConfig& config,
                          double seconds, double settle_seconds, uint32_t seed) {
    std::mt19937_64 rng(seed);
    Vardiff v(config, config.initial_difficulty, 0);
    int changes = 0, flips = 0, last_direction = 0;
    auto record = [&](double before, std::optional<double> after, double now) {
        if (!after || now < settle_seconds) return;
        ++changes;
        int dir = *after > before ? 1 : -1;
        if (last_direction != 0 && dir != last_direction) ++flips;
        last_direction = dir;
    };
    double t = 0, next_tick = 1;
    while (t < seconds) {
        double rate = hashes_per_second / (v.difficulty() * 4294967296.0 / multiplier);
        double share_at = t + std::exponential_distribution<double>(rate)(rng);
        double before = v.difficulty();
        if (next_tick <= share_at) {
            t = next_tick;
            next_tick += 1;
            record(before, v.on_tick(static_cast<int64_t>(t * 1000)), t);
        } else {
            t = share_at;
            record(before, v.on_share(static_cast<int64_t>(t * 1000)), t);
        }
    }
    return {v.difficulty(), changes, flips};
}

VardiffConfig seed_config() {
    VardiffConfig c;  // the product's defaults: start 1, 0.001..1e6, 10 s per share
    return c;
}

TEST(Vardiff, ConvergesForAScryptCpuMiner) {
    // 20 kH/s scrypt (multiplier 65536): one share per 10 s at difficulty 20000*10/65536 ~= 3.05.
    const double ideal = 20000.0 * 10 / 65536;
    for (uint32_t seed : {1u, 2u, 3u}) {
        SimulationResult r = simulate(20000, 65536, seed_config(), 3 * 3600, 1800, seed);
        EXPECT_NEAR(std::log2(r.final_difficulty / ideal), 0, 0.4) << "seed " << seed;
        // Settled: in the 2.5 hours after the first half hour, at most a few corrections and
        // no back-and-forth swinging (a naive fixed-window vardiff makes ~50 here).
        EXPECT_LE(r.changes_after_settling, 6) << "seed " << seed;
        EXPECT_LE(r.direction_flips_after_settling, 4) << "seed " << seed;
    }
}

TEST(Vardiff, ConvergesForAFastAsicFromDifficultyOne) {
    // 100 TH/s SHA256d: ideal difficulty 1e14 * 10 / 2^32 ~= 232831, far from the start of 1.
    const double ideal = 1e14 * 10 / 4294967296.0;
    SimulationResult r = simulate(1e14, 1, seed_config(), 3600, 1800, 7);
    EXPECT_NEAR(std::log2(r.final_difficulty / ideal), 0, 0.6);
}

TEST(Vardiff, LowersTheDifficultyOfASlowMiner) {
    // 50 H/s scrypt starting at difficulty 1: a share every 1300 s; the ideal is ~0.0076.
    const double ideal = 50.0 * 10 / 65536;
    SimulationResult r = simulate(50, 65536, seed_config(), 4 * 3600, 3600, 11);
    EXPECT_NEAR(std::log2(r.final_difficulty / ideal), 0, 0.8);
}

TEST(Vardiff, StaysWithinLimitsAndFloor) {
    VardiffConfig c = seed_config();
    c.max_difficulty = 16;
    SimulationResult fast = simulate(1e12, 1, c, 600, 0, 5);
    EXPECT_EQ(fast.final_difficulty, 16);

    Vardiff v(c, 1, 0);
    v.set_floor(4);
    EXPECT_EQ(v.difficulty(), 4);
    // No shares for a long time would lower it, but not under the miner's floor.
    for (int s = 1; s <= 3600; ++s)
        v.on_tick(s * 1000);
    EXPECT_EQ(v.difficulty(), 4);
}

TEST(Vardiff, SteadyMinerAtTheIdealDifficultyIsLeftAlone) {
    VardiffConfig c = seed_config();
    Vardiff v(c, 2, 0);
    // Exactly one share every 10 s: inside the band, never a change.
    for (int i = 1; i <= 360; ++i)
        EXPECT_FALSE(v.on_share(i * 10'000).has_value());
}

}  // namespace
}  // namespace viddhana::stratum
