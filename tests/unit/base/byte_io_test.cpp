// The byte reader and writer every binary format uses (the Bitcoin wire format, the event bus's
// batches, the spool files), little-endian loads and stores, and CRC-32.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "base/byte_reader.h"
#include "base/byte_writer.h"
#include "base/crc32.h"
#include "base/hex.h"
#include "base/little_endian.h"

namespace viddhana {
namespace {

Bytes hex(std::string_view s) {
    auto b = from_hex(s);
    EXPECT_TRUE(b.has_value()) << "bad hex literal " << s;
    return b.value_or(Bytes{});
}

std::string compact_hex(uint64_t v) {
    Bytes out;
    ByteWriter(out).compact_size(v);
    return to_hex(out);
}

TEST(ByteWriter, IntegersAreLittleEndian) {
    Bytes out;
    ByteWriter(out).u8(0xab).u32le(0x01020304).i32le(-2).u64le(0x1122334455667788).i64le(-1);
    EXPECT_EQ(to_hex(out), "ab04030201feffffff8877665544332211ffffffffffffffff");
}

TEST(ByteWriter, CompactSize) {
    EXPECT_EQ(compact_hex(0), "00");
    EXPECT_EQ(compact_hex(0xfc), "fc");
    EXPECT_EQ(compact_hex(0xfd), "fdfd00");
    EXPECT_EQ(compact_hex(0xffff), "fdffff");
    EXPECT_EQ(compact_hex(0x10000), "fe00000100");
    EXPECT_EQ(compact_hex(0xffffffff), "feffffffff");
    EXPECT_EQ(compact_hex(0x100000000), "ff0000000001000000");
}

TEST(ByteWriter, VarBytes) {
    Bytes out;
    Bytes data = {1, 2, 3};
    ByteWriter(out).var_bytes(data).bytes(data);
    EXPECT_EQ(to_hex(out), "03010203010203");
}

TEST(ByteReader, ReadsBackWhatWriterWrote) {
    Bytes buf;
    Bytes payload(300, 0x42);
    ByteWriter(buf)
        .u8(7)
        .u32le(0xdeadbeef)
        .i32le(-5)
        .u64le(1ull << 40)
        .i64le(-7)
        .compact_size(70000)
        .var_bytes(payload);
    ByteReader r(buf);
    uint8_t a;
    uint32_t b;
    int32_t c;
    uint64_t d, f;
    int64_t e;
    std::span<const uint8_t> g;
    ASSERT_TRUE(r.u8(a) && r.u32le(b) && r.i32le(c) && r.u64le(d) && r.i64le(e) &&
                r.compact_size(f) && r.var_bytes(g));
    EXPECT_EQ(a, 7);
    EXPECT_EQ(b, 0xdeadbeef);
    EXPECT_EQ(c, -5);
    EXPECT_EQ(d, 1ull << 40);
    EXPECT_EQ(e, -7);
    EXPECT_EQ(f, 70000u);
    EXPECT_EQ(Bytes(g.begin(), g.end()), payload);
    EXPECT_EQ(r.remaining(), 0u);
    EXPECT_FALSE(r.u8(a));
}

TEST(ByteReader, NeverReadsPastTheEndAndDoesNotAdvanceOnFailure) {
    Bytes buf = hex("010203");
    ByteReader r(buf);
    uint32_t v;
    uint64_t w;
    std::span<const uint8_t> s;
    EXPECT_FALSE(r.u32le(v));
    EXPECT_FALSE(r.u64le(w));
    EXPECT_FALSE(r.bytes(4, s));
    EXPECT_EQ(r.position(), 0u);
    uint8_t peek;
    ASSERT_TRUE(r.peek_u8(peek));
    EXPECT_EQ(peek, 1);
    EXPECT_EQ(r.position(), 0u);
    ASSERT_TRUE(r.bytes(3, s));
    EXPECT_FALSE(r.peek_u8(peek));

    Bytes claims_more = hex("05aabb");  // length 5, only 2 bytes follow
    ByteReader r2(claims_more);
    EXPECT_FALSE(r2.var_bytes(s));
    EXPECT_EQ(r2.position(), 0u);
    Bytes huge = hex("ffffffffffffffffff");
    ByteReader r3(huge);
    EXPECT_FALSE(r3.var_bytes(s));
    Bytes truncated_size = hex("fd01");
    ByteReader r4(truncated_size);
    EXPECT_FALSE(r4.compact_size(w));
    EXPECT_EQ(r4.position(), 0u);
}

TEST(ByteReader, RejectsNonCanonicalCompactSize) {
    // 0xfc, 0xffff and 0xffffffff in longer forms than they need.
    for (const char* h : {"fdfc00", "fdfd", "feffff0000", "fe00000000", "ffffffffff00000000"}) {
        Bytes buf = hex(h);
        ByteReader r(buf);
        uint64_t v;
        EXPECT_FALSE(r.compact_size(v)) << h;
        EXPECT_EQ(r.position(), 0u);
    }
    for (const char* h :
         {"fdfd00", "fe00000100", "fe0000ffff", "ff0000000001000000", "ff00000000ffffffff"}) {
        Bytes buf = hex(h);
        ByteReader r(buf);
        uint64_t v;
        EXPECT_TRUE(r.compact_size(v)) << h;
    }
}

TEST(ByteWriter, WritesStringsAndDoublesIntoAString) {
    std::string out;
    ByteWriter(out).str32("ab").f64le(-0.0).u16le(0x0102);
    ASSERT_EQ(out.size(), 4u + 2u + 8u + 2u);
    EXPECT_EQ(out.substr(0, 6), std::string("\x02\0\0\0ab", 6));
    ByteReader r(std::string_view{out});
    std::string s;
    double d = 1;
    uint16_t u = 0;
    ASSERT_TRUE(r.str32(s) && r.f64le(d) && r.u16le(u));
    EXPECT_EQ(s, "ab");
    EXPECT_TRUE(std::signbit(d));
    EXPECT_EQ(u, 0x0102);
    EXPECT_EQ(r.remaining(), 0u);
}

TEST(ByteReader, AStringLongerThanTheInputIsRefusedWithoutMoving) {
    std::string in("\x05\0\0\0abc", 7);
    ByteReader r(std::string_view{in});
    std::string s = "kept";
    EXPECT_FALSE(r.str32(s));
    EXPECT_EQ(s, "kept");
    EXPECT_EQ(r.position(), 0u);
}

TEST(LittleEndian, StoresAndLoadsAtAPlace) {
    uint8_t buf[13] = {};
    store_le<uint32_t>(buf + 1, 0x01020304);
    store_le<uint64_t>(buf + 5, 0x1122334455667788);
    EXPECT_EQ(to_hex(std::span<const uint8_t>(buf, 13)), "00040302018877665544332211");
    EXPECT_EQ(load_le<uint32_t>(buf + 1), 0x01020304u);
    EXPECT_EQ(load_le<uint64_t>(buf + 5), 0x1122334455667788u);
}

TEST(Crc32, IsTheIeeeCrcAndChains) {
    EXPECT_EQ(crc32(std::string_view("123456789")), 0xCBF43926u);
    EXPECT_EQ(crc32(std::string_view("")), 0u);
    EXPECT_EQ(crc32(std::string_view("56789"), crc32(std::string_view("1234"))), 0xCBF43926u);
    Bytes data = hex("00ff10");
    EXPECT_EQ(crc32(data), crc32(std::string_view("\0\xff\x10", 3)));
}

}  // namespace
}  // namespace viddhana
