// Small named values the roles keep across restarts (last processed stream id, round start),
// and the events/alerts log.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/expected.h"
#include "store/records.h"

namespace viddhana::store {

class PoolStateRepository {
  public:
    virtual ~PoolStateRepository() = default;
    virtual std::optional<std::string> get(const std::string& key) = 0;
    // Key: 1..128 characters.
    virtual Expected<bool> put(const std::string& key, const std::string& value,
                               int64_t now_ms) = 0;
    // Sets the key only if it still holds `expected` (absent: only if missing). True if set.
    virtual Expected<bool> compare_and_put(const std::string& key,
                                           const std::optional<std::string>& expected,
                                           const std::string& value, int64_t now_ms) = 0;
};

class EventRepository {
  public:
    virtual ~EventRepository() = default;
    // kind and subject non-empty.
    virtual Expected<Event> add_event(const NewEvent& event) = 0;
    // Newest first; one kind when given.
    virtual Expected<std::vector<Event>> events(Page page,
                                                std::optional<std::string> kind = std::nullopt) = 0;
};

}  // namespace viddhana::store
