#include "stratum/extranonce_allocator.h"

namespace viddhana::stratum {

namespace {
constexpr uint32_t kSpace = 1u << 24;
}

ExtranonceAllocator::ExtranonceAllocator(uint8_t node_id) : node_id_(node_id) {}

std::optional<std::array<uint8_t, 4>> ExtranonceAllocator::acquire() {
    std::lock_guard lock(mutex_);
    if (used_.size() >= kSpace) return std::nullopt;
    while (used_.count(next_))
        next_ = (next_ + 1) % kSpace;
    uint32_t v = next_;
    next_ = (next_ + 1) % kSpace;
    used_.insert(v);
    return std::array<uint8_t, 4>{node_id_, static_cast<uint8_t>(v >> 16),
                                  static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v)};
}

void ExtranonceAllocator::release(const std::array<uint8_t, 4>& value) {
    std::lock_guard lock(mutex_);
    used_.erase(static_cast<uint32_t>(value[1]) << 16 | static_cast<uint32_t>(value[2]) << 8 |
                value[3]);
}

size_t ExtranonceAllocator::in_use() const {
    std::lock_guard lock(mutex_);
    return used_.size();
}

}  // namespace viddhana::stratum
