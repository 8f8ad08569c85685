// Chain hashing costs: SHA256d of a header and of a coinbase, a 12-level merkle branch, and the
// scrypt proof of work (this project's core, single and batched, against libscrypt).
#include <benchmark/benchmark.h>
#include <libscrypt.h>

#include <array>
#include <cstring>
#include <string>
#include <vector>

#include "chain/merkle.h"
#include "chain/scrypt.h"
#include "chain/sha256.h"

namespace {

using namespace viddhana::chain;

std::array<uint8_t, 80> sample_header(uint32_t seed) {
    std::array<uint8_t, 80> h;
    for (size_t i = 0; i < h.size(); ++i)
        h[i] = static_cast<uint8_t>(i * 31 + seed * 7);
    return h;
}

void BM_Sha256dHeader(benchmark::State& state) {
    auto header = sample_header(1);
    uint8_t out[32];
    uint32_t nonce = 0;
    for (auto _ : state) {
        std::memcpy(header.data() + 76, &nonce, 4);
        ++nonce;
        sha256d(header.data(), header.size(), out);
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Sha256dHeader);

void BM_Sha256dCoinbase(benchmark::State& state) {
    std::vector<uint8_t> coinbase(200);
    for (size_t i = 0; i < coinbase.size(); ++i)
        coinbase[i] = static_cast<uint8_t>(i);
    uint8_t out[32];
    uint32_t extranonce = 0;
    for (auto _ : state) {
        std::memcpy(coinbase.data() + 60, &extranonce, 4);
        ++extranonce;
        sha256d(coinbase.data(), coinbase.size(), out);
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(coinbase.size()));
}
BENCHMARK(BM_Sha256dCoinbase);

void BM_MerkleRootFromBranch12(benchmark::State& state) {
    std::vector<Uint256> branch(12);
    for (size_t i = 0; i < branch.size(); ++i)
        branch[i] = Uint256::from_u64(i * 0x9e3779b97f4a7c15ULL);
    Uint256 leaf = Uint256::from_u64(42);
    for (auto _ : state) {
        leaf.data()[0]++;
        Uint256 root = merkle_root_from_branch(leaf, branch);
        benchmark::DoNotOptimize(root);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MerkleRootFromBranch12);

void BM_ScryptSingle(benchmark::State& state) {
    ScryptHasher hasher;
    auto header = sample_header(2);
    uint8_t out[32];
    uint32_t nonce = 0;
    for (auto _ : state) {
        std::memcpy(header.data() + 76, &nonce, 4);
        ++nonce;
        hasher.hash(header.data(), out);
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ScryptSingle);

// hash_many with kLanes headers per call; items are hashes.
void scrypt_batch(benchmark::State& state, ScryptHasher::Core core) {
    ScryptHasher hasher(core);
    std::vector<std::array<uint8_t, 80>> headers;
    for (size_t i = 0; i < ScryptHasher::kLanes; ++i)
        headers.push_back(sample_header(static_cast<uint32_t>(i)));
    std::vector<std::array<uint8_t, 32>> out(headers.size());
    uint32_t nonce = 0;
    for (auto _ : state) {
        for (auto& h : headers) {
            std::memcpy(h.data() + 76, &nonce, 4);
            ++nonce;
        }
        hasher.hash_many(headers, out);
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(headers.size()));
    state.SetLabel(std::string(hasher.core()) + " x" + std::to_string(ScryptHasher::kLanes));
}
void BM_ScryptBatch(benchmark::State& state) {
    scrypt_batch(state, ScryptHasher::Core::best);
}
void BM_ScryptBatchSse2(benchmark::State& state) {
    scrypt_batch(state, ScryptHasher::Core::sse2);
}
BENCHMARK(BM_ScryptBatch);
BENCHMARK(BM_ScryptBatchSse2);

void BM_ScryptLibscrypt(benchmark::State& state) {
    auto header = sample_header(3);
    uint8_t out[32];
    uint32_t nonce = 0;
    for (auto _ : state) {
        std::memcpy(header.data() + 76, &nonce, 4);
        ++nonce;
        libscrypt_scrypt(header.data(), header.size(), header.data(), header.size(), 1024, 1, 1,
                         out, sizeof out);
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ScryptLibscrypt);

}  // namespace
