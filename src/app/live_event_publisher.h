// The ledger's work as live events for the API's WebSocket clients. The ledger calls it after
// each recorded batch (blocks found, shares per miner) and each book-keeping pass (blocks that
// confirmed or orphaned, payments that went out or confirmed: found by comparing the store's
// newest rows with the previous pass). The events go to every sink: the API server in the same
// process, and Redis pub/sub for API nodes elsewhere.
#pragma once
#include <functional>
#include <mutex>
#include <vector>

#include "api/live_events.h"
#include "ledger/ledger_observer.h"
#include "store/store.h"

namespace viddhana::app {

class LiveEventPublisher final : public ledger::LedgerObserver {
  public:
    using Sink = std::function<void(const std::vector<api::LiveEvent>&)>;

    LiveEventPublisher(store::Store& store, int maturity_confirmations);
    // Returns the sink's id for remove_sink().
    int add_sink(Sink sink);
    // Once it returns, the sink is not called any more.
    void remove_sink(int id);

    void recorded(const bus::EventBatch& batch) override;
    void books_kept() override;

  private:
    void send(const std::vector<api::LiveEvent>& events);

    store::Store& store_;
    std::mutex mutex_;  // the ledger calls from two threads
    api::BlockWatcher blocks_;
    api::PaymentWatcher payments_;
    std::mutex sinks_mutex_;
    std::vector<std::pair<int, Sink>> sinks_;
    int next_sink_ = 1;
};

}  // namespace viddhana::app
