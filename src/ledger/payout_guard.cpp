#include "ledger/payout_guard.h"

#include <algorithm>

#include <fmt/format.h>

namespace viddhana::ledger {

Expected<PayoutDecision> guard_payout(const PayoutGuardInputs& in) {
    if (in.amount <= 0)
        return make_error(fmt::format("payout amount {} is not positive", in.amount));
    if (in.address.empty()) return make_error("the payout address is empty");
    if (in.miner.empty()) return make_error("the miner is empty");
    const auto& c = in.config;
    if (c.max_ratio_to_median <= 1 || c.max_ratio_to_largest < 1 || c.address_cooldown_s < 0 ||
        c.pool_address_changes_limit < 1 || c.pool_address_window_s <= 0 || c.credit_tolerance < 0)
        return make_error("payout guard configuration out of range");
    for (const auto& p : in.history)
        if (p.amount <= 0)
            return make_error(fmt::format("past payout at {} has a non-positive amount {}",
                                          p.time_unix, p.amount));

    PayoutDecision d;
    auto hold = [&](std::string reason) {
        d.hold = true;
        d.reasons.push_back(std::move(reason));
    };

    if (in.credited_balance) {
        // Never pay more than the ledger credited (rounding aside).
        double limit = static_cast<double>(*in.credited_balance) * (1 + c.credit_tolerance);
        if (static_cast<double>(in.amount) > limit)
            hold(fmt::format("amount {} exceeds the miner's credited balance {}", in.amount,
                             *in.credited_balance));
    }

    std::vector<PastPayout> history = in.history;
    std::sort(history.begin(), history.end(),
              [](const PastPayout& a, const PastPayout& b) { return a.time_unix < b.time_unix; });
    if (history.size() >= c.min_history) {
        std::vector<int64_t> amounts;
        for (const auto& p : history)
            amounts.push_back(p.amount);
        std::sort(amounts.begin(), amounts.end());
        size_t n = amounts.size();
        // Integer median (mean of the middle two for an even count).
        int64_t median = n % 2 ? amounts[n / 2] : amounts[n / 2 - 1] / 2 + amounts[n / 2] / 2;
        int64_t largest = amounts.back();
        double amount = static_cast<double>(in.amount);
        if (amount > c.max_ratio_to_median * static_cast<double>(median) &&
            amount > c.max_ratio_to_largest * static_cast<double>(largest))
            hold(
                fmt::format("amount {} is {:.1f}x the miner's median payout {} and {:.1f}x its "
                            "largest {} ({} past payouts)",
                            in.amount, amount / static_cast<double>(median), median,
                            amount / static_cast<double>(largest), largest, n));
    } else if (c.new_miner_limit > 0 && in.amount > c.new_miner_limit) {
        hold(fmt::format("a miner with {} past payouts asks for {}, above the new-miner limit {}",
                         history.size(), in.amount, c.new_miner_limit));
    }

    if (in.address_changed_unix && in.now_unix - *in.address_changed_unix < c.address_cooldown_s &&
        in.now_unix >= *in.address_changed_unix)
        hold(fmt::format("the payout address changed {:.1f} h ago (review window {:.0f} h)",
                         static_cast<double>(in.now_unix - *in.address_changed_unix) / 3600.0,
                         static_cast<double>(c.address_cooldown_s) / 3600.0));
    else if (!history.empty() && history.back().address != in.address && !in.address_changed_unix)
        hold(
            fmt::format("the address {} differs from the last payout's {} and no address change "
                        "is on record",
                        in.address, history.back().address));

    int recent = 0;
    for (int64_t t : in.pool_address_changes_unix)
        if (t <= in.now_unix && in.now_unix - t < c.pool_address_window_s) ++recent;
    if (recent >= c.pool_address_changes_limit)
        hold(
            fmt::format("{} payout addresses changed across the pool in the last {:.0f} min (limit "
                        "{}): possible account takeover",
                        recent, static_cast<double>(c.pool_address_window_s) / 60.0,
                        c.pool_address_changes_limit));
    return d;
}

}  // namespace viddhana::ledger
