// Proof-of-work hashing and the difficulty <-> target conversions. Targets are computed exactly
// (256-bit integer arithmetic on the binary values of the doubles), so a share difficulty that is
// a power of two, or 1, maps to exactly the target a miner computes for it.
#include "chain/pow.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "chain/sha256.h"

namespace viddhana::chain {

std::string_view to_string(PowAlgorithm a) {
    switch (a) {
        case PowAlgorithm::sha256d:
            return "sha256d";
        case PowAlgorithm::scrypt:
            return "scrypt";
    }
    return "unknown";
}

PowHasher::PowHasher(PowAlgorithm algorithm) : algorithm_(algorithm) {
    if (algorithm_ == PowAlgorithm::scrypt) scrypt_.emplace();
}

void PowHasher::hash(const uint8_t header[80], uint8_t out[32]) {
    if (algorithm_ == PowAlgorithm::scrypt) {
        scrypt_->hash(header, out);
    } else {
        sha256d(header, 80, out);
    }
}

Uint256 PowHasher::hash(const uint8_t header[80]) {
    Uint256 out;
    hash(header, out.data());
    return out;
}

void PowHasher::hash_many(std::span<const std::array<uint8_t, 80>> headers,
                          std::span<std::array<uint8_t, 32>> out) {
    if (algorithm_ == PowAlgorithm::scrypt) {
        scrypt_->hash_many(headers, out);
        return;
    }
    size_t count = std::min(headers.size(), out.size());
    for (size_t i = 0; i < count; ++i)
        sha256d(headers[i].data(), headers[i].size(), out[i].data());
}

const Uint256& diff1_target() {
    static const Uint256 target = *Uint256::from_compact(0x1d00ffff);
    return target;
}

namespace {

// A positive finite double as mantissa * 2^exponent with a 53-bit integer mantissa.
struct BinaryValue {
    uint64_t mantissa;
    int exponent;
};

BinaryValue decompose(double v) {
    int e = 0;
    double f = std::frexp(v, &e);  // v = f * 2^e, f in [0.5, 1)
    return {static_cast<uint64_t>(std::ldexp(f, 53)), e - 53};
}

Uint256 max_uint256() {
    Uint256 max;
    std::memset(max.data(), 0xff, 32);
    return max;
}

}  // namespace

// target = floor(0xffff * 2^208 * multiplier / difficulty). With multiplier = m * 2^em and
// difficulty = d * 2^ed this is floor(0xffff * m * 2^(208 + em - ed) / d): a small numerator
// shifted by s bits, divided by a 53-bit integer, done with 64-bit limbs and exact long division.
Uint256 target_from_difficulty(double difficulty, double multiplier) {
    if (std::isnan(difficulty) || std::isnan(multiplier) || multiplier <= 0) return Uint256();
    if (difficulty <= 0) return max_uint256();
    if (std::isinf(difficulty)) return Uint256();
    if (std::isinf(multiplier)) return max_uint256();
    BinaryValue d = decompose(difficulty);
    BinaryValue m = decompose(multiplier);
    int shift = 208 + m.exponent - d.exponent;
    // numerator = 0xffff * m.mantissa < 2^69; the quotient is at least 2^(15 + shift), so beyond
    // this shift it cannot fit in 256 bits.
    if (shift > 241) return max_uint256();
    unsigned __int128 base = static_cast<unsigned __int128>(0xffff) * m.mantissa;
    constexpr int kLimbs = 6;  // 384 bits: enough for base << 241
    uint64_t num[kLimbs] = {};
    if (shift >= 0) {
        int limb = shift / 64, bits = shift % 64;
        unsigned __int128 lo = base << bits;  // low 128 bits
        uint64_t spill = bits == 0 ? 0 : static_cast<uint64_t>(base >> (128 - bits));  // bits above
        num[limb] = static_cast<uint64_t>(lo);
        num[limb + 1] = static_cast<uint64_t>(lo >> 64);
        num[limb + 2] = spill;
    } else {
        // floor(floor(a / 2^k) / d) == floor(a / (2^k * d)) for positive integers.
        int k = -shift;
        if (k >= 128) return Uint256();
        unsigned __int128 shifted = base >> k;
        num[0] = static_cast<uint64_t>(shifted);
        num[1] = static_cast<uint64_t>(shifted >> 64);
    }
    uint64_t quotient[kLimbs];
    unsigned __int128 remainder = 0;
    for (int i = kLimbs - 1; i >= 0; --i) {
        unsigned __int128 cur = (remainder << 64) | num[i];
        quotient[i] = static_cast<uint64_t>(cur / d.mantissa);
        remainder = cur % d.mantissa;
    }
    if (quotient[4] != 0 || quotient[5] != 0) return max_uint256();
    Uint256 out;
    std::memcpy(out.data(), quotient, 32);
    return out;
}

double difficulty_from_target(const Uint256& value, double multiplier) {
    double v = value.to_double();
    if (v == 0) return HUGE_VAL;
    return diff1_target().to_double() * multiplier / v;
}

// The same steps as the nodes' GetDifficulty, so the value matches `getdifficulty` to the bit.
double difficulty_from_bits(uint32_t bits) {
    int shift = static_cast<int>((bits >> 24) & 0xff);
    double difficulty = static_cast<double>(0x0000ffff) / static_cast<double>(bits & 0x00ffffff);
    while (shift < 29) {
        difficulty *= 256.0;
        ++shift;
    }
    while (shift > 29) {
        difficulty /= 256.0;
        --shift;
    }
    return difficulty;
}

}  // namespace viddhana::chain
