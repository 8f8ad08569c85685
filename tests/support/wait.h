// Polling a condition with a deadline: how tests wait for servers, never with a blind sleep.
#pragma once
#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>

namespace viddhana::test {

// Calls `condition` every `interval` until it returns true; throws std::runtime_error naming
// `what` when the deadline passes first.
inline void wait_until(const std::function<bool()>& condition, std::chrono::milliseconds deadline,
                       const std::string& what,
                       std::chrono::milliseconds interval = std::chrono::milliseconds(50)) {
    auto until = std::chrono::steady_clock::now() + deadline;
    while (!condition()) {
        if (std::chrono::steady_clock::now() >= until) {
            throw std::runtime_error("timed out after " + std::to_string(deadline.count()) +
                                     " ms waiting for " + what);
        }
        std::this_thread::sleep_for(interval);
    }
}

}  // namespace viddhana::test
