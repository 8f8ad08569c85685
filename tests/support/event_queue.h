// A thread-safe queue that callbacks push into and a test waits on, with a deadline: the way to
// wait for an asynchronous event without sleeping.
#pragma once
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>

namespace viddhana::test {

template <typename T>
class EventQueue {
  public:
    void push(T value) {
        {
            std::lock_guard lock(mutex_);
            events_.push_back(std::move(value));
        }
        cv_.notify_all();
    }

    // Removes and returns the first event matching `match` (older non-matching events are
    // dropped), or nullopt when none arrived before the deadline.
    std::optional<T> wait_for(const std::function<bool(const T&)>& match,
                              std::chrono::milliseconds deadline) {
        std::unique_lock lock(mutex_);
        auto until = std::chrono::steady_clock::now() + deadline;
        for (;;) {
            while (!events_.empty()) {
                T front = std::move(events_.front());
                events_.pop_front();
                if (match(front)) return front;
            }
            if (cv_.wait_until(lock, until) == std::cv_status::timeout && events_.empty()) {
                return std::nullopt;
            }
        }
    }

    std::optional<T> wait_any(std::chrono::milliseconds deadline) {
        return wait_for([](const T&) { return true; }, deadline);
    }

    void clear() {
        std::lock_guard lock(mutex_);
        events_.clear();
    }

    size_t size() const {
        std::lock_guard lock(mutex_);
        return events_.size();
    }

  private:
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<T> events_;
};

}  // namespace viddhana::test
