// A 256-bit unsigned number stored as 32 little-endian bytes, the order in which hashes come out
// of SHA-256 and in which Bitcoin-family nodes compare them with targets. RPC and explorers show
// the same bytes reversed ("display hex").
#pragma once
#include <array>
#include <compare>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace viddhana::chain {

class Uint256 {
public:
    constexpr Uint256() : bytes_{} {}
    explicit Uint256(std::span<const uint8_t, 32> little_endian) {
        std::memcpy(bytes_.data(), little_endian.data(), 32);
    }
    static Uint256 from_u64(uint64_t v);

    // Display hex: 64 digits, most significant first (as getblockhash prints). nullopt if malformed.
    static std::optional<Uint256> from_display_hex(std::string_view hex);
    std::string display_hex() const;

    // Compact "nBits" encoding. nullopt for negative or overflowing encodings (consensus-invalid).
    static std::optional<Uint256> from_compact(uint32_t bits);
    uint32_t to_compact() const;

    // Nearest double to the value (for difficulty arithmetic; never for consensus checks).
    double to_double() const;
    // Largest Uint256 <= v for a finite v >= 0; saturates at 2^256-1.
    static Uint256 from_double(long double v);

    bool is_zero() const;
    // 64-bit limb i (0 = least significant).
    uint64_t limb(int i) const {
        uint64_t v;
        std::memcpy(&v, bytes_.data() + 8 * i, 8);
        return v;
    }

    std::span<const uint8_t, 32> bytes() const { return bytes_; }
    std::span<uint8_t, 32> bytes() { return bytes_; }
    const uint8_t* data() const { return bytes_.data(); }
    uint8_t* data() { return bytes_.data(); }

    // Numeric order (most significant limb first).
    std::strong_ordering operator<=>(const Uint256& o) const {
        for (int i = 3; i >= 0; --i) {
            uint64_t a = limb(i), b = o.limb(i);
            if (a != b) return a < b ? std::strong_ordering::less : std::strong_ordering::greater;
        }
        return std::strong_ordering::equal;
    }
    bool operator==(const Uint256& o) const { return bytes_ == o.bytes_; }

private:
    std::array<uint8_t, 32> bytes_;
};

}  // namespace viddhana::chain
