// JSON-RPC quantities, decimal strings and 256-bit words: exact round trips at the edges of 64
// and 128 bits, and clear refusals of what is not a number.
#include "evm/quantity.h"

#include <gtest/gtest.h>

namespace viddhana::evm {
namespace {

constexpr Uint128 kMax = ~Uint128{0};

TEST(Quantity, WritesWithoutLeadingZerosAndReadsBack) {
    EXPECT_EQ(to_quantity(0), "0x0");
    EXPECT_EQ(to_quantity(1), "0x1");
    EXPECT_EQ(to_quantity(1024), "0x400");
    EXPECT_EQ(to_quantity(kMax), "0x" + std::string(32, 'f'));
    for (Uint128 v :
         {Uint128{0}, Uint128{31337}, Uint128{UINT64_MAX}, Uint128{UINT64_MAX} + 1, kMax}) {
        EXPECT_EQ(parse_quantity(to_quantity(v)).value(), v);
        EXPECT_EQ(parse_decimal(to_decimal(v)).value(), v);
    }
    EXPECT_EQ(to_decimal(kMax), "340282366920938463463374607431768211455");
    EXPECT_EQ(parse_quantity("0x0000ff").value(), 255u);  // tolerated from lenient nodes
    EXPECT_EQ(parse_quantity("0XAB").value(), 171u);
}

TEST(Quantity, RefusesWhatIsNotAQuantity) {
    for (const char* bad : {"", "0x", "12", "0xg1", "0x1 ", "-0x1"}) {
        EXPECT_FALSE(parse_quantity(bad).ok()) << bad;
    }
    EXPECT_FALSE(parse_quantity("0x1" + std::string(32, '0')).ok());  // 2^128
    EXPECT_FALSE(parse_quantity_u64("0x10000000000000000").ok());
    EXPECT_EQ(parse_quantity_u64("0xffffffffffffffff").value(), UINT64_MAX);
    for (const char* bad :
         {"", "-1", "1.5", "1e3", " 1", "340282366920938463463374607431768211456"}) {
        EXPECT_FALSE(parse_decimal(bad).ok()) << bad;
    }
}

TEST(Word, HoldsIntegersBigEndianAndChecksTheirWidth) {
    Word w = to_word(0x0102);
    EXPECT_EQ(w[30], 1);
    EXPECT_EQ(w[31], 2);
    EXPECT_EQ(word_to_uint(w, 16).value(), 0x0102u);
    EXPECT_FALSE(word_to_uint(w, 8).ok());
    EXPECT_FALSE(word_to_uint(to_word(0x200), 9).ok());
    EXPECT_EQ(word_to_uint(to_word(0x1ff), 9).value(), 0x1ffu);
    EXPECT_EQ(word_to_uint(to_word(kMax), 128).value(), kMax);
    Word high{};
    high[0] = 1;
    EXPECT_FALSE(word_to_uint(high, 128).ok());
    EXPECT_EQ(minimal_big_endian(0), Bytes{});
    EXPECT_EQ(minimal_big_endian(0x10000), (Bytes{1, 0, 0}));
}

TEST(HexData, ParsesPrefixedEvenLengthHexOnly) {
    EXPECT_EQ(parse_data_hex("0x").value(), Bytes{});
    EXPECT_EQ(parse_data_hex("0x00ff").value(), (Bytes{0, 0xff}));
    EXPECT_FALSE(parse_data_hex("00ff").ok());
    EXPECT_FALSE(parse_data_hex("0x0").ok());
    EXPECT_FALSE(parse_data_hex("0xzz").ok());
    EXPECT_EQ(data_hex(Bytes{0xab, 1}), "0xab01");
    EXPECT_FALSE(parse_word_hex("0x" + std::string(62, '0')).ok());
    EXPECT_TRUE(parse_word_hex("0x" + std::string(64, 'A')).ok());
}

}  // namespace
}  // namespace viddhana::evm
