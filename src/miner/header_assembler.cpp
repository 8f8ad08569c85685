#include "miner/header_assembler.h"

#include <cstring>

#include "chain/merkle.h"
#include "chain/sha256.h"

namespace viddhana::miner {

void build_coinbase(const MinerJob& job, std::span<const uint8_t> extranonce1,
                    std::span<const uint8_t> extranonce2, Bytes& out) {
    out.clear();
    out.reserve(job.coinb1.size() + extranonce1.size() + extranonce2.size() + job.coinb2.size());
    out.insert(out.end(), job.coinb1.begin(), job.coinb1.end());
    out.insert(out.end(), extranonce1.begin(), extranonce1.end());
    out.insert(out.end(), extranonce2.begin(), extranonce2.end());
    out.insert(out.end(), job.coinb2.begin(), job.coinb2.end());
}

chain::Uint256 merkle_root(const MinerJob& job, std::span<const uint8_t> coinbase) {
    return chain::merkle_root_from_branch(chain::sha256d(coinbase), job.merkle_branch);
}

Header build_header(const MinerJob& job, const chain::Uint256& root, uint32_t version,
                    uint32_t ntime, uint32_t nonce) {
    Header h{};
    store_le<uint32_t>(h.data() + kVersionOffset, version);
    std::memcpy(h.data() + 4, job.prev_block.data(), 32);
    std::memcpy(h.data() + 36, root.data(), 32);
    store_le<uint32_t>(h.data() + 68, ntime);
    store_le<uint32_t>(h.data() + 72, job.bits);
    store_le<uint32_t>(h.data() + kNonceOffset, nonce);
    return h;
}

void extranonce2_bytes(uint64_t counter, std::span<uint8_t> out) {
    for (size_t i = 0; i < out.size(); ++i) {
        out[i] = i < 8 ? static_cast<uint8_t>(counter >> (8 * i)) : 0;
    }
}

}  // namespace viddhana::miner
