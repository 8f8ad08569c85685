// AVX2 build of the scrypt core: each 256-bit register carries the same salsa register of two
// hashes (one per 128-bit lane; the lane-local shuffles keep them apart). Only called after a
// runtime check for AVX2. This file includes nothing that defines inline functions other than the
// intrinsics and the internal-linkage core, so no AVX2 code can leak into the rest of the program.
#pragma GCC target("avx2")
#include <immintrin.h>

#include "chain/scrypt_core.h"

namespace viddhana::chain::scrypt_detail {
namespace {

struct Avx2Ops {
    using V = __m256i;
    struct Index {
        uint32_t low, high;
    };
    static V add(V a, V b) { return _mm256_add_epi32(a, b); }
    static V xor_(V a, V b) { return _mm256_xor_si256(a, b); }
    template <int S>
    static V rotl(V x) {
        return _mm256_or_si256(_mm256_slli_epi32(x, S), _mm256_srli_epi32(x, 32 - S));
    }
    template <int Imm>
    static V shuffle(V x) {
        return _mm256_shuffle_epi32(x, Imm);
    }
    // Register group k holds hashes 2k (low lane) and 2k+1 (high lane).
    static V load_state(uint32_t* const* state, int k, int m) {
        __m128i low = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state[2 * k] + 4 * m));
        __m128i high = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state[2 * k + 1] + 4 * m));
        return _mm256_inserti128_si256(_mm256_castsi128_si256(low), high, 1);
    }
    static void store_state(uint32_t* const* state, int k, int m, V v) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(state[2 * k] + 4 * m),
                         _mm256_castsi256_si128(v));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(state[2 * k + 1] + 4 * m),
                         _mm256_extracti128_si256(v, 1));
    }
    static void store_v(V* p, V v) { _mm256_store_si256(p, v); }
    static Index index(V a) {
        return {static_cast<uint32_t>(_mm256_cvtsi256_si32(a)) & (kN - 1),
                static_cast<uint32_t>(_mm256_extract_epi32(a, 4)) & (kN - 1)};
    }
    // The two hashes pick different scratchpad entries: take each lane from its own entry.
    static V load_v(const V* pad, Index j, int m) {
        V low = _mm256_load_si256(pad + static_cast<size_t>(j.low) * 8 + m);
        V high = _mm256_load_si256(pad + static_cast<size_t>(j.high) * 8 + m);
        return _mm256_blend_epi32(low, high, 0xf0);
    }
};

}  // namespace

// Runs ROMix on `hashes` (2, 4 or 6) states; scratch is hashes * 128 KiB, 64-byte aligned.
void romix_avx2(uint32_t* const* state, int hashes, void* scratch) {
    // Three register groups (six hashes) keep the vector pipes busy; a fourth would not fit
    // the sixteen registers.
    switch (hashes) {
        case 6:
            romix<Avx2Ops, 3>(state, scratch);
            break;
        case 4:
            romix<Avx2Ops, 2>(state, scratch);
            break;
        default:
            romix<Avx2Ops, 1>(state, scratch);
            break;
    }
}

}  // namespace viddhana::chain::scrypt_detail
