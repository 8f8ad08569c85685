// The event bus inside one process: every subscriber has its own queue; publishing appends under
// a short lock and wakes the subscriber. Queues are unbounded by design: a slow consumer costs
// memory (visible in its backlog()), never a lost share or a stalled Stratum thread.
#pragma once
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "bus/event_bus.h"

namespace viddhana::bus {

class InProcessBus final : public EventBus {
  public:
    InProcessBus();
    ~InProcessBus() override;

    void publish(std::vector<ShareEvent>&& shares) override;
    void publish(FoundBlock&& block) override;
    std::unique_ptr<EventSubscription> subscribe() override;
    void close() override;

    // Events published but not yet taken, over all subscribers.
    size_t backlog() const;

  private:
    struct Queue;
    class Subscription;
    mutable std::mutex mutex_;
    std::vector<std::shared_ptr<Queue>> queues_;
    bool closed_ = false;
};

}  // namespace viddhana::bus
