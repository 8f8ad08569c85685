// SOLO: the finder of a block takes it all, less the pool fee. Nothing is custodial: the block's
// coinbase pays the finder's address and the fee address directly (the Stratum job builder puts
// both outputs in the coinbase), so the ledger only records what the chain paid.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/expected.h"
#include "ledger/payout/payout_scheme.h"
#include "ledger/payout/payout_split.h"

namespace viddhana::ledger::payout {

class SoloScheme final : public PayoutScheme {
  public:
    // Percent to basis points (1% = 100 bp), the coinbase's fee unit. A percent that is not a
    // whole number of basis points (steps of 0.01%) is an error rather than rounded, so the fee
    // the chain takes is the fee configured. Outside [0, 100] is an error too.
    static Expected<int64_t> percent_to_basis_points(double percent);
    // The coinbase's fee output: coinbase_value * fee_basis_points / 10000, truncated, the job
    // builder's formula (computed in 128 bits, so equal wherever that one does not overflow).
    static int64_t coinbase_fee(int64_t coinbase_value, int64_t fee_basis_points);

    // fee_account is the fee address the coinbase pays; it may be empty only with a zero fee.
    static Expected<SoloScheme> create(double fee_percent, std::string fee_account);
    static Expected<SoloScheme> create_with_basis_points(int64_t fee_basis_points,
                                                         std::string fee_account);

    SchemeKind kind() const override { return SchemeKind::solo; }
    // The same rate in ppm (bp * 100), for reports; the coinbase uses basis points.
    const PoolFee& fee() const override { return fee_; }
    // What the Stratum job builder's CoinbasePayout::fee_basis_points must be set to.
    int64_t fee_basis_points() const { return fee_basis_points_; }

    // The record of a block's coinbase: the finder's amount (coinbase value - fee, weight 2^48,
    // work 0) and the fee, both marked paid_in_coinbase; no dust.
    Expected<Split> record(int64_t coinbase_value, std::string_view finder_login) const;

    Expected<WorkToPay> work_to_pay(double network_difficulty) const override;
    // Uses block.finder_login; `work` is ignored.
    Expected<Split> split_block(const BlockReward& block,
                                std::span<const MinerWork> work) const override;

  private:
    SoloScheme(int64_t fee_basis_points, std::string fee_account)
        : fee_basis_points_(fee_basis_points),
          fee_{fee_basis_points * 100, std::move(fee_account)} {}

    int64_t fee_basis_points_;
    PoolFee fee_;
};

}  // namespace viddhana::ledger::payout
