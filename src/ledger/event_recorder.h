// Makes every event the ledger receives durable: shares go to the share log (with the hashrate
// roll-ups), found blocks become pending blocks. While the store is down both go to spool files
// on disk, and nothing newer is written to the store before the spools are drained, so each
// Stratum node's shares reach the log in order.
#pragma once
#include <cstdint>

#include "bus/event_bus.h"
#include "ledger/block_spool.h"
#include "ledger/ledger_config.h"
#include "store/share_spool.h"
#include "store/store.h"

namespace viddhana::ledger {

struct RecorderStats {
    uint64_t shares_written = 0;
    uint64_t shares_duplicate = 0;
    uint64_t shares_spooled = 0;
    uint64_t blocks_recorded = 0;
    uint64_t blocks_rejected = 0;  // refused by the node: logged, not tracked
};

class EventRecorder {
  public:
    EventRecorder(store::Store& store, const LedgerConfig& config, store::ShareSpool& shares,
                  BlockSpool& blocks);
    // Returns once the batch is durable (stored or spooled). Bad input the store refuses is
    // logged and dropped whole (it can never be stored); an I/O failure of the spool throws.
    void record(const bus::EventBatch& batch, int64_t now_ms);
    // Moves what the spools hold into the store; true when they are empty afterwards.
    bool drain(int64_t now_ms);
    bool store_available() const { return store_available_; }
    const RecorderStats& stats() const { return stats_; }

  private:
    void store_shares(std::span<const bus::ShareEvent> shares);
    void store_block(const bus::FoundBlock& block);

    store::Store& store_;
    const LedgerConfig& config_;
    store::ShareSpool& share_spool_;
    BlockSpool& block_spool_;
    bool store_available_ = true;
    RecorderStats stats_;
};

// Whether a submitted block is worth following: the node took it, or its answer leaves it
// possible (duplicate, inconclusive, or no verdict because the node went away).
bool block_worth_tracking(const bus::FoundBlock& block);

}  // namespace viddhana::ledger
