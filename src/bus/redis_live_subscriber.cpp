#include "bus/redis_live_subscriber.h"

#include <poll.h>
#include <spdlog/spdlog.h>

#include <cerrno>

#include "bus/redis_connection.h"

namespace viddhana::bus {
namespace {

// How often the listening thread looks at its stop flag.
constexpr int kStopCheckMs = 200;

}  // namespace

RedisLiveSubscriber::RedisLiveSubscriber(RedisBusConfig config, std::vector<std::string> channels,
                                         Handler handler, std::vector<std::string> patterns)
    : config_(std::move(config)),
      channels_(std::move(channels)),
      patterns_(std::move(patterns)),
      handler_(std::move(handler)) {
    thread_ = std::thread([this] { run(); });
}

RedisLiveSubscriber::~RedisLiveSubscriber() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    stop_cv_.notify_all();
    thread_.join();
}

bool RedisLiveSubscriber::wait_for_retry(std::chrono::milliseconds delay) {
    std::unique_lock lock(mutex_);
    return !stop_cv_.wait_for(lock, delay, [&] { return stop_.load(); });
}

void RedisLiveSubscriber::run() {
    auto backoff = config_.retry_initial;
    bool reported_down = false;
    while (!stop_) {
        uint64_t before = subscriptions_.load();
        std::string why = listen();
        connected_ = false;
        if (stop_) break;
        if (subscriptions_.load() != before) {
            // It was up: report this loss, and retry promptly.
            backoff = config_.retry_initial;
            reported_down = false;
        }
        if (!reported_down) {
            reported_down = true;
            spdlog::warn("live events: subscriber lost Redis ({}); reconnecting", why);
        }
        if (!wait_for_retry(backoff)) break;
        backoff = std::min(backoff * 2, config_.retry_max);
    }
}

std::string RedisLiveSubscriber::listen() {
    auto opened = RedisConnection::open(config_);
    if (!opened) return opened.error().message;
    auto& conn = **opened;
    redisContext* c = conn.context();

    size_t expected = 0;
    if (!channels_.empty()) {
        std::vector<std::string_view> args{"SUBSCRIBE"};
        args.insert(args.end(), channels_.begin(), channels_.end());
        conn.append(args);
        expected += channels_.size();
    }
    if (!patterns_.empty()) {
        std::vector<std::string_view> args{"PSUBSCRIBE"};
        args.insert(args.end(), patterns_.begin(), patterns_.end());
        conn.append(args);
        expected += patterns_.size();
    }
    for (int done = 0; !done;) {
        if (redisBufferWrite(c, &done) != REDIS_OK) return c->errstr;
    }

    size_t confirmed = 0;
    while (!stop_) {
        pollfd pfd{c->fd, POLLIN, 0};
        int ready = ::poll(&pfd, 1, kStopCheckMs);
        if (ready < 0) {
            if (errno == EINTR) continue;
            return "poll failed";
        }
        if (ready == 0) continue;
        if (redisBufferRead(c) != REDIS_OK) return c->errstr;
        for (;;) {
            void* raw = nullptr;
            if (redisGetReplyFromReader(c, &raw) != REDIS_OK) return c->errstr;
            if (!raw) break;
            RedisReply reply(static_cast<redisReply*>(raw));
            const redisReply* r = reply.get();
            if (r->type == REDIS_REPLY_ERROR) return std::string(reply_text(r));
            if (r->type != REDIS_REPLY_ARRAY || r->elements < 3) continue;
            std::string_view kind = reply_text(r->element[0]);
            if (kind == "subscribe" || kind == "psubscribe") {
                if (++confirmed == expected) {
                    connected_ = true;
                    if (subscriptions_.fetch_add(1) > 0) {
                        spdlog::info("live events: subscribed again on Redis {}",
                                     describe_server(config_));
                    }
                }
                continue;
            }
            const redisReply* channel = nullptr;
            const redisReply* message = nullptr;
            if (kind == "message") {
                channel = r->element[1];
                message = r->element[2];
            } else if (kind == "pmessage" && r->elements >= 4) {
                channel = r->element[2];
                message = r->element[3];
            } else {
                continue;
            }
            messages_.fetch_add(1);
            try {
                handler_(std::string(reply_text(channel)), std::string(reply_text(message)));
            } catch (const std::exception& e) {
                spdlog::error("live events: handler failed on {}: {}", reply_text(channel),
                              e.what());
            }
        }
    }
    return "";
}

}  // namespace viddhana::bus
