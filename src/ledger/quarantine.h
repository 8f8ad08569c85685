// Setting aside what the store refuses, and the operator's way back (`viddhana quarantine`): a
// share, a found block or an undecodable spool record goes to the store's quarantine
// (store/quarantine_repository.h) with the reason, encoded as the event bus encodes it, so the
// rest of its batch is stored. retry() stores it once the cause is fixed (a share below its
// node's high-water mark included: it was never stored), drop() removes it for good and leaves
// an event saying so.
#pragma once
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/expected.h"
#include "bus/event_bus.h"
#include "ledger/payout/scheme_kind.h"
#include "store/store.h"

namespace viddhana::ledger {

class Quarantine {
  public:
    Quarantine(store::Store& store, payout::SchemeKind scheme) : store_(store), scheme_(scheme) {}

    // Each throws store::StoreUnavailable when the store cannot be reached (nothing set aside).
    void share(const bus::ShareEvent& share, const std::string& reason, int64_t now_ms);
    void block(const bus::FoundBlock& block, const std::string& reason, int64_t now_ms);
    void record(std::string_view bytes, const std::string& reason, int64_t now_ms);

    // Stores a quarantined record and removes it from the quarantine; what it did, or why it is
    // still refused (the record keeps that reason).
    Expected<std::string> retry(int64_t id, int64_t now_ms);
    // Removes it for good; what it was.
    Expected<std::string> drop(int64_t id, int64_t now_ms);

    // Records set aside by this process.
    uint64_t added() const { return added_.load(std::memory_order_relaxed); }

  private:
    void add(store::NewQuarantined q);

    store::Store& store_;
    payout::SchemeKind scheme_;
    std::atomic<uint64_t> added_{0};
};

// "node 3 sequence 1200": what a quarantined share is called.
std::string quarantine_subject(const bus::ShareEvent& share);

}  // namespace viddhana::ledger
