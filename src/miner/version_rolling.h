// Version rolling (BIP310) arithmetic (pure): a counter's bits spread over the positions of the
// negotiated mask give each rolled header its own version.
#pragma once
#include <cstdint>

namespace viddhana::miner {

// Deposits the low bits of `counter` into the set bits of `mask`, lowest first (the PDEP
// instruction's semantics). Bits of `counter` beyond popcount(mask) are dropped.
uint32_t spread_bits(uint64_t counter, uint32_t mask);

// How many distinct versions a mask allows: 2^popcount(mask) (1 for an empty mask).
uint64_t version_roll_count(uint32_t mask);

// The header version for roll `counter`: the job's version outside the mask, the counter's
// spread bits inside it.
inline uint32_t rolled_version(uint32_t job_version, uint32_t mask, uint64_t counter) {
    return (job_version & ~mask) | spread_bits(counter, mask);
}

}  // namespace viddhana::miner
