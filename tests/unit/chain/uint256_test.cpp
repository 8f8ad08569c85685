#include "chain/uint256.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "chain_test_util.h"

namespace viddhana::chain {
namespace {

using testing::u256;

// v * 2^shift, built bit by bit (independent of the code under test).
Uint256 shifted(uint64_t v, int shift) {
    Uint256 out;
    for (int bit = 0; bit < 64; ++bit) {
        if (!((v >> bit) & 1)) continue;
        int pos = bit + shift;
        if (pos >= 0 && pos < 256) out.data()[pos / 8] |= static_cast<uint8_t>(1u << (pos % 8));
    }
    return out;
}

TEST(Uint256, DisplayHexIsReversedBytes) {
    Uint256 v = u256("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f");
    EXPECT_EQ(v.data()[0], 0x6f);
    EXPECT_EQ(v.data()[31], 0x00);
    EXPECT_EQ(v.display_hex(), "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f");
    EXPECT_EQ(Uint256::from_u64(0x1234).display_hex(),
              "0000000000000000000000000000000000000000000000000000000000001234");
}

TEST(Uint256, DisplayHexRejectsMalformed) {
    EXPECT_FALSE(Uint256::from_display_hex("00"));
    EXPECT_FALSE(Uint256::from_display_hex(std::string(63, '0')));
    EXPECT_FALSE(Uint256::from_display_hex(std::string(65, '0')));
    EXPECT_FALSE(Uint256::from_display_hex(std::string(63, '0') + "g"));
    EXPECT_TRUE(Uint256::from_display_hex(std::string(63, '0') + "F"));
}

TEST(Uint256, OrderIsNumeric) {
    EXPECT_LT(Uint256::from_u64(1), Uint256::from_u64(2));
    EXPECT_LT(Uint256::from_u64(0xffffffffffffffff), shifted(1, 64));
    EXPECT_GT(shifted(1, 255), shifted(0xffffffffffffffff, 100));
    EXPECT_EQ(shifted(5, 70), shifted(5, 70));
    EXPECT_TRUE(Uint256().is_zero());
    EXPECT_FALSE(shifted(1, 200).is_zero());
}

// Cases from Bitcoin Core's arith_uint256 tests of SetCompact/GetCompact.
TEST(Uint256, CompactDecodeMatchesBitcoinCore) {
    for (uint32_t bits :
         {0x00000000u, 0x00123456u, 0x01003456u, 0x02000056u, 0x03000000u, 0x04000000u, 0x00923456u,
          0x01803456u, 0x02800056u, 0x03800000u, 0x04800000u}) {
        auto v = Uint256::from_compact(bits);
        ASSERT_TRUE(v) << std::hex << bits;
        EXPECT_TRUE(v->is_zero()) << std::hex << bits;
    }
    EXPECT_EQ(*Uint256::from_compact(0x01123456), Uint256::from_u64(0x12));
    EXPECT_EQ(*Uint256::from_compact(0x02123456), Uint256::from_u64(0x1234));
    EXPECT_EQ(*Uint256::from_compact(0x03123456), Uint256::from_u64(0x123456));
    EXPECT_EQ(*Uint256::from_compact(0x04123456), Uint256::from_u64(0x12345600));
    EXPECT_EQ(*Uint256::from_compact(0x05009234), Uint256::from_u64(0x92340000));
    EXPECT_EQ(*Uint256::from_compact(0x20123456), shifted(0x123456, 8 * 29));
    EXPECT_EQ(Uint256::from_compact(0x1d00ffff)->display_hex(),
              "00000000ffff0000000000000000000000000000000000000000000000000000");
}

TEST(Uint256, CompactRejectsNegativeAndOverflow) {
    EXPECT_FALSE(Uint256::from_compact(0x01fedcba));  // sign bit with a non-zero mantissa
    EXPECT_FALSE(Uint256::from_compact(0x04923456));
    EXPECT_FALSE(Uint256::from_compact(0xff123456));  // far past 256 bits
    EXPECT_FALSE(Uint256::from_compact(0x21010000));  // 0x01 << 8*30 fits, 0x0100 << ... does not
    EXPECT_TRUE(Uint256::from_compact(0x22000001));   // 0x01 << 8*31: top byte, still fits
    EXPECT_FALSE(Uint256::from_compact(0x23000001));
}

TEST(Uint256, CompactEncode) {
    EXPECT_EQ(Uint256().to_compact(), 0u);
    EXPECT_EQ(Uint256::from_u64(0x12).to_compact(), 0x01120000u);
    EXPECT_EQ(Uint256::from_u64(0x80).to_compact(),
              0x02008000u);  // would look negative as 0x01800000
    EXPECT_EQ(Uint256::from_u64(0x1234).to_compact(), 0x02123400u);
    EXPECT_EQ(Uint256::from_u64(0x123456).to_compact(), 0x03123456u);
    EXPECT_EQ(Uint256::from_u64(0x12345600).to_compact(), 0x04123456u);
    EXPECT_EQ(Uint256::from_u64(0x92340000).to_compact(), 0x05009234u);
    EXPECT_EQ(shifted(0x123456, 8 * 29).to_compact(), 0x20123456u);
    // Low bits below the 3-byte mantissa are dropped.
    EXPECT_EQ(Uint256::from_u64(0x123456ff).to_compact(), 0x04123456u);
}

TEST(Uint256, CompactRoundTripOfRealBits) {
    for (uint32_t bits : {0x1d00ffffu, 0x1b04864cu, 0x17034219u, 0x1e0ffff0u, 0x1a00d3d8u,
                          0x1b47c7eau, 0x207fffffu, 0x1e0fffffu, 0x1c00adb7u, 0x18009645u}) {
        auto target = Uint256::from_compact(bits);
        ASSERT_TRUE(target);
        EXPECT_EQ(target->to_compact(), bits) << std::hex << bits;
    }
}

TEST(Uint256, ToDoubleRoundsToNearest) {
    EXPECT_EQ(Uint256().to_double(), 0.0);
    EXPECT_EQ(Uint256::from_u64(12345).to_double(), 12345.0);
    EXPECT_EQ(shifted(1, 255).to_double(), std::ldexp(1.0, 255));
    EXPECT_EQ(shifted(0xffff, 208).to_double(), 65535.0 * std::ldexp(1.0, 208));
    // 2^64 + 2^11 is halfway between two doubles: ties go to even (down) ...
    Uint256 tie = shifted(1, 64);
    tie.data()[1] |= 0x08;  // + 2^11
    EXPECT_EQ(tie.to_double(), std::ldexp(1.0, 64));
    // ... but one more unit, far below the kept bits, must round up.
    Uint256 above = tie;
    above.data()[0] |= 0x01;
    EXPECT_EQ(above.to_double(), std::ldexp(1.0, 64) + std::ldexp(1.0, 12));
    Uint256 max;
    std::memset(max.data(), 0xff, 32);
    EXPECT_EQ(max.to_double(), std::ldexp(1.0, 256));
}

TEST(Uint256, FromDoubleTakesTheFloor) {
    EXPECT_TRUE(Uint256::from_double(0.0L).is_zero());
    EXPECT_TRUE(Uint256::from_double(0.999L).is_zero());
    EXPECT_TRUE(Uint256::from_double(-5.0L).is_zero());
    EXPECT_TRUE(Uint256::from_double(std::numeric_limits<long double>::quiet_NaN()).is_zero());
    EXPECT_EQ(Uint256::from_double(1.0L), Uint256::from_u64(1));
    EXPECT_EQ(Uint256::from_double(12345.99L), Uint256::from_u64(12345));
    EXPECT_EQ(Uint256::from_double(std::ldexp(1.0L, 200)), shifted(1, 200));
    Uint256 two_bits = shifted(1, 100);
    two_bits.data()[5] |= 0x01;  // + 2^40
    EXPECT_EQ(Uint256::from_double(std::ldexp(1.0L, 100) + std::ldexp(1.0L, 40)), two_bits);
    // 64 significant bits: all of them must come through.
    EXPECT_EQ(
        Uint256::from_double(std::ldexp(static_cast<long double>(0xfedcba9876543211ULL), 150)),
        shifted(0xfedcba9876543211ULL, 150));
    Uint256 max;
    std::memset(max.data(), 0xff, 32);
    EXPECT_EQ(Uint256::from_double(std::ldexp(1.0L, 256)), max);
    EXPECT_EQ(Uint256::from_double(1e300L), max);
    EXPECT_EQ(Uint256::from_double(std::numeric_limits<long double>::infinity()), max);
}

}  // namespace
}  // namespace viddhana::chain
