// Uint256 conversions: display hex, Bitcoin's compact "nBits" form, and doubles.
#include "chain/uint256.h"

#include <algorithm>
#include <cmath>

#include "base/hex.h"

namespace viddhana::chain {

namespace {

void set_limb(Uint256& v, int i, uint64_t limb) {
    std::memcpy(v.data() + 8 * i, &limb, 8);
}

// Number of significant bits (0 for zero).
int bit_length(const Uint256& v) {
    for (int i = 3; i >= 0; --i) {
        uint64_t limb = v.limb(i);
        if (limb != 0) return 64 * i + 64 - __builtin_clzll(limb);
    }
    return 0;
}

// v >> shift for 0 <= shift < 256.
Uint256 shift_right(const Uint256& v, int shift) {
    Uint256 out;
    int limbs = shift / 64, bits = shift % 64;
    for (int i = 0; i + limbs < 4; ++i) {
        uint64_t lo = v.limb(i + limbs) >> bits;
        uint64_t hi = (bits != 0 && i + limbs + 1 < 4) ? v.limb(i + limbs + 1) << (64 - bits) : 0;
        set_limb(out, i, lo | hi);
    }
    return out;
}

// v << shift for 0 <= shift < 256 (bits shifted out are lost).
Uint256 shift_left(const Uint256& v, int shift) {
    Uint256 out;
    int limbs = shift / 64, bits = shift % 64;
    for (int i = 3; i - limbs >= 0; --i) {
        uint64_t hi = v.limb(i - limbs) << bits;
        uint64_t lo = (bits != 0 && i - limbs - 1 >= 0) ? v.limb(i - limbs - 1) >> (64 - bits) : 0;
        set_limb(out, i, hi | lo);
    }
    return out;
}

}  // namespace

Uint256 Uint256::from_u64(uint64_t v) {
    Uint256 out;
    set_limb(out, 0, v);
    return out;
}

std::optional<Uint256> Uint256::from_display_hex(std::string_view hex) {
    Uint256 out;
    if (!from_hex_into(hex, out.bytes_)) return std::nullopt;
    std::reverse(out.bytes_.begin(), out.bytes_.end());
    return out;
}

std::string Uint256::display_hex() const {
    std::array<uint8_t, 32> reversed;
    std::reverse_copy(bytes_.begin(), bytes_.end(), reversed.begin());
    return to_hex(reversed);
}

// Same rules as Bitcoin Core's arith_uint256::SetCompact: a sign bit with a non-zero mantissa is
// negative, and a mantissa shifted past 256 bits overflows; both are invalid targets.
std::optional<Uint256> Uint256::from_compact(uint32_t bits) {
    int size = static_cast<int>(bits >> 24);
    uint32_t word = bits & 0x007fffff;
    // As in Core, a short size drops mantissa bytes first, and the checks see what is left.
    if (size <= 3) word >>= 8 * (3 - size);
    bool negative = word != 0 && (bits & 0x00800000) != 0;
    bool overflow =
        word != 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32));
    if (negative || overflow) return std::nullopt;
    if (size <= 3) return from_u64(word);
    return shift_left(from_u64(word), 8 * (size - 3));
}

uint32_t Uint256::to_compact() const {
    int size = (bit_length(*this) + 7) / 8;
    uint32_t compact;
    if (size <= 3) {
        compact = static_cast<uint32_t>(limb(0) << (8 * (3 - size)));
    } else {
        compact = static_cast<uint32_t>(shift_right(*this, 8 * (size - 3)).limb(0));
    }
    // The mantissa's top bit is the sign: move a byte into the exponent instead.
    if (compact & 0x00800000) {
        compact >>= 8;
        ++size;
    }
    return compact | static_cast<uint32_t>(size) << 24;
}

double Uint256::to_double() const {
    int n = bit_length(*this);
    if (n <= 64) return static_cast<double>(limb(0));
    // Keep the top 64 bits and fold every lower bit into a sticky bit, so the one rounding done by
    // the uint64 -> double conversion is the correctly rounded result of the whole number.
    int shift = n - 64;
    uint64_t top = shift_right(*this, shift).limb(0);
    bool sticky = !shift_left(*this, 256 - shift).is_zero();
    if (sticky) top |= 1;
    return std::ldexp(static_cast<double>(top), shift);
}

Uint256 Uint256::from_double(long double v) {
    if (!(v >= 1.0L)) return Uint256();  // also NaN
    if (v >= std::ldexp(1.0L, 256)) {
        Uint256 max;
        max.bytes_.fill(0xff);
        return max;
    }
    // Peel off 64-bit limbs from the top. Every step is exact: a long double holds at most 64
    // significant bits, so floor, scaling and the subtraction lose nothing.
    Uint256 out;
    for (int i = 3; i >= 0; --i) {
        long double scaled = std::floor(std::ldexp(v, -64 * i));
        auto limb = static_cast<uint64_t>(scaled);
        set_limb(out, i, limb);
        v -= std::ldexp(scaled, 64 * i);
    }
    return out;
}

bool Uint256::is_zero() const {
    for (uint8_t b : bytes_)
        if (b != 0) return false;
    return true;
}

}  // namespace viddhana::chain
