#include "ledger/payout/solo_scheme.h"

#include <cmath>

#include <fmt/format.h>

namespace viddhana::ledger::payout {

Expected<int64_t> SoloScheme::percent_to_basis_points(double percent) {
    if (!std::isfinite(percent) || percent < 0 || percent > 100) {
        return make_error(fmt::format("SOLO fee {}% is outside 0..100", percent));
    }
    const double scaled = percent * 100;
    const double rounded = std::round(scaled);
    // Slack for decimal percents that binary cannot hold exactly (0.29 * 100 = 28.999999999999996).
    if (std::fabs(scaled - rounded) > 1e-6) {
        return make_error(
            fmt::format("SOLO fee {}% is not a whole number of basis points (steps of 0.01%): "
                        "the coinbase fee output is counted in basis points",
                        percent));
    }
    return static_cast<int64_t>(rounded);
}

int64_t SoloScheme::coinbase_fee(int64_t coinbase_value, int64_t fee_basis_points) {
    return static_cast<int64_t>(static_cast<__int128>(coinbase_value) * fee_basis_points / 10000);
}

Expected<SoloScheme> SoloScheme::create(double fee_percent, std::string fee_account) {
    auto bp = percent_to_basis_points(fee_percent);
    if (!bp) return bp.error();
    return create_with_basis_points(*bp, std::move(fee_account));
}

Expected<SoloScheme> SoloScheme::create_with_basis_points(int64_t fee_basis_points,
                                                          std::string fee_account) {
    if (fee_basis_points < 0 || fee_basis_points > 10000) {
        return make_error(
            fmt::format("SOLO fee of {} basis points is outside 0..10000", fee_basis_points));
    }
    if (fee_basis_points > 0 && fee_account.empty()) {
        return make_error("a SOLO fee needs the fee address the coinbase pays");
    }
    return SoloScheme(fee_basis_points, std::move(fee_account));
}

Expected<Split> SoloScheme::record(int64_t coinbase_value, std::string_view finder_login) const {
    if (coinbase_value < 0) {
        return make_error(fmt::format("the coinbase value {} is negative", coinbase_value));
    }
    if (finder_login.empty()) return make_error("the block's finder login is empty");
    Split split;
    split.total = coinbase_value;
    split.pool_account = fee_.account;
    split.fee = coinbase_fee(coinbase_value, fee_basis_points_);
    split.credits.push_back(
        {std::string(finder_login), 0.0, uint64_t{1} << kWeightBits, coinbase_value - split.fee});
    split.paid_in_coinbase = true;
    return split;
}

Expected<WorkToPay> SoloScheme::work_to_pay(double) const {
    return WorkToPay{WorkToPay::Span::finder_only, 0};
}

Expected<Split> SoloScheme::split_block(const BlockReward& block,
                                        std::span<const MinerWork>) const {
    return record(block.coinbase_value, block.finder_login);
}

}  // namespace viddhana::ledger::payout
