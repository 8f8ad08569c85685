// Live events for API servers, receiving side: a thread with its own connection SUBSCRIBEs to
// channels (and PSUBSCRIBEs to patterns) and calls a handler for every message. When Redis goes
// away it reconnects with backoff and subscribes again; messages published meanwhile are missed
// (pub/sub keeps nothing), which is fine for live feeds: durable data goes through the stream.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bus/redis_config.h"

namespace viddhana::bus {

class RedisLiveSubscriber {
  public:
    // Called on the subscriber's thread; it should hand the message on quickly. Exceptions are
    // logged and swallowed.
    using Handler = std::function<void(const std::string& channel, const std::string& message)>;

    RedisLiveSubscriber(RedisBusConfig config, std::vector<std::string> channels, Handler handler,
                        std::vector<std::string> patterns = {});
    // Stops the thread (within ~200 ms).
    ~RedisLiveSubscriber();
    RedisLiveSubscriber(const RedisLiveSubscriber&) = delete;
    RedisLiveSubscriber& operator=(const RedisLiveSubscriber&) = delete;

    // True while every subscription is confirmed and the connection is up.
    bool connected() const { return connected_.load(); }
    // How many times the subscriptions were (re-)established: goes up after a reconnection.
    uint64_t subscriptions() const { return subscriptions_.load(); }
    uint64_t messages() const { return messages_.load(); }

  private:
    void run();
    // One connection's life; returns why it ended ("" when stopping).
    std::string listen();
    bool wait_for_retry(std::chrono::milliseconds delay);

    const RedisBusConfig config_;
    const std::vector<std::string> channels_;
    const std::vector<std::string> patterns_;
    const Handler handler_;

    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::condition_variable stop_cv_;
    std::atomic<bool> connected_{false};
    std::atomic<uint64_t> subscriptions_{0};
    std::atomic<uint64_t> messages_{0};
    std::thread thread_;
};

}  // namespace viddhana::bus
