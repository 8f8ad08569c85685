// The producer of the WebSocket's events, on its own thread: blocks found as the Stratum role
// reports them (from the in-process event bus when there is one) and shares per miner; every
// couple of seconds the store's view (blocks confirmed or orphaned, payments, and blocks found
// by other processes); every few seconds pool stats and the hash rate of watched miners. Only
// channels with subscribers cost anything.
#pragma once
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "api/api_context.h"
#include "api/live_events.h"
#include "api/live_hub.h"
#include "bus/event_bus.h"

namespace viddhana::api {

struct LiveFeedOptions {
    int64_t store_poll_ms = 2000;
    int64_t stats_interval_ms = 5000;
};

class LiveFeed {
  public:
    // `bus` may be null (the store alone is the source).
    LiveFeed(ApiContext& ctx, LiveHub& hub, bus::EventBus* bus, LiveFeedOptions options = {});
    ~LiveFeed();
    void start();
    void stop();

  private:
    void run();
    void on_batch(const bus::EventBatch& batch);
    void poll_store();
    void send_stats();
    void emit(const std::vector<LiveEvent>& events);

    ApiContext& ctx_;
    LiveHub& hub_;
    std::unique_ptr<bus::EventSubscription> subscription_;
    LiveFeedOptions options_;
    BlockWatcher blocks_;
    PaymentWatcher payments_;
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::condition_variable wake_;
    std::thread thread_;
};

}  // namespace viddhana::api
