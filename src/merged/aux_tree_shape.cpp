// Slot choice for the aux merkle tree.
#include "merged/aux_tree_shape.h"

#include <algorithm>
#include <string>

namespace viddhana::merged {

namespace {

bool slots_distinct(std::vector<uint32_t> slots) {
    std::sort(slots.begin(), slots.end());
    return std::adjacent_find(slots.begin(), slots.end()) == slots.end();
}

std::vector<uint32_t> slots_for(std::span<const int32_t> chain_ids, unsigned height,
                                uint32_t nonce) {
    std::vector<uint32_t> slots;
    slots.reserve(chain_ids.size());
    for (int32_t id : chain_ids)
        slots.push_back(aux_slot(nonce, id, height));
    return slots;
}

}  // namespace

uint32_t aux_slot(uint32_t nonce, int32_t chain_id, unsigned height) {
    // Unsigned arithmetic wraps modulo 2^32 exactly as the node's uint32_t does.
    uint32_t rand = nonce;
    rand = rand * 1103515245u + 12345u;
    rand += static_cast<uint32_t>(chain_id);
    rand = rand * 1103515245u + 12345u;
    return height >= 32 ? rand : rand % (uint32_t{1} << height);
}

Expected<AuxTreeShape> aux_tree_shape(std::span<const int32_t> chain_ids, unsigned height,
                                      uint32_t nonce) {
    if (chain_ids.empty()) return make_error("no aux chain to place in the tree");
    if (height > kMaxAuxTreeHeight) {
        return make_error("aux tree height " + std::to_string(height) + " is over the limit of " +
                          std::to_string(kMaxAuxTreeHeight));
    }
    AuxTreeShape shape{height, nonce, slots_for(chain_ids, height, nonce)};
    if (!slots_distinct(shape.slots)) {
        return make_error("two aux chains fall in the same slot of a tree of " +
                          std::to_string(shape.size()) +
                          ": their chain ids are equal modulo the tree size");
    }
    return shape;
}

Expected<AuxTreeShape> plan_aux_tree(std::span<const int32_t> chain_ids, uint32_t nonce) {
    if (chain_ids.empty()) return make_error("no aux chain to place in the tree");
    std::vector<int32_t> sorted(chain_ids.begin(), chain_ids.end());
    std::sort(sorted.begin(), sorted.end());
    if (auto dup = std::adjacent_find(sorted.begin(), sorted.end()); dup != sorted.end()) {
        return make_error("aux chain id " + std::to_string(*dup) +
                          " is listed twice: one tree holds one block per chain");
    }
    unsigned height = 0;
    while ((uint64_t{1} << height) < chain_ids.size())
        ++height;
    for (; height <= kMaxAuxTreeHeight; ++height) {
        auto slots = slots_for(chain_ids, height, nonce);
        if (slots_distinct(slots)) return AuxTreeShape{height, nonce, std::move(slots)};
    }
    return make_error("these aux chain ids are equal modulo 2^" +
                      std::to_string(kMaxAuxTreeHeight) + ": no aux tree separates them");
}

}  // namespace viddhana::merged
