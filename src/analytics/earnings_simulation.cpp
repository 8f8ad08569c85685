#include "analytics/earnings_simulation.h"

#include <cmath>
#include <random>

#include <fmt/format.h>

namespace viddhana::analytics {

namespace {

EarningsInputs base_inputs(const char* coin, double difficulty, int64_t height, int64_t fees) {
    EarningsInputs in;
    in.coin = chain::find_coin(coin, chain::Network::mainnet);
    in.network_difficulty = difficulty;
    in.chain_height = height;
    in.typical_fees_per_block = fees;
    in.now_unix = 1'700'000'000;
    return in;
}

void flat_history(EarningsInputs& in, double hashrate) {
    for (int i = 0; i < 24; ++i)
        in.hashrate_history.push_back({in.now_unix - 3600 * (23 - i), hashrate});
}

}  // namespace

std::vector<EarningsScenario> standard_earnings_scenarios() {
    std::vector<EarningsScenario> out;
    // Litecoin in mid-2023: difficulty 2e7, height 2.5M (12.5 LTC), fees ~0.02 LTC per block.
    auto ltc = base_inputs("litecoin", 2.0e7, 2'500'000, 2'000'000);
    // Bitcoin around 2024: difficulty 8e13, height 850k (3.125 BTC), fees ~0.2 BTC per block.
    auto btc = base_inputs("bitcoin", 8.0e13, 850'000, 20'000'000);
    {
        EarningsScenario s{"LTC PPLNS 1 GH/s in a 5 TH/s pool", ltc};
        flat_history(s.inputs, 1e9);
        s.inputs.pool_hashrate = 5e12;
        s.inputs.scheme = ledger::payout::SchemeKind::pplns;
        out.push_back(s);
    }
    {
        EarningsScenario s{"LTC PPLNS 1 GH/s, 5 TH/s pool, difficulty spread 5%", ltc};
        flat_history(s.inputs, 1e9);
        s.inputs.pool_hashrate = 5e12;
        s.inputs.scheme = ledger::payout::SchemeKind::pplns;
        s.inputs.difficulty_log_sigma = 0.05;
        out.push_back(s);
    }
    {
        EarningsScenario s{"LTC PPS 1 GH/s", ltc};
        flat_history(s.inputs, 1e9);
        s.inputs.scheme = ledger::payout::SchemeKind::pps;
        out.push_back(s);
    }
    {
        EarningsScenario s{"LTC FPPS 1 GH/s, difficulty spread 5%", ltc};
        flat_history(s.inputs, 1e9);
        s.inputs.scheme = ledger::payout::SchemeKind::fpps;
        s.inputs.difficulty_log_sigma = 0.05;
        out.push_back(s);
    }
    {
        EarningsScenario s{"LTC SOLO 20 GH/s", ltc};
        flat_history(s.inputs, 2e10);
        s.inputs.scheme = ledger::payout::SchemeKind::solo;
        out.push_back(s);
    }
    {
        EarningsScenario s{"BTC PPLNS 500 TH/s in a 50 EH/s pool", btc};
        flat_history(s.inputs, 5e14);
        s.inputs.pool_hashrate = 5e19;
        s.inputs.scheme = ledger::payout::SchemeKind::pplns;
        out.push_back(s);
    }
    {
        EarningsScenario s{"BTC SOLO 1 PH/s", btc};
        flat_history(s.inputs, 1e15);
        s.inputs.scheme = ledger::payout::SchemeKind::solo;
        out.push_back(s);
    }
    return out;
}

Expected<std::vector<EarningsCoverage>> simulate_earnings_coverage(const EarningsScenario& scenario,
                                                                   size_t trials, uint64_t seed) {
    if (!scenario.inputs.difficulty_forecast.empty())
        return make_error(
            "the simulation draws difficulty from difficulty_log_sigma; give no "
            "forecast steps");
    if (trials == 0) return make_error("no trials");
    auto projection = project_earnings(scenario.inputs);
    if (!projection) return projection.error();
    const auto& in = scenario.inputs;
    const double hashrate = projection->hashrate;
    const int64_t net = static_cast<int64_t>(static_cast<__int128>(projection->reward_per_block) *
                                             (10000 - in.pool_fee_bps) / 10000);
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::vector<EarningsCoverage> out;
    for (const auto& period : projection->periods) {
        EarningsCoverage row;
        row.scenario = scenario.name;
        row.period = period.name;
        row.trials = trials;
        row.stated_probability = period.interval_probability;
        row.probability_of_nothing = period.probability_of_nothing;
        row.expected = period.expected;
        row.low = period.low;
        row.high = period.high;
        size_t inside = 0;
        double sum = 0;
        for (size_t t = 0; t < trials; ++t) {
            // The difficulty this period actually had (a lognormal surprise on the block rate).
            double rate_factor = std::exp(in.difficulty_log_sigma * normal(rng));
            double inverse = rate_factor / in.network_difficulty;
            int64_t earned = 0;
            auto count_arrivals = [&](double rate) {
                std::exponential_distribution<double> gap(rate);
                int64_t n = 0;
                for (double at = gap(rng); at <= period.seconds; at += gap(rng))
                    ++n;
                return n;
            };
            switch (in.scheme) {
                case ledger::payout::SchemeKind::solo: {
                    int64_t blocks = count_arrivals(hashrate * inverse / kHashesPerDifficulty);
                    earned = blocks * net;
                    break;
                }
                case ledger::payout::SchemeKind::pplns:
                case ledger::payout::SchemeKind::prop: {
                    int64_t blocks =
                        count_arrivals(in.pool_hashrate * inverse / kHashesPerDifficulty);
                    int64_t per_block = static_cast<int64_t>(
                        std::floor(static_cast<double>(net) * hashrate / in.pool_hashrate));
                    earned = blocks * per_block;
                    break;
                }
                case ledger::payout::SchemeKind::pps:
                case ledger::payout::SchemeKind::fpps: {
                    double mean_shares = period.seconds / in.share_interval_s;
                    std::poisson_distribution<int64_t> shares(mean_shares);
                    double blocks_per_share =
                        hashrate * period.seconds * inverse / kHashesPerDifficulty / mean_shares;
                    earned = static_cast<int64_t>(
                        std::llround(static_cast<double>(shares(rng)) * blocks_per_share *
                                     static_cast<double>(net)));
                    break;
                }
            }
            sum += static_cast<double>(earned);
            if (earned >= period.low && earned <= period.high) ++inside;
        }
        row.simulated_coverage = static_cast<double>(inside) / static_cast<double>(trials);
        row.simulated_mean = sum / static_cast<double>(trials);
        out.push_back(row);
    }
    return out;
}

std::string format_earnings_coverage(const std::vector<EarningsCoverage>& rows) {
    std::string out =
        "| scenario | period | expected (base units) | interval | P(nothing) | stated P(in "
        "interval) | simulated coverage | simulated mean / expected |\n"
        "|---|---|---:|---|---:|---:|---:|---:|\n";
    for (const auto& r : rows)
        out += fmt::format(
            "| {} | {} | {} | [{}, {}] | {:.3f} | {:.3f} | {:.3f} ({} trials) | "
            "{:.3f} |\n",
            r.scenario, r.period, r.expected, r.low, r.high, r.probability_of_nothing,
            r.stated_probability, r.simulated_coverage, r.trials,
            r.expected > 0 ? r.simulated_mean / static_cast<double>(r.expected) : 0.0);
    return out;
}

}  // namespace viddhana::analytics
