// Where the ledger's events come from: the in-process bus, or a Redis Streams consumer group.
// next() hands over a batch; commit() says everything handed over so far is durable, so a
// source that can redeliver (Redis) acknowledges it only then.
#pragma once
#include <chrono>
#include <memory>

#include "bus/event_bus.h"

namespace viddhana::ledger {

class EventSource {
  public:
    virtual ~EventSource() = default;
    // Appends pending events to `out`, waiting up to `timeout`; false once the source is closed.
    virtual bool next(bus::EventBatch& out, std::chrono::milliseconds timeout) = 0;
    virtual void commit() = 0;
};

class SubscriptionSource final : public EventSource {
  public:
    explicit SubscriptionSource(std::unique_ptr<bus::EventSubscription> subscription)
        : subscription_(std::move(subscription)) {}
    bool next(bus::EventBatch& out, std::chrono::milliseconds timeout) override {
        return subscription_->poll(out, timeout);
    }
    void commit() override {}

  private:
    std::unique_ptr<bus::EventSubscription> subscription_;
};

}  // namespace viddhana::ledger
