#include "ledger/payout/pplns_scheme.h"

#include <cmath>
#include <map>
#include <string>

#include <fmt/format.h>

namespace viddhana::ledger::payout {

namespace {

Expected<double> checked_network_difficulty(double network_difficulty) {
    if (!std::isfinite(network_difficulty) || !(network_difficulty > 0)) {
        return make_error(
            fmt::format("network difficulty {} must be a positive number", network_difficulty));
    }
    return network_difficulty;
}

}  // namespace

Expected<PplnsWindowSelection> select_pplns_window(std::span<const MinerWork> newest_first,
                                                   double window_work) {
    if (!std::isfinite(window_work) || !(window_work > 0)) {
        return make_error(fmt::format("PPLNS window {} must be a positive number", window_work));
    }
    PplnsWindowSelection sel;
    sel.size = window_work;
    std::map<std::string, double, std::less<>> per_miner;
    for (const auto& share : newest_first) {
        if (share.login.empty()) return make_error("a share's login is empty");
        if (!std::isfinite(share.work) || share.work < 0) {
            return make_error(
                fmt::format("a share of {} has invalid work {}", share.login, share.work));
        }
        if (share.work == 0) continue;
        const double remaining = window_work - sel.counted;
        double part = share.work;
        sel.boundary_fraction = 1.0;
        if (share.work >= remaining) {
            part = remaining;
            sel.boundary_fraction = remaining / share.work;
            sel.complete = true;
        }
        per_miner[share.login] += part;
        ++sel.shares_counted;
        sel.counted = sel.complete ? window_work : sel.counted + part;
        if (sel.complete) break;
    }
    sel.miners.reserve(per_miner.size());
    for (auto& [login, work] : per_miner)
        sel.miners.push_back({login, work});
    return sel;
}

Expected<PplnsScheme> PplnsScheme::create(double window_factor, PoolFee fee) {
    if (!std::isfinite(window_factor) || !(window_factor > 0)) {
        return make_error(
            fmt::format("PPLNS window factor {} must be a positive number", window_factor));
    }
    auto checked = validate_pool_fee(std::move(fee));
    if (!checked) return checked.error();
    return PplnsScheme(window_factor, std::move(*checked));
}

Expected<double> PplnsScheme::window_work(double network_difficulty) const {
    auto d = checked_network_difficulty(network_difficulty);
    if (!d) return d.error();
    return window_factor_ * *d;
}

Expected<double> PplnsScheme::window_difficulty(double network_difficulty,
                                                double share_multiplier) const {
    if (!std::isfinite(share_multiplier) || !(share_multiplier > 0)) {
        return make_error(
            fmt::format("share multiplier {} must be a positive number", share_multiplier));
    }
    auto n = window_work(network_difficulty);
    if (!n) return n.error();
    return *n * share_multiplier;
}

Expected<PplnsWindowSelection> PplnsScheme::select_window(std::span<const MinerWork> newest_first,
                                                          double network_difficulty) const {
    auto n = window_work(network_difficulty);
    if (!n) return n.error();
    return select_pplns_window(newest_first, *n);
}

Expected<Split> PplnsScheme::split(int64_t coinbase_value,
                                   std::span<const MinerWork> window) const {
    auto weighted = weigh_work_by_share(window);
    if (!weighted) return weighted.error();
    return split_by_weight(coinbase_value, std::move(*weighted), fee_);
}

Expected<WorkToPay> PplnsScheme::work_to_pay(double network_difficulty) const {
    auto n = window_work(network_difficulty);
    if (!n) return n.error();
    return WorkToPay{WorkToPay::Span::last_n, *n};
}

Expected<Split> PplnsScheme::split_block(const BlockReward& block,
                                         std::span<const MinerWork> work) const {
    return split(block.coinbase_value, work);
}

}  // namespace viddhana::ledger::payout
