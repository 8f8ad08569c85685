// Credits accepted shares under the share-time schemes (PPS, FPPS): reads the share log after
// its cursor, values each batch at the network difficulty and subsidy its shares were judged
// at, and stores the credits, the pool's fee and dust, and the new cursor in one transaction,
// so every share is paid exactly once whatever crashes in between.
#pragma once
#include <cstdint>
#include <deque>
#include <vector>

#include "chain/coin.h"
#include "ledger/ledger_config.h"
#include "ledger/payout/payout_scheme.h"
#include "store/store.h"

namespace viddhana::ledger {

class ShareCrediting {
  public:
    ShareCrediting(store::Store& store, const payout::PayoutScheme& scheme,
                   const chain::CoinParams& coin, const LedgerConfig& config);
    // Credits up to `max_shares` shares past the cursor; returns how many were credited.
    Expected<size_t> pass(int64_t now_ms, size_t max_shares = 50'000);
    // FPPS: the total fees of a recent block template (the mean of the last ones is used).
    void observe_template_fees(int64_t fees);

    static constexpr const char* kCursorKey = "ledger.share_credit_cursor";

  private:
    store::Store& store_;
    const payout::PayoutScheme& scheme_;
    const chain::CoinParams& coin_;
    const LedgerConfig& config_;
    std::deque<int64_t> recent_fees_;
};

}  // namespace viddhana::ledger
