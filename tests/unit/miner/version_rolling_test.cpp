// Version rolling arithmetic: counters land inside the mask, the rest of the version is kept,
// every roll of a mask gives a distinct version.
#include <gtest/gtest.h>

#include <set>

#include "miner/version_rolling.h"

namespace viddhana::miner {
namespace {

TEST(VersionRolling, SpreadBitsFillsTheMaskFromItsLowestBit) {
    EXPECT_EQ(spread_bits(0, 0x1fffe000), 0u);
    EXPECT_EQ(spread_bits(1, 0x1fffe000), 0x00002000u);
    EXPECT_EQ(spread_bits(0b101, 0x1fffe000), 0x0000a000u);
    EXPECT_EQ(spread_bits(0xffff, 0x1fffe000), 0x1fffe000u);
    // Scattered masks: bits go to the set positions in order.
    EXPECT_EQ(spread_bits(0b11, 0x80000001), 0x80000001u);
    EXPECT_EQ(spread_bits(0b10, 0x80000001), 0x80000000u);
    EXPECT_EQ(spread_bits(0b110, 0x00f000f0), 0x00000060u);
    EXPECT_EQ(spread_bits(0b10000, 0x00f000f0), 0x00100000u);
}

TEST(VersionRolling, CounterBitsBeyondTheMaskAreDropped) {
    EXPECT_EQ(spread_bits(0x10000, 0x1fffe000), 0u);
    EXPECT_EQ(spread_bits(0x10001, 0x1fffe000), 0x2000u);
    EXPECT_EQ(spread_bits(123, 0), 0u);
}

TEST(VersionRolling, RollCountIsTwoToThePopcount) {
    EXPECT_EQ(version_roll_count(0x1fffe000), 65536u);
    EXPECT_EQ(version_roll_count(0), 1u);
    EXPECT_EQ(version_roll_count(0xffffffff), uint64_t{1} << 32);
    EXPECT_EQ(version_roll_count(0x00000101), 4u);
}

TEST(VersionRolling, RolledVersionsKeepTheBitsOutsideTheMaskAndAreDistinct) {
    const uint32_t mask = 0x00000f30;
    const uint32_t base = 0x20000c15;  // has bits inside the mask that rolling replaces
    std::set<uint32_t> seen;
    for (uint64_t c = 0; c < version_roll_count(mask); ++c) {
        uint32_t v = rolled_version(base, mask, c);
        EXPECT_EQ(v & ~mask, base & ~mask);
        EXPECT_EQ((v & mask), spread_bits(c, mask));
        seen.insert(v);
    }
    EXPECT_EQ(seen.size(), version_roll_count(mask));
}

}  // namespace
}  // namespace viddhana::miner
