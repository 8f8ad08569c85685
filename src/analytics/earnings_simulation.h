// Checks the earnings intervals against simulated mining: a miner (and its pool) with known
// hashrate finds blocks as a Poisson process (exponential gaps between blocks), PPS shares arrive
// as a Poisson count, and the difficulty over the period is drawn from the same lognormal spread
// the projection assumed. Over many fixed-seed trials, the fraction of outcomes inside the
// projected interval should match the interval's stated probability.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "analytics/earnings_projection.h"
#include "base/expected.h"

namespace viddhana::analytics {

struct EarningsScenario {
    std::string name;
    EarningsInputs inputs;  // difficulty_forecast empty: the spread is difficulty_log_sigma
};

struct EarningsCoverage {
    std::string scenario;
    std::string period;
    size_t trials = 0;
    double stated_probability = 0;  // the projection's P(low <= outcome <= high)
    double simulated_coverage = 0;  // fraction of simulated outcomes inside
    double probability_of_nothing = 0;
    int64_t expected = 0;       // projected mean, base units
    double simulated_mean = 0;  // base units
    int64_t low = 0, high = 0;
};

// Litecoin and Bitcoin miners under PPS, PPLNS and SOLO, small and large, with and without a
// difficulty spread.
std::vector<EarningsScenario> standard_earnings_scenarios();

Expected<std::vector<EarningsCoverage>> simulate_earnings_coverage(const EarningsScenario& scenario,
                                                                   size_t trials, uint64_t seed);

// Markdown table of coverage results.
std::string format_earnings_coverage(const std::vector<EarningsCoverage>& rows);

}  // namespace viddhana::analytics
