#include "bus/redis_live_publisher.h"

#include <spdlog/spdlog.h>

#include "bus/redis_connection.h"

namespace viddhana::bus {

RedisLivePublisher::RedisLivePublisher(RedisBusConfig config)
    : config_(std::move(config)), backoff_(config_.retry_initial) {}

RedisLivePublisher::~RedisLivePublisher() = default;

bool RedisLivePublisher::connected() const {
    std::lock_guard lock(mutex_);
    return connection_ != nullptr;
}

Expected<int64_t> RedisLivePublisher::publish(std::string_view channel, std::string_view json) {
    std::lock_guard lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    if (!connection_) {
        if (now < next_attempt_) {
            return make_error("Redis " + describe_server(config_) + " unreachable; retrying later");
        }
        auto opened = RedisConnection::open(config_);
        if (!opened) {
            next_attempt_ = now + backoff_;
            backoff_ = std::min(backoff_ * 2, config_.retry_max);
            if (!reported_down_) {
                reported_down_ = true;
                spdlog::warn("live events: {}; not publishing until it is back",
                             opened.error().message);
            }
            return opened.error();
        }
        connection_ = std::move(*opened);
        backoff_ = config_.retry_initial;
        if (reported_down_) {
            reported_down_ = false;
            spdlog::info("live events: connected to Redis {} again", describe_server(config_));
        }
    }
    auto reply = connection_->command({"PUBLISH", channel, json});
    if (!reply) {
        if (connection_->broken()) {
            connection_.reset();
            next_attempt_ = now;  // the next call reconnects at once: Redis may just have restarted
            if (!reported_down_) {
                reported_down_ = true;
                spdlog::warn("live events: lost Redis ({})", reply.error().message);
            }
        }
        return reply.error();
    }
    return static_cast<int64_t>((*reply)->integer);
}

}  // namespace viddhana::bus
