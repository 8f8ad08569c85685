#include "chain/serialize.h"

#include <gtest/gtest.h>

#include <limits>

#include "chain_test_util.h"

namespace viddhana::chain {
namespace {

using testing::hex;

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
