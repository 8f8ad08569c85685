#include "http/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace viddhana::http {

RateLimiter::RateLimiter(const Clock& clock, size_t max_clients)
    : clock_(clock), max_clients_(max_clients) {}

void RateLimiter::define(const std::string& bucket, BucketSpec spec) {
    if (spec.capacity < 1 || spec.period_ms < 1) {
        throw std::invalid_argument("rate limit bucket " + bucket +
                                    " needs a capacity and period of at least 1");
    }
    std::lock_guard lock(mutex_);
    buckets_[bucket] = Bucket{spec, {}};
}

bool RateLimiter::has_bucket(const std::string& bucket) const {
    std::lock_guard lock(mutex_);
    return buckets_.count(bucket) > 0;
}

size_t RateLimiter::tracked_clients() const {
    std::lock_guard lock(mutex_);
    size_t n = 0;
    for (const auto& [_, b] : buckets_)
        n += b.clients.size();
    return n;
}

void RateLimiter::refill(const BucketSpec& spec, State& s, int64_t now) const {
    if (now <= s.updated_ms) return;
    double rate = static_cast<double>(spec.capacity) / static_cast<double>(spec.period_ms);
    s.tokens = std::min<double>(static_cast<double>(spec.capacity),
                                s.tokens + rate * static_cast<double>(now - s.updated_ms));
    s.updated_ms = now;
}

void RateLimiter::forget_idle(Bucket& b, int64_t now) {
    // A client whose bucket has refilled completely is indistinguishable from a new one.
    for (auto it = b.clients.begin(); it != b.clients.end();) {
        refill(b.spec, it->second, now);
        if (it->second.tokens >= static_cast<double>(b.spec.capacity)) {
            it = b.clients.erase(it);
        } else {
            ++it;
        }
    }
    // Still full of active clients: start over rather than grow without bound.
    if (b.clients.size() >= max_clients_) b.clients.clear();
}

RateDecision RateLimiter::take(const std::string& bucket, const std::string& client) {
    int64_t now = clock_.now_ms();
    std::lock_guard lock(mutex_);
    auto bit = buckets_.find(bucket);
    if (bit == buckets_.end()) return RateDecision{true, 0, 0, 0};
    Bucket& b = bit->second;
    auto it = b.clients.find(client);
    if (it == b.clients.end()) {
        if (b.clients.size() >= max_clients_) forget_idle(b, now);
        it = b.clients.emplace(client, State{static_cast<double>(b.spec.capacity), now}).first;
    }
    State& s = it->second;
    refill(b.spec, s, now);
    RateDecision d;
    d.limit = b.spec.capacity;
    if (s.tokens >= 1.0) {
        s.tokens -= 1.0;
        d.allowed = true;
        d.remaining = static_cast<int64_t>(std::floor(s.tokens));
        return d;
    }
    double wait_ms = (1.0 - s.tokens) * static_cast<double>(b.spec.period_ms) /
                     static_cast<double>(b.spec.capacity);
    d.allowed = false;
    d.remaining = 0;
    d.retry_after_seconds =
        std::max<int64_t>(1, static_cast<int64_t>(std::ceil(wait_ms / 1000.0 - 1e-9)));
    return d;
}

}  // namespace viddhana::http
