// Makes every event the ledger receives durable: shares go to the share log (with the hashrate
// roll-ups), found blocks become pending blocks. What the store refuses as bad input is set
// aside in the quarantine with the reason (quarantine.h), and the rest of its batch is stored.
// While the store is down, events go to the spool (event_spool.h) and everything newer waits
// behind them there, so each Stratum node's shares reach the log in order; drain() moves the
// spool into the store a bounded chunk at a time once it is back.
#pragma once
#include <cstdint>

#include "bus/event_bus.h"
#include "ledger/event_spool.h"
#include "ledger/ledger_config.h"
#include "ledger/quarantine.h"
#include "store/store.h"

namespace viddhana::ledger {

struct RecorderStats {
    uint64_t shares_written = 0;
    uint64_t shares_duplicate = 0;
    uint64_t shares_spooled = 0;
    uint64_t shares_quarantined = 0;
    uint64_t blocks_recorded = 0;
    uint64_t blocks_rejected = 0;  // refused by the node: logged, not tracked
};

class EventRecorder {
  public:
    EventRecorder(store::Store& store, const LedgerConfig& config, EventSpool& spool,
                  Quarantine& quarantine);
    // Returns once the batch is durable: stored, quarantined or spooled. Throws when the
    // spool's disk fails (then nothing of the batch may be acknowledged).
    void record(const bus::EventBatch& batch, int64_t now_ms);
    // Moves up to max_chunks chunks of the spool into the store, unless the store was found
    // down less than the retry interval ago. True when the spool is empty afterwards.
    bool drain(int64_t now_ms, size_t max_chunks = 8);
    bool store_available() const { return store_available_; }
    bool spooled() const { return !spool_.empty(); }
    const RecorderStats& stats() const { return stats_; }

  private:
    // Each throws store::StoreUnavailable, leaving what it did not store to a replay.
    void store_batch(const bus::EventBatch& batch, int64_t now_ms);
    void store_shares(std::span<const bus::ShareEvent> shares, int64_t now_ms);
    void store_block(const bus::FoundBlock& block, int64_t now_ms);
    void went_down(const std::exception& e, int64_t now_ms);

    store::Store& store_;
    const LedgerConfig& config_;
    EventSpool& spool_;
    Quarantine& quarantine_;
    bool store_available_ = true;
    int64_t next_attempt_ms_ = 0;
    int64_t backoff_ms_ = 0;
    RecorderStats stats_;
};

// Whether a submitted block is worth following: the node took it, or its answer leaves it
// possible (duplicate, inconclusive, or no verdict because the node went away).
bool block_worth_tracking(const bus::FoundBlock& block);

}  // namespace viddhana::ledger
