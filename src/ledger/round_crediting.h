// Credits found blocks under the block-time schemes (PPLNS, PROP, SOLO). A block is credited
// once the share that solved it is in the share log, so its window ends exactly at that share:
// PPLNS walks back `factor x network difficulty` of work from it, PROP takes the shares since
// the pool's previous block. The round (window, per-miner work and credits, the pool's fee and
// dust) and the balance rows are stored in one transaction, once per block.
#pragma once
#include <cstdint>

#include "ledger/ledger_config.h"
#include "ledger/payout/payout_scheme.h"
#include "store/store.h"

namespace viddhana::ledger {

struct CreditingPassResult {
    int credited = 0;
    int waiting = 0;  // blocks whose solving share is not in the log yet
};

class RoundCrediting {
  public:
    RoundCrediting(store::Store& store, const payout::PayoutScheme& scheme,
                   const LedgerConfig& config);
    // Credits every uncredited pending or confirmed block whose share has been recorded.
    CreditingPassResult pass(int64_t now_ms);
    // Credits one block; an error when it cannot be credited (the message says why).
    Expected<store::Round> credit(const store::Block& block, int64_t now_ms);

  private:
    store::Store& store_;
    const payout::PayoutScheme& scheme_;
    const LedgerConfig& config_;
};

}  // namespace viddhana::ledger
