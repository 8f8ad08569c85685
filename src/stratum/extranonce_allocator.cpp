#include "stratum/extranonce_allocator.h"

namespace viddhana::stratum {

namespace {

constexpr uint32_t kSpace = 1u << 24;

uint32_t to_u32(const Extranonce1& v) {
    return static_cast<uint32_t>(v[0]) << 24 | static_cast<uint32_t>(v[1]) << 16 |
           static_cast<uint32_t>(v[2]) << 8 | v[3];
}

Extranonce1 from_u32(uint32_t v) {
    return {static_cast<uint8_t>(v >> 24), static_cast<uint8_t>(v >> 16),
            static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v)};
}

}  // namespace

ExtranonceAllocator::ExtranonceAllocator(uint8_t node_id) : node_id_(node_id) {}

std::optional<Extranonce1> ExtranonceAllocator::acquire() {
    std::lock_guard lock(mutex_);
    const uint32_t prefix = static_cast<uint32_t>(node_id_) << 24;
    for (uint32_t tries = 0; tries < kSpace; ++tries) {
        uint32_t v = prefix | next_;
        next_ = (next_ + 1) % kSpace;
        if (used_.insert(v).second) {
            parked_.erase(v);  // no longer resumable: someone else has it now
            return from_u32(v);
        }
    }
    return std::nullopt;
}

void ExtranonceAllocator::release(const Extranonce1& value) {
    std::lock_guard lock(mutex_);
    used_.erase(to_u32(value));
}

void ExtranonceAllocator::release(const Extranonce1& value, DuplicateFilter&& credited,
                                  uint64_t block_key, int64_t now_ms) {
    std::lock_guard lock(mutex_);
    const uint32_t v = to_u32(value);
    used_.erase(v);
    expire(now_ms);
    while (parked_.size() >= kMaxResumable && !released_.empty()) {
        const Released& oldest = released_.front();
        if (auto it = parked_.find(oldest.value);
            it != parked_.end() && it->second.seq == oldest.seq)
            parked_.erase(it);
        released_.pop_front();
    }
    Parked& p = parked_[v];
    p.block_key = block_key;
    p.credited = std::move(credited);
    p.seq = ++seq_;
    released_.push_back({v, p.seq, now_ms});
}

bool ExtranonceAllocator::resume(const Extranonce1& wanted, const Extranonce1& current,
                                 uint64_t block_key, DuplicateFilter& credited, int64_t now_ms) {
    std::lock_guard lock(mutex_);
    expire(now_ms);
    const uint32_t v = to_u32(wanted);
    auto it = parked_.find(v);
    if (it == parked_.end() || used_.count(v)) return false;
    if (it->second.block_key == block_key) {
        credited = std::move(it->second.credited);
    } else {
        credited.clear();
    }
    parked_.erase(it);
    used_.insert(v);
    used_.erase(to_u32(current));
    return true;
}

void ExtranonceAllocator::expire(int64_t now_ms) {
    while (!released_.empty() && now_ms - released_.front().at_ms > kResumableMs) {
        const Released& r = released_.front();
        if (auto it = parked_.find(r.value); it != parked_.end() && it->second.seq == r.seq)
            parked_.erase(it);
        released_.pop_front();
    }
}

void ExtranonceAllocator::set_node_id(uint8_t node_id) {
    std::lock_guard lock(mutex_);
    node_id_ = node_id;
}

uint8_t ExtranonceAllocator::node_id() const {
    std::lock_guard lock(mutex_);
    return node_id_;
}

size_t ExtranonceAllocator::in_use() const {
    std::lock_guard lock(mutex_);
    return used_.size();
}

size_t ExtranonceAllocator::resumable() const {
    std::lock_guard lock(mutex_);
    return parked_.size();
}

}  // namespace viddhana::stratum
