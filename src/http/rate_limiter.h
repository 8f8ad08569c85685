// Per-client token buckets, grouped in named buckets ("api": 100 per minute, "auth": 10 per
// 15 minutes). A bucket holds `capacity` tokens and refills continuously at capacity per
// `period_ms`; a request takes one token or is refused with the seconds until one is back.
// Time comes from the injected Clock. Thread-safe; idle clients are forgotten when the table
// grows past `max_clients`, so a flood of addresses cannot grow it without bound.
#pragma once
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>

#include "base/clock.h"

namespace viddhana::http {

struct BucketSpec {
    int64_t capacity = 100;
    int64_t period_ms = 60'000;
};

struct RateDecision {
    bool allowed = true;
    int64_t limit = 0;                // the bucket's capacity
    int64_t remaining = 0;            // whole tokens left after this request
    int64_t retry_after_seconds = 0;  // when refused: until one token is back (>= 1)
};

class RateLimiter {
  public:
    explicit RateLimiter(const Clock& clock, size_t max_clients = 100'000);

    // Throws std::invalid_argument for capacity < 1 or period_ms < 1.
    void define(const std::string& bucket, BucketSpec spec);
    bool has_bucket(const std::string& bucket) const;
    // Takes a token from `client`'s bucket. An undefined bucket always allows.
    RateDecision take(const std::string& bucket, const std::string& client);
    size_t tracked_clients() const;

  private:
    struct State {
        double tokens = 0;
        int64_t updated_ms = 0;
    };
    struct Bucket {
        BucketSpec spec;
        std::unordered_map<std::string, State> clients;
    };
    void refill(const BucketSpec& spec, State& s, int64_t now) const;
    void forget_idle(Bucket& b, int64_t now);

    const Clock& clock_;
    const size_t max_clients_;
    mutable std::mutex mutex_;
    std::map<std::string, Bucket> buckets_;
};

}  // namespace viddhana::http
