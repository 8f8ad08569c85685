#include "analytics/epoch_forecast.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "analytics/statistics.h"

namespace viddhana::analytics {

const chain::RetargetRule* detect_retarget_rule(const DifficultyHistory& history) {
    if (history.spacing != HistorySpacing::retarget_epochs) return nullptr;
    std::vector<double> lengths;
    for (size_t i = 1; i < history.points.size(); ++i)
        lengths.push_back(
            static_cast<double>(history.points[i].time_unix - history.points[i - 1].time_unix));
    double m = median(lengths);
    for (const chain::RetargetRule* rule :
         {&chain::bitcoin_retarget_rule(), &chain::litecoin_retarget_rule()}) {
        double ratio = m / static_cast<double>(rule->target_timespan_s);
        if (ratio > 0.6 && ratio < 1.6) return rule;
    }
    return nullptr;
}

Expected<EpochRetargetForecast> forecast_epoch_retarget(const chain::RetargetRule& rule,
                                                        const DifficultyPoint& epoch_start,
                                                        const EpochProgress& progress,
                                                        const ChangePrior& prior, double coverage) {
    if (epoch_start.height % rule.interval != 0)
        return make_error(fmt::format("epoch start height {} is not a multiple of {}",
                                      epoch_start.height, rule.interval));
    int64_t retarget_height = epoch_start.height + rule.interval;
    if (progress.tip_height < epoch_start.height || progress.tip_height >= retarget_height)
        return make_error(fmt::format(
            "tip height {} is outside the epoch [{}, {}] that starts at the history's last row",
            progress.tip_height, epoch_start.height, retarget_height - 1));
    if (progress.tip_time_unix < epoch_start.time_unix - 7200)
        return make_error(fmt::format("tip time {} is before the epoch's start time {}",
                                      progress.tip_time_unix, epoch_start.time_unix));
    if (!(coverage > 0 && coverage < 1))
        return make_error(fmt::format("coverage {} is not in (0, 1)", coverage));
    if (!(prior.sigma > 0) || !std::isfinite(prior.log_change))
        return make_error("the prior needs a finite change and a positive spread");

    const int64_t window = rule.window_intervals(retarget_height);
    const int64_t last_in_epoch = retarget_height - 1;
    const int64_t observed = progress.tip_height - epoch_start.height;  // intervals since start
    const int64_t remaining = last_in_epoch - progress.tip_height;

    // Prior mean interval: the timespan that would produce the prior's change, per interval.
    double target = static_cast<double>(rule.target_timespan_s);
    double prior_log_interval =
        std::log(target * std::exp(-prior.log_change) / static_cast<double>(window));
    double prior_weight = 1.0 / (prior.sigma * prior.sigma);
    double elapsed = static_cast<double>(progress.tip_time_unix - epoch_start.time_unix);
    double log_interval = prior_log_interval;
    double weight = prior_weight;
    if (observed > 0) {
        double observed_mean = std::max(1.0, elapsed) / static_cast<double>(observed);
        double w = static_cast<double>(observed);
        log_interval =
            (prior_weight * prior_log_interval + w * std::log(observed_mean)) / (prior_weight + w);
        weight = prior_weight + w;
    }
    double mean_interval = std::exp(log_interval);

    // The part of the window before the epoch's first block (Litecoin's extra interval).
    double lead = 0;
    if (window == rule.interval) {
        lead = progress.previous_block_time_unix
                   ? static_cast<double>(epoch_start.time_unix - *progress.previous_block_time_unix)
                   : mean_interval;
    }

    double z = normal_quantile(0.5 + coverage / 2);
    double rem = static_cast<double>(remaining);
    auto timespan_at = [&](double zscore) {
        if (remaining == 0) return lead + elapsed;
        double var = 1.0 / weight + 1.0 / rem;
        double log_rem = std::log(rem * mean_interval);
        return lead + elapsed + std::exp(log_rem + zscore * std::sqrt(var));
    };

    EpochRetargetForecast f;
    f.retarget_height = retarget_height;
    f.blocks_mined = observed + 1;
    f.blocks_remaining = remaining + 1;  // the retarget block itself is mined at the new difficulty
    f.expected_timespan_s = timespan_at(0);
    f.expected_retarget_time_unix =
        progress.tip_time_unix + static_cast<int64_t>(std::llround((rem + 1) * mean_interval));
    f.difficulty = rule.next_difficulty(epoch_start.difficulty, f.expected_timespan_s);
    // A longer timespan means a lower difficulty: the interval's ends swap.
    f.low = rule.next_difficulty(epoch_start.difficulty, timespan_at(z));
    f.high = rule.next_difficulty(epoch_start.difficulty, timespan_at(-z));
    f.clamped = f.expected_timespan_s <= target / rule.max_factor ||
                f.expected_timespan_s >= target * rule.max_factor;
    return f;
}

}  // namespace viddhana::analytics
