// RLP with the examples of the Ethereum Yellow Paper / wiki specification.
#include "evm/rlp.h"

#include <gtest/gtest.h>

namespace viddhana::evm {
namespace {

std::string hex(const Bytes& b) {
    return to_hex(b);
}

TEST(Rlp, SpecificationExamples) {
    EXPECT_EQ(hex(rlp::encode_string("dog")), "83646f67");
    std::vector<Bytes> cat_dog{rlp::encode_string("cat"), rlp::encode_string("dog")};
    EXPECT_EQ(hex(rlp::encode_list(cat_dog)), "c88363617483646f67");
    EXPECT_EQ(hex(rlp::encode_string("")), "80");
    EXPECT_EQ(hex(rlp::encode_list(std::vector<Bytes>{})), "c0");
    EXPECT_EQ(hex(rlp::encode_uint(0)), "80");
    EXPECT_EQ(hex(rlp::encode_bytes(Bytes{0x00})), "00");
    EXPECT_EQ(hex(rlp::encode_bytes(Bytes{0x0f})), "0f");
    EXPECT_EQ(hex(rlp::encode_uint(15)), "0f");
    EXPECT_EQ(hex(rlp::encode_uint(1024)), "820400");
    EXPECT_EQ(hex(rlp::encode_uint(0x80)), "8180");
    // The set theoretical representation of three: [ [], [[]], [ [], [[]] ] ].
    Bytes empty = rlp::encode_list(std::vector<Bytes>{});
    Bytes one = rlp::encode_list(std::vector<Bytes>{empty});
    Bytes two = rlp::encode_list(std::vector<Bytes>{empty, one});
    EXPECT_EQ(hex(rlp::encode_list(std::vector<Bytes>{empty, one, two})), "c7c0c1c0c3c0c1c0");
    EXPECT_EQ(hex(rlp::encode_string("Lorem ipsum dolor sit amet, consectetur adipisicing elit")),
              "b8384c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465747572"
              "206164697069736963696e6720656c6974");
}

TEST(Rlp, LongPayloadsCarryTheirLengthsLength) {
    Bytes big(1024, 0xaa);
    Bytes encoded = rlp::encode_bytes(big);
    ASSERT_EQ(encoded.size(), 1024u + 3);
    EXPECT_EQ(encoded[0], 0xb9);  // 0xb7 + 2 length bytes
    EXPECT_EQ(encoded[1], 0x04);
    EXPECT_EQ(encoded[2], 0x00);
    std::vector<Bytes> items(60, rlp::encode_uint(1));
    Bytes list = rlp::encode_list(items);
    EXPECT_EQ(list[0], 0xf8);  // 0xf7 + 1 length byte
    EXPECT_EQ(list[1], 60);
}

}  // namespace
}  // namespace viddhana::evm
