#include "analytics/earnings_projection.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "analytics/statistics.h"

namespace viddhana::analytics {

using ledger::payout::SchemeKind;

Expected<double> mean_hashrate(const std::vector<HashrateSample>& history, int64_t now_unix,
                               int64_t window_s) {
    if (history.empty()) return make_error("the hashrate history is empty");
    if (window_s <= 0) return make_error("the hashrate window must be positive");
    std::vector<double> gaps;
    for (size_t i = 1; i < history.size(); ++i) {
        if (history[i].time_unix <= history[i - 1].time_unix)
            return make_error(
                fmt::format("hashrate samples must be in time order (sample {} at {} "
                            "follows one at {})",
                            i, history[i].time_unix, history[i - 1].time_unix));
        gaps.push_back(static_cast<double>(history[i].time_unix - history[i - 1].time_unix));
    }
    double typical_gap = gaps.empty() ? 600.0 : median(gaps);
    double weighted = 0, total = 0;
    for (size_t i = 0; i < history.size(); ++i) {
        const auto& s = history[i];
        if (!(s.hashrate >= 0) || !std::isfinite(s.hashrate))
            return make_error(fmt::format("hashrate sample {} is not a non-negative number", i));
        if (s.time_unix > now_unix || s.time_unix <= now_unix - window_s) continue;
        // A roll-up describes the interval that ends at its time.
        double start = i > 0 ? static_cast<double>(history[i - 1].time_unix)
                             : static_cast<double>(s.time_unix) - typical_gap;
        start = std::max(start, static_cast<double>(now_unix - window_s));
        double w = static_cast<double>(s.time_unix) - start;
        weighted += w * s.hashrate;
        total += w;
    }
    if (total <= 0)
        return make_error(
            fmt::format("no hashrate sample in the last {} s before {}", window_s, now_unix));
    return weighted / total;
}

namespace {

struct PeriodDifficulty {
    double mean_inverse = 0;  // time-average of 1/D over the period
    double log_sigma = 0;     // spread of the block rate (log), from the forecast's intervals
};

PeriodDifficulty difficulty_over(const EarningsInputs& in, double seconds) {
    PeriodDifficulty out;
    double z = normal_quantile(0.5 + in.forecast_coverage / 2);
    double t0 = static_cast<double>(in.now_unix), t1 = t0 + seconds;
    double covered = 0, inverse = 0, sigma = 0;
    double segment_start = t0, d = in.network_difficulty, s = in.difficulty_log_sigma;
    for (const auto& step : in.difficulty_forecast) {
        double at = static_cast<double>(step.expected_time_unix);
        if (at > segment_start) {
            double end = std::min(at, t1);
            if (end > segment_start) {
                inverse += (end - segment_start) / d;
                sigma += (end - segment_start) * s;
                covered += end - segment_start;
                segment_start = end;
            }
        }
        if (segment_start >= t1) break;
        d = step.difficulty;
        s = std::log(step.high / step.low) / (2 * z);
    }
    if (segment_start < t1) {
        inverse += (t1 - segment_start) / d;
        sigma += (t1 - segment_start) * s;
        covered += t1 - segment_start;
    }
    out.mean_inverse = inverse / covered;
    // Errors of successive retargets are strongly correlated: spreads add linearly (conservative).
    out.log_sigma = sigma / covered;
    return out;
}

// Average block reward (base units) over the chain heights the period spans: halvings included.
int64_t average_subsidy(const chain::CoinParams& coin, int64_t height, double seconds) {
    int64_t blocks = std::max<int64_t>(
        1, static_cast<int64_t>(seconds / static_cast<double>(coin.target_block_seconds)));
    __int128 sum = 0;
    int64_t h = height;
    const int64_t end = height + blocks;
    while (h < end) {
        int64_t next_halving = (h / coin.halving_interval + 1) * coin.halving_interval;
        int64_t upto = std::min(end, next_halving);
        sum += static_cast<__int128>(chain::block_subsidy(coin, h)) * (upto - h);
        h = upto;
    }
    return static_cast<int64_t>(sum / blocks);
}

// Equal-probability nodes of a standard normal, for mixing a Poisson over a lognormal rate.
std::vector<double> normal_nodes(double sigma) {
    if (sigma <= 0) return {0.0};
    const int n = 41;
    std::vector<double> z;
    for (int j = 0; j < n; ++j)
        z.push_back(normal_quantile((j + 0.5) / n));
    return z;
}

struct CountInterval {
    int64_t low = 0, high = 0;
    double probability = 0, mean = 0, p_zero = 0;
};

// Central interval of a Poisson count whose mean is mu * exp(sigma Z), Z standard normal.
CountInterval mixed_poisson_interval(double mu, double sigma, double coverage) {
    auto nodes = normal_nodes(sigma);
    auto cdf = [&](int64_t k) {
        double sum = 0;
        for (double z : nodes)
            sum += poisson_cdf(k, mu * std::exp(sigma * z));
        return sum / static_cast<double>(nodes.size());
    };
    auto quantile = [&](double p) {
        int64_t lo = 0, hi = std::max<int64_t>(1, static_cast<int64_t>(mu * std::exp(6 * sigma) +
                                                                       10 * std::sqrt(mu) + 10));
        while (cdf(hi) < p)
            hi *= 2;
        while (lo < hi) {
            int64_t mid = lo + (hi - lo) / 2;
            if (cdf(mid) >= p)
                hi = mid;
            else
                lo = mid + 1;
        }
        return lo;
    };
    double tail = (1 - coverage) / 2;
    CountInterval out;
    out.low = quantile(tail);
    out.high = quantile(1 - tail);
    out.probability = cdf(out.high) - (out.low > 0 ? cdf(out.low - 1) : 0.0);
    out.p_zero = cdf(0);
    double mean_factor = 0;
    for (double z : nodes)
        mean_factor += std::exp(sigma * z);
    out.mean = mu * mean_factor / static_cast<double>(nodes.size());
    return out;
}

int64_t times(double count, int64_t per_unit) {
    return static_cast<int64_t>(std::llround(count * static_cast<double>(per_unit)));
}

}  // namespace

Expected<EarningsProjection> project_earnings(const EarningsInputs& in) {
    if (!in.coin) return make_error("the coin is not set");
    if (!(in.network_difficulty > 0) || !std::isfinite(in.network_difficulty))
        return make_error("the network difficulty must be a positive number");
    if (in.pool_fee_bps < 0 || in.pool_fee_bps > 10000)
        return make_error(fmt::format("pool fee {} bps is not in 0..10000", in.pool_fee_bps));
    if (!(in.coverage > 0.5 && in.coverage < 1))
        return make_error(fmt::format("coverage {} is not in (0.5, 1)", in.coverage));
    if (in.typical_fees_per_block < 0) return make_error("typical fees per block must be >= 0");
    if (in.chain_height < 0) return make_error("the chain height must be >= 0");
    if (!(in.difficulty_log_sigma >= 0) || !(in.share_interval_s > 0))
        return make_error("difficulty spread must be >= 0 and the share interval > 0");
    for (const auto& s : in.difficulty_forecast)
        if (!(s.low > 0 && s.low <= s.difficulty && s.difficulty <= s.high))
            return make_error(
                fmt::format("difficulty forecast step {} is not low <= point <= high", s.horizon));
    auto hashrate = mean_hashrate(in.hashrate_history, in.now_unix, in.hashrate_window_s);
    if (!hashrate) return hashrate.error();
    const bool pooled = in.scheme == SchemeKind::pplns || in.scheme == SchemeKind::prop;
    if (pooled) {
        if (!(in.pool_hashrate > 0))
            return make_error(
                fmt::format("{} needs the pool's hashrate", ledger::payout::to_string(in.scheme)));
        if (*hashrate > in.pool_hashrate * 1.000001)
            return make_error(
                fmt::format("the miner's hashrate {:.6g} H/s exceeds the pool's {:.6g} H/s",
                            *hashrate, in.pool_hashrate));
    }

    EarningsProjection out;
    out.hashrate = *hashrate;
    out.scheme = in.scheme;
    out.coverage = in.coverage;
    const bool pays_fees = in.scheme != SchemeKind::pps;
    out.assumptions = {
        fmt::format("the miner keeps its {:.0f} s average hashrate, {:.6g} H/s",
                    static_cast<double>(in.hashrate_window_s), *hashrate),
        fmt::format("pool fee {:.2f}%; {}", in.pool_fee_bps / 100.0,
                    pays_fees
                        ? fmt::format("fees {} base units per block", in.typical_fees_per_block)
                        : std::string("PPS pays the subsidy only")),
        in.difficulty_forecast.empty()
            ? fmt::format("network difficulty stays {:.6g} (log spread {:.3f})",
                          in.network_difficulty, in.difficulty_log_sigma)
            : fmt::format("network difficulty follows the forecast's {} retargets",
                          in.difficulty_forecast.size()),
        "blocks are not orphaned; PPLNS window noise (the miner's share of each window) is "
        "ignored, so PPLNS is treated as PROP over the period",
    };

    const std::pair<const char*, double> periods[] = {
        {"day", 86400.0}, {"week", 7 * 86400.0}, {"month", 30 * 86400.0}};
    for (const auto& [name, seconds] : periods) {
        auto diff = difficulty_over(in, seconds);
        int64_t subsidy = average_subsidy(*in.coin, in.chain_height, seconds);
        int64_t reward = subsidy + (pays_fees ? in.typical_fees_per_block : 0);
        int64_t net =
            static_cast<int64_t>(static_cast<__int128>(reward) * (10000 - in.pool_fee_bps) / 10000);
        out.reward_per_block = reward;
        EarningsPeriod p;
        p.name = name;
        p.seconds = seconds;
        double own_blocks = *hashrate * seconds * diff.mean_inverse / kHashesPerDifficulty;
        // Amounts are int64 base units; the interval's top can be about twice the mean.
        if (!(own_blocks * static_cast<double>(net) * 4 < 9.2e18))
            return make_error(fmt::format(
                "the projected earnings per {} ({:.3g} blocks' worth) exceed what 64-bit base "
                "units can hold: {:.6g} H/s is implausible at network difficulty {:.6g}",
                name, own_blocks, *hashrate, in.network_difficulty));
        switch (in.scheme) {
            case SchemeKind::pps:
            case SchemeKind::fpps: {
                // Shares at the vardiff target pace; each pays its difficulty's part of a block.
                double shares = seconds / in.share_interval_s;
                double value_per_share = own_blocks / shares;  // blocks' worth per share
                auto c = mixed_poisson_interval(shares, diff.log_sigma, in.coverage);
                p.expected_blocks = own_blocks;
                p.expected = times(c.mean * value_per_share, net);
                p.low = times(static_cast<double>(c.low) * value_per_share, net);
                p.high = times(static_cast<double>(c.high) * value_per_share, net);
                p.interval_probability = c.probability;
                p.probability_of_nothing = c.p_zero;
                break;
            }
            case SchemeKind::pplns:
            case SchemeKind::prop: {
                double pool_blocks =
                    in.pool_hashrate * seconds * diff.mean_inverse / kHashesPerDifficulty;
                double fraction = *hashrate / in.pool_hashrate;
                int64_t per_block =
                    static_cast<int64_t>(std::floor(static_cast<double>(net) * fraction));
                auto c = mixed_poisson_interval(pool_blocks, diff.log_sigma, in.coverage);
                p.expected_blocks = c.mean;
                p.expected = times(c.mean, per_block);
                p.low = c.low * per_block;
                p.high = c.high * per_block;
                p.interval_probability = c.probability;
                p.probability_of_nothing = c.p_zero;
                break;
            }
            case SchemeKind::solo: {
                auto c = mixed_poisson_interval(own_blocks, diff.log_sigma, in.coverage);
                p.expected_blocks = c.mean;
                p.expected = times(c.mean, net);
                p.low = c.low * net;
                p.high = c.high * net;
                p.interval_probability = c.probability;
                p.probability_of_nothing = c.p_zero;
                break;
            }
        }
        out.periods.push_back(p);
    }
    return out;
}

}  // namespace viddhana::analytics
