#include "bus/redis_connection.h"

#include <sys/time.h>

namespace viddhana::bus {
namespace {

timeval to_timeval(std::chrono::milliseconds ms) {
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
    return tv;
}

}  // namespace

Expected<std::unique_ptr<RedisConnection>> RedisConnection::open(const RedisBusConfig& config) {
    std::string server = describe_server(config);
    redisContext* c = redisConnectWithTimeout(config.host.c_str(), config.port,
                                              to_timeval(config.connect_timeout));
    if (!c) return make_error("Redis " + server + ": cannot allocate a connection");
    if (c->err) {
        std::string why = c->errstr;
        redisFree(c);
        return make_error("Redis " + server + ": cannot connect: " + why);
    }
    std::unique_ptr<RedisConnection> conn(new RedisConnection(c, server));
    conn->set_timeout(config.command_timeout);
    redisEnableKeepAlive(c);

    if (!config.password.empty()) {
        std::vector<std::string_view> auth{"AUTH"};
        if (!config.username.empty()) auth.push_back(config.username);
        auth.push_back(config.password);
        auto r = conn->command(auth);
        if (!r) return make_error("Redis " + server + ": AUTH failed: " + r.error().message);
    }
    if (config.db != 0) {
        std::string db = std::to_string(config.db);
        auto r = conn->command({"SELECT", db});
        if (!r)
            return make_error("Redis " + server + ": SELECT " + db +
                              " failed: " + r.error().message);
    }
    return conn;
}

RedisConnection::~RedisConnection() {
    redisFree(context_);
}

Error RedisConnection::io_error() const {
    return make_error("Redis " + server_ + ": " +
                      (context_->err ? std::string(context_->errstr) : std::string("no reply")));
}

void RedisConnection::append(const std::vector<std::string_view>& args) {
    std::vector<const char*> argv;
    std::vector<size_t> lens;
    argv.reserve(args.size());
    lens.reserve(args.size());
    for (auto a : args) {
        argv.push_back(a.data());
        lens.push_back(a.size());
    }
    redisAppendCommandArgv(context_, static_cast<int>(args.size()), argv.data(), lens.data());
}

Expected<RedisReply> RedisConnection::reply() {
    if (context_->err) return io_error();
    void* raw = nullptr;
    if (redisGetReply(context_, &raw) != REDIS_OK || !raw) return io_error();
    return RedisReply(static_cast<redisReply*>(raw));
}

Expected<RedisReply> RedisConnection::command(const std::vector<std::string_view>& args) {
    append(args);
    auto r = reply();
    if (!r) return r;
    if ((*r)->type == REDIS_REPLY_ERROR) return make_error(std::string(reply_text(r->get())));
    return r;
}

void RedisConnection::set_timeout(std::chrono::milliseconds timeout) {
    redisSetTimeout(context_, to_timeval(timeout));
}

}  // namespace viddhana::bus
