#include "ledger/payout/prop_scheme.h"

namespace viddhana::ledger::payout {

Expected<PropScheme> PropScheme::create(PoolFee fee) {
    auto checked = validate_pool_fee(std::move(fee));
    if (!checked) return checked.error();
    return PropScheme(std::move(*checked));
}

Expected<Split> PropScheme::split(int64_t coinbase_value,
                                  std::span<const MinerWork> round_work) const {
    auto weighted = weigh_work_by_share(round_work);
    if (!weighted) return weighted.error();
    return split_by_weight(coinbase_value, std::move(*weighted), fee_);
}

Expected<WorkToPay> PropScheme::work_to_pay(double) const {
    return WorkToPay{WorkToPay::Span::round, 0};
}

Expected<Split> PropScheme::split_block(const BlockReward& block,
                                        std::span<const MinerWork> work) const {
    return split(block.coinbase_value, work);
}

}  // namespace viddhana::ledger::payout
