// scrypt(N=1024, r=1, p=1, dkLen=32) of 80-byte headers. PBKDF2-HMAC-SHA256 runs a single iteration
// in both directions, so it is written out directly: the HMAC key (the header) is hashed once into
// inner and outer SHA-256 states, and the 64-byte-aligned first part of the salt is absorbed once
// for all four output blocks. The memory-hard middle is scrypt_core.h, built for SSE2 here and for
// AVX2 in scrypt_avx2.cpp.
#include "chain/scrypt.h"

#include <emmintrin.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>

#include "chain/scrypt_core.h"
#include "chain/sha256.h"

namespace viddhana::chain {

namespace scrypt_detail {

void romix_avx2(uint32_t* const* state, int hashes, void* scratch);

namespace {

struct Sse2Ops {
    using V = __m128i;
    using Index = uint32_t;
    static V add(V a, V b) { return _mm_add_epi32(a, b); }
    static V xor_(V a, V b) { return _mm_xor_si128(a, b); }
    template <int S>
    static V rotl(V x) {
        return _mm_or_si128(_mm_slli_epi32(x, S), _mm_srli_epi32(x, 32 - S));
    }
    template <int Imm>
    static V shuffle(V x) {
        return _mm_shuffle_epi32(x, Imm);
    }
    static V load_state(uint32_t* const* state, int k, int m) {
        return _mm_loadu_si128(reinterpret_cast<const V*>(state[k] + 4 * m));
    }
    static void store_state(uint32_t* const* state, int k, int m, V v) {
        _mm_storeu_si128(reinterpret_cast<V*>(state[k] + 4 * m), v);
    }
    static void store_v(V* p, V v) { _mm_store_si128(p, v); }
    static Index index(V a) { return static_cast<uint32_t>(_mm_cvtsi128_si32(a)) & (kN - 1); }
    static V load_v(const V* pad, Index j, int m) {
        return _mm_load_si128(pad + static_cast<size_t>(j) * 8 + m);
    }
};

constexpr size_t kScratchPerHash = 128 * 1024;

// HMAC-SHA256 keyed with an 80-byte header: the key is longer than a block, so HMAC uses its hash.
struct HeaderHmac {
    Sha256 inner;
    Sha256 outer;

    HeaderHmac() = default;
    explicit HeaderHmac(const uint8_t header[80]) { key(header); }

    void key(const uint8_t header[80]) {
        inner.reset();
        outer.reset();
        uint8_t digest[32];
        sha256(header, 80, digest);
        uint8_t pad[64];
        for (int i = 0; i < 64; ++i)
            pad[i] = static_cast<uint8_t>((i < 32 ? digest[i] : 0) ^ 0x36);
        inner.write(pad, 64);
        for (int i = 0; i < 64; ++i)
            pad[i] = static_cast<uint8_t>((i < 32 ? digest[i] : 0) ^ 0x5c);
        outer.write(pad, 64);
    }

    // HMAC(key, message || be32(block_index)) from a copy of an inner state that has absorbed
    // a prefix of the message already.
    void finish(Sha256 inner_state, const uint8_t* rest, size_t rest_len, uint8_t block_index,
                uint8_t out[32]) const {
        const uint8_t counter[4] = {0, 0, 0, block_index};
        uint8_t inner_hash[32];
        inner_state.write(rest, rest_len).write(counter, 4).finalize(inner_hash);
        Sha256 outer_state = outer;
        outer_state.write(inner_hash, 32).finalize(out);
    }
};

// B = PBKDF2(header, header, 1, 128), stored as two salsa blocks in diagonal order.
void expand(const uint8_t header[80], const HeaderHmac& hmac, uint32_t state[32]) {
    uint8_t bytes[128];
    Sha256 salted = hmac.inner;
    salted.write(header, 64);
    for (uint8_t i = 1; i <= 4; ++i)
        hmac.finish(salted, header + 64, 16, i, bytes + 32 * (i - 1));
    uint32_t words[32];
    std::memcpy(words, bytes, sizeof words);  // little-endian words on x86
    for (int half = 0; half < 2; ++half)
        for (int p = 0; p < 16; ++p)
            state[16 * half + p] = words[16 * half + kDiagonal[p]];
}

// out = PBKDF2(header, B', 1, 32).
void compress(const uint32_t state[32], const HeaderHmac& hmac, uint8_t out[32]) {
    uint32_t words[32];
    for (int half = 0; half < 2; ++half)
        for (int p = 0; p < 16; ++p)
            words[16 * half + kDiagonal[p]] = state[16 * half + p];
    uint8_t bytes[128];
    std::memcpy(bytes, words, sizeof bytes);
    hmac.finish(hmac.inner, bytes, sizeof bytes, 1, out);
}

}  // namespace
}  // namespace scrypt_detail

using namespace scrypt_detail;

struct ScryptHasher::Scratch {
    void* pad = nullptr;
    bool avx2 = false;

    explicit Scratch(Core core) {
        pad = std::aligned_alloc(64, kLanes * kScratchPerHash);
        if (pad == nullptr) throw std::bad_alloc();
        __builtin_cpu_init();
        avx2 = core == Core::best && __builtin_cpu_supports("avx2");
    }
    ~Scratch() { std::free(pad); }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
};

ScryptHasher::ScryptHasher(Core core) : scratch_(std::make_unique<Scratch>(core)) {}
ScryptHasher::~ScryptHasher() = default;

std::string_view ScryptHasher::core() const {
    return scratch_->avx2 ? "avx2" : "sse2";
}

void ScryptHasher::hash(const uint8_t header[80], uint8_t out[32]) {
    HeaderHmac hmac(header);
    alignas(16) uint32_t state[32];
    expand(header, hmac, state);
    uint32_t* states[1] = {state};
    romix<Sse2Ops, 1>(states, scratch_->pad);
    compress(state, hmac, out);
}

void ScryptHasher::hash_many(std::span<const std::array<uint8_t, 80>> headers,
                             std::span<std::array<uint8_t, 32>> out) {
    size_t count = std::min(headers.size(), out.size());
    for (size_t done = 0; done < count;) {
        size_t n = std::min(count - done, kLanes);
        alignas(16) uint32_t state[kLanes][32];
        uint32_t* states[kLanes];
        HeaderHmac hmac[kLanes];
        for (size_t i = 0; i < n; ++i) {
            hmac[i].key(headers[done + i].data());
            expand(headers[done + i].data(), hmac[i], state[i]);
            states[i] = state[i];
        }
        // The groups run one after another, so each may use the scratchpad from its start.
        size_t first = 0;
        if (scratch_->avx2) {
            first = n & ~size_t{1};
            if (first != 0) romix_avx2(states, static_cast<int>(first), scratch_->pad);
        }
        while (n - first >= 3) {
            romix<Sse2Ops, 3>(states + first, scratch_->pad);
            first += 3;
        }
        if (n - first == 2) romix<Sse2Ops, 2>(states + first, scratch_->pad);
        if (n - first == 1) romix<Sse2Ops, 1>(states + first, scratch_->pad);
        for (size_t i = 0; i < n; ++i)
            compress(state[i], hmac[i], out[done + i].data());
        done += n;
    }
}

}  // namespace viddhana::chain
