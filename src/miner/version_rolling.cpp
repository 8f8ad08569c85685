#include "miner/version_rolling.h"

#include <bit>

namespace viddhana::miner {

uint32_t spread_bits(uint64_t counter, uint32_t mask) {
    uint32_t out = 0;
    for (uint32_t m = mask; m != 0 && counter != 0; m &= m - 1) {
        if (counter & 1) out |= m & (~m + 1);  // the lowest set bit of what is left of the mask
        counter >>= 1;
    }
    return out;
}

uint64_t version_roll_count(uint32_t mask) {
    return uint64_t{1} << std::popcount(mask);
}

}  // namespace viddhana::miner
