// The memory-hard part of scrypt(N=1024, r=1, p=1) (ROMix with the salsa20/8 BlockMix), written
// once over a small vector-operations interface so that the SSE2 and AVX2 builds share it. Internal
// to scrypt.cpp and scrypt_avx2.cpp: everything here has internal linkage, because the two files
// are compiled for different instruction sets and must never share a function body.
//
// Each 64-byte salsa block is kept with its words in "diagonal" order, four 32-bit lanes a
// register:
//   a = (x0, x5, x10, x15)  b = (x4, x9, x14, x3)  c = (x8, x13, x2, x7)  d = (x12, x1, x6, x11)
// so that a column round is four lane-parallel steps, and a rotation of the lanes of b, c and d
// turns the rows into the same shape. K independent hashes run in lock step to fill the CPU's
// pipelines: one salsa20/8 is a single chain of dependent operations.
#pragma once
#include <cstddef>
#include <cstdint>

namespace viddhana::chain::scrypt_detail {
namespace {

constexpr int kN = 1024;
// Position p of the diagonal order holds word kDiagonal[p] of the salsa block.
constexpr int kDiagonal[16] = {0, 5, 10, 15, 4, 9, 14, 3, 8, 13, 2, 7, 12, 1, 6, 11};

// Ops provides: V (register type), add/xor_/rotl<S>/shuffle<Imm> on 32-bit lanes, load_state and
// store_state for the hashes' 32-word states, store_v/load_v for scratchpad entries (8 registers
// each), and index() (Integerify, N - 1 masked), whose result load_v takes.
template <class Ops, int K>
[[gnu::always_inline]] inline void xor_salsa8(typename Ops::V (&x)[K][8], int dst, int src) {
    using V = typename Ops::V;
    V a[K], b[K], c[K], d[K];
#pragma GCC unroll 8
    for (int k = 0; k < K; ++k) {
        x[k][dst + 0] = Ops::xor_(x[k][dst + 0], x[k][src + 0]);
        x[k][dst + 1] = Ops::xor_(x[k][dst + 1], x[k][src + 1]);
        x[k][dst + 2] = Ops::xor_(x[k][dst + 2], x[k][src + 2]);
        x[k][dst + 3] = Ops::xor_(x[k][dst + 3], x[k][src + 3]);
        a[k] = x[k][dst + 0];
        b[k] = x[k][dst + 1];
        c[k] = x[k][dst + 2];
        d[k] = x[k][dst + 3];
    }
#pragma GCC unroll 8
    for (int round = 0; round < 8; ++round) {
        // A column round, then the same four steps on the rotated registers make a row round.
#pragma GCC unroll 8
        for (int k = 0; k < K; ++k)
            b[k] = Ops::xor_(b[k], Ops::template rotl<7>(Ops::add(a[k], d[k])));
#pragma GCC unroll 8
        for (int k = 0; k < K; ++k)
            c[k] = Ops::xor_(c[k], Ops::template rotl<9>(Ops::add(b[k], a[k])));
#pragma GCC unroll 8
        for (int k = 0; k < K; ++k)
            d[k] = Ops::xor_(d[k], Ops::template rotl<13>(Ops::add(c[k], b[k])));
#pragma GCC unroll 8
        for (int k = 0; k < K; ++k)
            a[k] = Ops::xor_(a[k], Ops::template rotl<18>(Ops::add(d[k], c[k])));
#pragma GCC unroll 8
        for (int k = 0; k < K; ++k) {
            V t = d[k];
            d[k] = Ops::template shuffle<0x93>(b[k]);  // lanes (3,0,1,2)
            b[k] = Ops::template shuffle<0x39>(t);     // lanes (1,2,3,0)
            c[k] = Ops::template shuffle<0x4e>(c[k]);  // lanes (2,3,0,1)
        }
    }
#pragma GCC unroll 8
    for (int k = 0; k < K; ++k) {
        x[k][dst + 0] = Ops::add(x[k][dst + 0], a[k]);
        x[k][dst + 1] = Ops::add(x[k][dst + 1], b[k]);
        x[k][dst + 2] = Ops::add(x[k][dst + 2], c[k]);
        x[k][dst + 3] = Ops::add(x[k][dst + 3], d[k]);
    }
}

// BlockMix for r = 1: B0 = salsa(B0 ^ B1), B1 = salsa(B1 ^ B0).
template <class Ops, int K>
[[gnu::always_inline]] inline void block_mix(typename Ops::V (&x)[K][8]) {
    xor_salsa8<Ops, K>(x, 0, 4);
    xor_salsa8<Ops, K>(x, 4, 0);
}

// ROMix over K register groups. `state` holds each hash's 32 words in diagonal order (two blocks);
// `scratch` is K * Ops::kScratchPerGroup bytes, 64-byte aligned.
template <class Ops, int K>
inline void romix(uint32_t* const* state, void* scratch) {
    using V = typename Ops::V;
    V x[K][8];
    V* pad[K];
#pragma GCC unroll 8
    for (int k = 0; k < K; ++k) {
        pad[k] = static_cast<V*>(scratch) + static_cast<size_t>(k) * kN * 8;
#pragma GCC unroll 8
        for (int m = 0; m < 8; ++m)
            x[k][m] = Ops::load_state(state, k, m);
    }
    for (int i = 0; i < kN; ++i) {
#pragma GCC unroll 8
        for (int k = 0; k < K; ++k) {
            V* entry = pad[k] + static_cast<size_t>(i) * 8;
#pragma GCC unroll 8
            for (int m = 0; m < 8; ++m)
                Ops::store_v(entry + m, x[k][m]);
        }
        block_mix<Ops, K>(x);
    }
    for (int i = 0; i < kN; ++i) {
#pragma GCC unroll 8
        for (int k = 0; k < K; ++k) {
            // Integerify: the first word of the last block, x16, is lane 0 of its `a` register.
            auto j = Ops::index(x[k][4]);
#pragma GCC unroll 8
            for (int m = 0; m < 8; ++m)
                x[k][m] = Ops::xor_(x[k][m], Ops::load_v(pad[k], j, m));
        }
        block_mix<Ops, K>(x);
    }
#pragma GCC unroll 8
    for (int k = 0; k < K; ++k) {
#pragma GCC unroll 8
        for (int m = 0; m < 8; ++m)
            Ops::store_state(state, k, m, x[k][m]);
    }
}

}  // namespace
}  // namespace viddhana::chain::scrypt_detail
