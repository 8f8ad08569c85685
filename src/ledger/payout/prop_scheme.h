// PROP (proportional): a found block pays the work of its round, the accepted shares since the
// previous block the pool found, in proportion. Simple, but a miner who leaves a round as it grows
// long (pool hopping) earns more per share than one who stays.
#pragma once
#include <cstdint>
#include <span>

#include "base/expected.h"
#include "ledger/payout/payout_scheme.h"
#include "ledger/payout/payout_split.h"

namespace viddhana::ledger::payout {

class PropScheme final : public PayoutScheme {
  public:
    static Expected<PropScheme> create(PoolFee fee);

    SchemeKind kind() const override { return SchemeKind::prop; }
    const PoolFee& fee() const override { return fee_; }

    // Splits the coinbase value minus the pool fee by the round's work (per share or per miner).
    Expected<Split> split(int64_t coinbase_value, std::span<const MinerWork> round_work) const;

    Expected<WorkToPay> work_to_pay(double network_difficulty) const override;
    Expected<Split> split_block(const BlockReward& block,
                                std::span<const MinerWork> work) const override;

  private:
    explicit PropScheme(PoolFee fee) : fee_(std::move(fee)) {}

    PoolFee fee_;
};

}  // namespace viddhana::ledger::payout
