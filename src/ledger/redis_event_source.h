// The ledger's events from a Redis Streams consumer group: entries are acknowledged only on
// commit(), after the recorder made their events durable.
#pragma once
#include <vector>

#include "bus/redis_stream_consumer.h"
#include "ledger/event_source.h"

namespace viddhana::ledger {

class RedisEventSource final : public EventSource {
  public:
    explicit RedisEventSource(bus::RedisBusConfig config) : consumer_(std::move(config)) {}
    bool next(bus::EventBatch& out, std::chrono::milliseconds timeout) override {
        consumer_.poll(out, pending_, timeout);
        return true;
    }
    void commit() override {
        if (pending_.empty()) return;
        consumer_.ack(pending_);
        pending_.clear();
    }
    bus::RedisStreamConsumer& consumer() { return consumer_; }

  private:
    bus::RedisStreamConsumer consumer_;
    std::vector<bus::EntryId> pending_;
};

}  // namespace viddhana::ledger
