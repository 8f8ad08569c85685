// Time as an injected dependency: the pure core takes a Clock so tests control time.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>

namespace viddhana {

class Clock {
  public:
    virtual ~Clock() = default;
    // Wall-clock time in milliseconds since the Unix epoch.
    virtual int64_t now_ms() const = 0;
    int64_t now_s() const { return now_ms() / 1000; }
};

class SystemClock final : public Clock {
  public:
    int64_t now_ms() const override {
        using namespace std::chrono;
        return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    }
    static const SystemClock& instance() {
        static const SystemClock clock;
        return clock;
    }
};

// A clock that moves only when told to; for tests and simulations.
class ManualClock final : public Clock {
  public:
    explicit ManualClock(int64_t start_ms = 1'700'000'000'000) : ms_(start_ms) {}
    int64_t now_ms() const override { return ms_.load(std::memory_order_relaxed); }
    void advance_ms(int64_t ms) { ms_.fetch_add(ms, std::memory_order_relaxed); }
    void set_ms(int64_t ms) { ms_.store(ms, std::memory_order_relaxed); }

  private:
    std::atomic<int64_t> ms_;
};

}  // namespace viddhana
