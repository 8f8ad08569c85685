// The event bus between roles: the Stratum role publishes share and block events; the ledger (and,
// later, live API feeds) consume them. In one process it is InProcessBus; across processes the
// Redis Streams implementation carries the same events. Publishing never blocks on consumers.
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

#include "bus/found_block.h"
#include "bus/share_event.h"

namespace viddhana::bus {

struct EventBatch {
    std::vector<ShareEvent> shares;
    std::vector<FoundBlock> blocks;
    bool empty() const { return shares.empty() && blocks.empty(); }
};

class EventSubscription {
  public:
    virtual ~EventSubscription() = default;
    // Waits up to `timeout` for events and moves everything pending into `out` (appending).
    // Returns false once the bus is closed and drained.
    virtual bool poll(EventBatch& out, std::chrono::milliseconds timeout) = 0;
};

class EventBus {
  public:
    virtual ~EventBus() = default;
    virtual void publish(std::vector<ShareEvent>&& shares) = 0;
    virtual void publish(FoundBlock&& block) = 0;
    // A new consumer; it sees events published after this call.
    virtual std::unique_ptr<EventSubscription> subscribe() = 0;
    virtual void close() = 0;
};

}  // namespace viddhana::bus
