// Follows every found block until it is confirmed or orphaned. A block is orphaned when the
// node's active chain holds another block at its height (the node says it is off the active
// chain), or when the node never knew it and the grace time has passed; its immature credits are
// taken back. A block deep enough (maturity confirmations) is confirmed: its credits become
// spendable. Decisions are pure (decide_block); pass() applies them through the store.
#pragma once
#include <cstdint>
#include <string>

#include "ledger/chain_view.h"
#include "ledger/ledger_config.h"
#include "store/store.h"

namespace viddhana::ledger {

enum class BlockDecision { keep_waiting, update_confirmations, confirm, orphan };

struct BlockObservation {
    BlockState state;
    std::optional<std::string> active_hash_at_height;  // what the chain has at the block's height
    int64_t tip_height = 0;
};

BlockDecision decide_block(const store::Block& block, const BlockObservation& seen,
                           int maturity_confirmations, int64_t grace_ms, int64_t now_ms);

struct UnlockerPassResult {
    int checked = 0;
    int confirmed = 0;
    int orphaned = 0;
};

class BlockUnlocker {
  public:
    BlockUnlocker(store::Store& store, ChainView& chain, const LedgerConfig& config);
    // One pass over the pending blocks. Throws NodeUnavailable (nothing changed) when the node
    // cannot be asked.
    UnlockerPassResult pass(int64_t now_ms);

  private:
    store::Store& store_;
    ChainView& chain_;
    const LedgerConfig& config_;
};

}  // namespace viddhana::ledger
