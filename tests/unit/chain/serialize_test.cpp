#include "chain/serialize.h"

#include <gtest/gtest.h>

#include <limits>

#include "chain_test_util.h"

namespace viddhana::chain {
namespace {

using testing::hex;

std::string compact_hex(uint64_t v) {
    Bytes out;
    Writer(out).compact_size(v);
    return to_hex(out);
}

TEST(Writer, IntegersAreLittleEndian) {
    Bytes out;
    Writer(out).u8(0xab).u32le(0x01020304).i32le(-2).u64le(0x1122334455667788).i64le(-1);
    EXPECT_EQ(to_hex(out), "ab04030201feffffff8877665544332211ffffffffffffffff");
}

TEST(Writer, CompactSize) {
    EXPECT_EQ(compact_hex(0), "00");
    EXPECT_EQ(compact_hex(0xfc), "fc");
    EXPECT_EQ(compact_hex(0xfd), "fdfd00");
    EXPECT_EQ(compact_hex(0xffff), "fdffff");
    EXPECT_EQ(compact_hex(0x10000), "fe00000100");
    EXPECT_EQ(compact_hex(0xffffffff), "feffffffff");
    EXPECT_EQ(compact_hex(0x100000000), "ff0000000001000000");
}

TEST(Writer, VarBytes) {
    Bytes out;
    Bytes data = {1, 2, 3};
    Writer(out).var_bytes(data).bytes(data);
    EXPECT_EQ(to_hex(out), "03010203010203");
}

TEST(Reader, ReadsBackWhatWriterWrote) {
    Bytes buf;
    Bytes payload(300, 0x42);
    Writer(buf)
        .u8(7)
        .u32le(0xdeadbeef)
        .i32le(-5)
        .u64le(1ull << 40)
        .i64le(-7)
        .compact_size(70000)
        .var_bytes(payload);
    Reader r(buf);
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

TEST(Reader, NeverReadsPastTheEndAndDoesNotAdvanceOnFailure) {
    Bytes buf = hex("010203");
    Reader r(buf);
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
    Reader r2(claims_more);
    EXPECT_FALSE(r2.var_bytes(s));
    EXPECT_EQ(r2.position(), 0u);
    Bytes huge = hex("ffffffffffffffffff");
    Reader r3(huge);
    EXPECT_FALSE(r3.var_bytes(s));
    Bytes truncated_size = hex("fd01");
    Reader r4(truncated_size);
    EXPECT_FALSE(r4.compact_size(w));
    EXPECT_EQ(r4.position(), 0u);
}

TEST(Reader, RejectsNonCanonicalCompactSize) {
    // 0xfc, 0xffff and 0xffffffff in longer forms than they need.
    for (const char* h : {"fdfc00", "fdfd", "feffff0000", "fe00000000", "ffffffffff00000000"}) {
        Bytes buf = hex(h);
        Reader r(buf);
        uint64_t v;
        EXPECT_FALSE(r.compact_size(v)) << h;
        EXPECT_EQ(r.position(), 0u);
    }
    for (const char* h :
         {"fdfd00", "fe00000100", "fe0000ffff", "ff0000000001000000", "ff00000000ffffffff"}) {
        Bytes buf = hex(h);
        Reader r(buf);
        uint64_t v;
        EXPECT_TRUE(r.compact_size(v)) << h;
    }
}

std::string number_hex(int64_t n) {
    Bytes script;
    append_script_number(script, n);
    return to_hex(script);
}

// CScript() << n, as Bitcoin Core and Litecoin Core build it (BIP34 compares the coinbase
// scriptSig's start with exactly these bytes).
TEST(ScriptNumber, MatchesCScriptPushInt64) {
    EXPECT_EQ(number_hex(0), "00");
    EXPECT_EQ(number_hex(-1), "4f");
    EXPECT_EQ(number_hex(1), "51");
    EXPECT_EQ(number_hex(16), "60");
    EXPECT_EQ(number_hex(17), "0111");
    EXPECT_EQ(number_hex(127), "017f");
    EXPECT_EQ(number_hex(128), "028000");
    EXPECT_EQ(number_hex(255), "02ff00");
    EXPECT_EQ(number_hex(256), "020001");
    EXPECT_EQ(number_hex(500), "02f401");  // Litecoin regtest BIP34 height
    EXPECT_EQ(number_hex(32767), "02ff7f");
    EXPECT_EQ(number_hex(32768), "03008000");
    EXPECT_EQ(number_hex(227931), "035b7a03");
    EXPECT_EQ(number_hex(710000), "0370d50a");
    EXPECT_EQ(number_hex(-2), "0182");
    EXPECT_EQ(number_hex(-128), "028080");
    EXPECT_EQ(number_hex(-255), "02ff80");
    EXPECT_EQ(number_hex(std::numeric_limits<int64_t>::max()), "08ffffffffffffff7f");
    EXPECT_EQ(number_hex(std::numeric_limits<int64_t>::min()), "09000000000000008080");
}

TEST(ScriptNumber, RealCoinbaseHeightPush) {
    // Litecoin block 2383207's coinbase scriptSig starts 03 675d24.
    EXPECT_EQ(number_hex(2383207), "03675d24");
}

std::string push_prefix_hex(size_t n) {
    Bytes data(n, 0x01), script;
    append_script_push(script, data);
    EXPECT_TRUE(
        std::equal(data.begin(), data.end(), script.end() - static_cast<std::ptrdiff_t>(n)));
    return to_hex(std::span<const uint8_t>(script.data(), script.size() - n));
}

TEST(ScriptPush, UsesTheShortestPushOpcode) {
    EXPECT_EQ(push_prefix_hex(0), "00");
    EXPECT_EQ(push_prefix_hex(1), "01");
    EXPECT_EQ(push_prefix_hex(75), "4b");
    EXPECT_EQ(push_prefix_hex(76), "4c4c");
    EXPECT_EQ(push_prefix_hex(255), "4cff");
    EXPECT_EQ(push_prefix_hex(256), "4d0001");
    EXPECT_EQ(push_prefix_hex(65535), "4dffff");
    EXPECT_EQ(push_prefix_hex(65536), "4e00000100");
}

}  // namespace
}  // namespace viddhana::chain
