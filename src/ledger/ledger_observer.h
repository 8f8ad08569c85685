// What the ledger tells live displays about work it just made durable: each batch of events it
// recorded, and each book-keeping pass (blocks may have confirmed or orphaned, payments may have
// gone out). Called on the ledger's own threads after the store has the data; implementations
// hand it on quickly and never throw into the ledger.
#pragma once
#include "bus/event_bus.h"

namespace viddhana::ledger {

class LedgerObserver {
  public:
    virtual ~LedgerObserver() = default;
    virtual void recorded(const bus::EventBatch& batch) = 0;
    virtual void books_kept() = 0;
};

}  // namespace viddhana::ledger
