#include "ledger/payout/fpps_scheme.h"

#include <algorithm>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "ledger/payout/pps_scheme.h"

namespace viddhana::ledger::payout {

Expected<FppsScheme> FppsScheme::create(PoolFee fee) {
    auto checked = validate_pool_fee(std::move(fee));
    if (!checked) return checked.error();
    return FppsScheme(std::move(*checked));
}

Expected<int64_t> FppsScheme::expected_block_fees(std::span<const int64_t> recent_template_fees) {
    if (recent_template_fees.empty()) {
        return make_error("FPPS needs the fees of at least one recent block template");
    }
    std::vector<int64_t> fees(recent_template_fees.begin(), recent_template_fees.end());
    for (int64_t f : fees) {
        if (f < 0) return make_error(fmt::format("a block template's fees are negative: {}", f));
    }
    const size_t mid = fees.size() / 2;
    std::nth_element(fees.begin(), fees.begin() + static_cast<std::ptrdiff_t>(mid), fees.end());
    const int64_t upper = fees[mid];
    if (fees.size() % 2 == 1) return upper;
    const int64_t lower =
        *std::max_element(fees.begin(), fees.begin() + static_cast<std::ptrdiff_t>(mid));
    return static_cast<int64_t>((static_cast<__int128>(lower) + upper) / 2);
}

Expected<Split> FppsScheme::credit(std::span<const MinerWork> batch, double network_difficulty,
                                   int64_t subsidy, int64_t expected_fees) const {
    if (subsidy < 0) return make_error(fmt::format("the block subsidy {} is negative", subsidy));
    if (expected_fees < 0) {
        return make_error(fmt::format("the expected block fees {} are negative", expected_fees));
    }
    if (subsidy > std::numeric_limits<int64_t>::max() - expected_fees) {
        return make_error("subsidy plus expected fees overflow an int64 amount");
    }
    return pay_per_share(batch, network_difficulty, subsidy + expected_fees, fee_);
}

Expected<Split> FppsScheme::credit_shares(std::span<const MinerWork> work,
                                          const ShareTerms& terms) const {
    auto fees = expected_block_fees(terms.recent_template_fees);
    if (!fees) return fees.error();
    return credit(work, terms.network_difficulty, terms.subsidy, *fees);
}

}  // namespace viddhana::ledger::payout
