// One synchronous hiredis connection: connect with a timeout, AUTH, SELECT, binary-safe
// commands, pipelining (append many, then read the replies in order). An I/O failure or a
// timeout breaks the connection for good (hiredis cannot resume a half-read reply): the owner
// opens a new one. Not thread-safe: one owner thread.
#pragma once
#include <hiredis/hiredis.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/expected.h"
#include "bus/redis_config.h"

namespace viddhana::bus {

struct RedisReplyDeleter {
    void operator()(redisReply* r) const {
        if (r) freeReplyObject(r);
    }
};
using RedisReply = std::unique_ptr<redisReply, RedisReplyDeleter>;

inline std::string_view reply_text(const redisReply* r) {
    return r && r->str ? std::string_view(r->str, r->len) : std::string_view();
}

class RedisConnection {
  public:
    // Connects to config's server, authenticates and selects its database.
    static Expected<std::unique_ptr<RedisConnection>> open(const RedisBusConfig& config);
    ~RedisConnection();
    RedisConnection(const RedisConnection&) = delete;
    RedisConnection& operator=(const RedisConnection&) = delete;

    // Sends one command and waits for its reply. An error reply is an Error whose message is
    // the server's text (e.g. "NOGROUP ..."), and leaves the connection usable; an I/O failure
    // is an Error too and breaks the connection.
    Expected<RedisReply> command(const std::vector<std::string_view>& args);

    // Pipelining: append() buffers a command; reply() flushes what is buffered and reads the
    // next reply, error replies included (type REDIS_REPLY_ERROR), in order.
    void append(const std::vector<std::string_view>& args);
    Expected<RedisReply> reply();

    // Socket send/receive timeout for the commands that follow.
    void set_timeout(std::chrono::milliseconds timeout);

    bool broken() const { return context_->err != 0; }
    redisContext* context() { return context_; }

  private:
    explicit RedisConnection(redisContext* context, std::string server)
        : context_(context), server_(std::move(server)) {}
    Error io_error() const;

    redisContext* context_;
    std::string server_;
};

}  // namespace viddhana::bus
