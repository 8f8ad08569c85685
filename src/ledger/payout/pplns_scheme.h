// PPLNS (pay per last N shares): a found block pays the newest N units of accepted work, where
// N = factor * network difficulty, walked back from the block's share; the share that crosses N
// counts only in the part that fits. Hopping in and out does not pay, since every share is paid
// by the blocks found while it stays inside the window.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "base/expected.h"
#include "ledger/payout/payout_scheme.h"
#include "ledger/payout/payout_split.h"

namespace viddhana::ledger::payout {

struct PplnsWindowSelection {
    double size = 0;                // N, network-difficulty units
    double counted = 0;             // == size when complete, else all the history held
    bool complete = false;          // false: the history was shorter than N and all of it counts
    size_t shares_counted = 0;      // shares that count, the boundary share included
    double boundary_fraction = 0;   // part of the oldest counted share inside the window (1: all)
    std::vector<MinerWork> miners;  // per-miner work inside the window, sorted by login
};

// Walks `newest_first` (one entry per accepted share, the block's share first) until
// `window_work` (> 0) is summed. Shares of zero work are passed over.
Expected<PplnsWindowSelection> select_pplns_window(std::span<const MinerWork> newest_first,
                                                   double window_work);

class PplnsScheme final : public PayoutScheme {
  public:
    // factor: finite and > 0 (default 2).
    static Expected<PplnsScheme> create(double window_factor, PoolFee fee);

    SchemeKind kind() const override { return SchemeKind::pplns; }
    const PoolFee& fee() const override { return fee_; }
    double window_factor() const { return window_factor_; }

    // N = factor * network difficulty, in network-difficulty units.
    Expected<double> window_work(double network_difficulty) const;
    // N in Stratum share difficulty, the unit the store's window walk sums: N * share_multiplier.
    Expected<double> window_difficulty(double network_difficulty, double share_multiplier) const;
    Expected<PplnsWindowSelection> select_window(std::span<const MinerWork> newest_first,
                                                 double network_difficulty) const;
    // Splits the coinbase value (subsidy + fees) minus the pool fee by the window's work, per
    // share or per miner (the totals of select_window, or of the store's walk: only ratios
    // matter, so Stratum difficulty sums give the same split as network-difficulty units).
    Expected<Split> split(int64_t coinbase_value, std::span<const MinerWork> window) const;

    Expected<WorkToPay> work_to_pay(double network_difficulty) const override;
    Expected<Split> split_block(const BlockReward& block,
                                std::span<const MinerWork> work) const override;

  private:
    PplnsScheme(double window_factor, PoolFee fee)
        : window_factor_(window_factor), fee_(std::move(fee)) {}

    double window_factor_;
    PoolFee fee_;
};

}  // namespace viddhana::ledger::payout
