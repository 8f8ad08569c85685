// Live events for API servers over Redis pub/sub: PUBLISH of a JSON text on a channel. Live
// feeds are best-effort by nature (a subscriber that is not connected misses the message), so
// nothing is queued: when Redis is unreachable publish() returns an Error at once, and tries to
// reconnect at most once per backoff interval so that a caller in a loop is not held up by
// connect timeouts. Thread-safe.
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>

#include "base/expected.h"
#include "bus/redis_config.h"

namespace viddhana::bus {

class RedisConnection;

class RedisLivePublisher {
  public:
    explicit RedisLivePublisher(RedisBusConfig config);
    ~RedisLivePublisher();
    RedisLivePublisher(const RedisLivePublisher&) = delete;
    RedisLivePublisher& operator=(const RedisLivePublisher&) = delete;

    // The number of subscribers that received the message.
    Expected<int64_t> publish(std::string_view channel, std::string_view json);

    bool connected() const;

  private:
    const RedisBusConfig config_;
    mutable std::mutex mutex_;
    std::unique_ptr<RedisConnection> connection_;
    std::chrono::milliseconds backoff_;
    std::chrono::steady_clock::time_point next_attempt_{};
    bool reported_down_ = false;
};

}  // namespace viddhana::bus
