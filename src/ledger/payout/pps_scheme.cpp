#include "ledger/payout/pps_scheme.h"

#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace viddhana::ledger::payout {

Expected<Split> pay_per_share(std::span<const MinerWork> batch, double network_difficulty,
                              int64_t block_value, const PoolFee& fee) {
    if (!std::isfinite(network_difficulty) || !(network_difficulty > 0)) {
        return make_error(
            fmt::format("network difficulty {} must be a positive number", network_difficulty));
    }
    if (block_value < 0) {
        return make_error(fmt::format("the block value {} is negative", block_value));
    }
    auto checked_fee = validate_pool_fee(fee);
    if (!checked_fee) return checked_fee.error();
    auto weighted = weigh_work(batch, network_difficulty);
    if (!weighted) return weighted.error();

    unsigned __int128 total_weight = 0;
    for (const auto& c : *weighted)
        total_weight += c.weight;
    const unsigned __int128 value =
        (static_cast<unsigned __int128>(block_value) * total_weight) >> kWeightBits;
    if (value > static_cast<unsigned __int128>(std::numeric_limits<int64_t>::max())) {
        return make_error("the batch is worth more than an int64 amount: split it");
    }
    if (total_weight == 0) {
        Split nothing;
        nothing.pool_account = fee.account;
        nothing.credits = std::move(*weighted);
        return nothing;
    }
    return split_by_weight(static_cast<int64_t>(value), std::move(*weighted), fee);
}

Expected<PpsScheme> PpsScheme::create(PoolFee fee) {
    auto checked = validate_pool_fee(std::move(fee));
    if (!checked) return checked.error();
    return PpsScheme(std::move(*checked));
}

Expected<Split> PpsScheme::credit(std::span<const MinerWork> batch, double network_difficulty,
                                  int64_t subsidy) const {
    if (subsidy < 0) return make_error(fmt::format("the block subsidy {} is negative", subsidy));
    return pay_per_share(batch, network_difficulty, subsidy, fee_);
}

Expected<Split> PpsScheme::credit_shares(std::span<const MinerWork> work,
                                         const ShareTerms& terms) const {
    return credit(work, terms.network_difficulty, terms.subsidy);
}

}  // namespace viddhana::ledger::payout
