// PPS (pay per share): every accepted share is paid at once its expected value, the block
// subsidy times its work over the network difficulty, less the pool fee, whether or not the pool
// finds blocks. The pool carries the variance (and the risk of ruin through a run of bad luck);
// the block rewards it finds are all its own.
#pragma once
#include <cstdint>
#include <span>

#include "base/expected.h"
#include "ledger/payout/payout_scheme.h"
#include "ledger/payout/payout_split.h"

namespace viddhana::ledger::payout {

// Pays a batch of work at `block_value` per network difficulty of work (shared by PPS and
// FPPS). Each miner's weight is round(work / network difficulty * 2^48); the batch is worth
// floor(block_value * total weight / 2^48), and that value is split like a block: fee off the
// top, floor per miner, dust to the pool. A batch with no weight is worth 0 (no error).
Expected<Split> pay_per_share(std::span<const MinerWork> batch, double network_difficulty,
                              int64_t block_value, const PoolFee& fee);

class PpsScheme final : public PayoutScheme {
  public:
    static Expected<PpsScheme> create(PoolFee fee);

    SchemeKind kind() const override { return SchemeKind::pps; }
    const PoolFee& fee() const override { return fee_; }

    // Credits a batch of accepted work judged at one network difficulty and block subsidy.
    Expected<Split> credit(std::span<const MinerWork> batch, double network_difficulty,
                           int64_t subsidy) const;

    Expected<Split> credit_shares(std::span<const MinerWork> work,
                                  const ShareTerms& terms) const override;

  private:
    explicit PpsScheme(PoolFee fee) : fee_(std::move(fee)) {}

    PoolFee fee_;
};

}  // namespace viddhana::ledger::payout
