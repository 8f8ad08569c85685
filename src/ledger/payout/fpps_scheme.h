// FPPS (full pay per share): PPS with the transaction fees a block is expected to carry added to
// the subsidy. The expected fees are the median of recent block templates' total fees, so one
// template swollen by a burst of high-fee transactions does not raise what every share is paid.
#pragma once
#include <cstdint>
#include <span>

#include "base/expected.h"
#include "ledger/payout/payout_scheme.h"
#include "ledger/payout/payout_split.h"

namespace viddhana::ledger::payout {

class FppsScheme final : public PayoutScheme {
  public:
    static Expected<FppsScheme> create(PoolFee fee);

    // The median of recent templates' total fees (base units, each >= 0); with an even count,
    // the floor of the mean of the two middle values. Errors when the list is empty.
    static Expected<int64_t> expected_block_fees(std::span<const int64_t> recent_template_fees);

    SchemeKind kind() const override { return SchemeKind::fpps; }
    const PoolFee& fee() const override { return fee_; }

    // Credits a batch at (subsidy + expected_fees) per network difficulty of work.
    Expected<Split> credit(std::span<const MinerWork> batch, double network_difficulty,
                           int64_t subsidy, int64_t expected_fees) const;

    // Uses terms.recent_template_fees for the expected fees.
    Expected<Split> credit_shares(std::span<const MinerWork> work,
                                  const ShareTerms& terms) const override;

  private:
    explicit FppsScheme(PoolFee fee) : fee_(std::move(fee)) {}

    PoolFee fee_;
};

}  // namespace viddhana::ledger::payout
