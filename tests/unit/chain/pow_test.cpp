#include "chain/pow.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "chain/block.h"
#include "chain_test_util.h"

namespace viddhana::chain {
namespace {

using testing::hex;
using testing::u256;

// value * 2^shift for a small value, independent of the code under test.
Uint256 shifted(uint64_t v, int shift) {
    Uint256 out;
    for (int bit = 0; bit < 64; ++bit) {
        if (!((v >> bit) & 1)) continue;
        int pos = bit + shift;
        if (pos >= 0 && pos < 256) out.data()[pos / 8] |= static_cast<uint8_t>(1u << (pos % 8));
    }
    return out;
}

Uint256 max_target() {
    Uint256 m;
    std::memset(m.data(), 0xff, 32);
    return m;
}

TEST(Pow, Diff1Target) {
    EXPECT_EQ(diff1_target().display_hex(),
              "00000000ffff0000000000000000000000000000000000000000000000000000");
    EXPECT_EQ(diff1_target().to_compact(), 0x1d00ffffu);
}

TEST(Pow, TargetOfDifficultyOneIsExact) {
    EXPECT_EQ(target_from_difficulty(1, 1), diff1_target());
    EXPECT_EQ(target_from_difficulty(1, 65536).display_hex(),
              "0000ffff00000000000000000000000000000000000000000000000000000000");
}

TEST(Pow, TargetOfPowersOfTwoIsExact) {
    for (int k = -40; k <= 60; ++k) {
        double d = std::ldexp(1.0, k);
        // 0xffff * 2^s needs 16 + s bits; past 256 the target saturates.
        Uint256 expected1 = 16 + 208 - k > 256 ? max_target() : shifted(0xffff, 208 - k);
        Uint256 expected65536 = 16 + 224 - k > 256 ? max_target() : shifted(0xffff, 224 - k);
        EXPECT_EQ(target_from_difficulty(d, 1), expected1) << "difficulty 2^" << k;
        EXPECT_EQ(target_from_difficulty(d, 65536), expected65536) << "difficulty 2^" << k;
    }
    // Share multiplier 65536 at difficulty 65536 is the SHA256d difficulty-1 target.
    EXPECT_EQ(target_from_difficulty(65536, 65536), diff1_target());
}

// Expected values: floor(0xffff * 2^208 * multiplier / difficulty) computed with exact rationals
// of the binary doubles.
TEST(Pow, TargetIsTheExactFloor) {
    struct Case {
        double difficulty, multiplier;
        const char* target;
    };
    const Case cases[] = {
        {1000, 65536, "0000004188f5c28f5c28f5c28f5c28f5c28f5c28f5c28f5c28f5c28f5c28f5c2"},
        {3, 1, "0000000055550000000000000000000000000000000000000000000000000000"},
        {7, 65536, "0000249224924924924924924924924924924924924924924924924924924924"},
        {0.1, 65536, "0009fff5ffffffffd80028000000009fff5ffffffffd80028000000009fff5ff"},
        {1e-9, 1, "3b9a8e6535fffef481b5fe088151b0791619e09d7e3f36fccfbaa4c14955fdb7"},
        {123456.789, 65536, "0000000087e4b45ede50c6ef489a7e78e4308b2b8f81cdf0e652f3bcfe45551a"},
        {1.5, 1, "00000000aaaa0000000000000000000000000000000000000000000000000000"},
        {24272331996979.97, 1, "0000000000000000000b98ab000000003a67ebe5b3e5b50bde625f102483b382"},
        {0.00024413713253701452, 65536,
         "0ffffefffffffff0fff1eff1eff1fe020b311860258203978590ab6d818a237c"},
        {1.52587890625e-05, 65536,
         "ffff000000000000000000000000000000000000000000000000000000000000"},
    };
    for (const Case& c : cases) {
        EXPECT_EQ(target_from_difficulty(c.difficulty, c.multiplier).display_hex(), c.target)
            << c.difficulty << " x " << c.multiplier;
    }
}

TEST(Pow, TargetSaturatesAndHandlesEdges) {
    EXPECT_EQ(target_from_difficulty(1e-12, 65536), max_target());
    EXPECT_EQ(target_from_difficulty(1e-300, 1), max_target());
    EXPECT_EQ(target_from_difficulty(0, 1), max_target());
    EXPECT_TRUE(target_from_difficulty(std::numeric_limits<double>::infinity(), 1).is_zero());
    EXPECT_TRUE(target_from_difficulty(1e300, 1).is_zero());
    EXPECT_TRUE(target_from_difficulty(std::nan(""), 1).is_zero());
}

TEST(Pow, DifficultyFromTargetInvertsTarget) {
    EXPECT_EQ(difficulty_from_target(diff1_target(), 1), 1.0);
    EXPECT_EQ(difficulty_from_target(target_from_difficulty(1, 65536), 65536), 1.0);
    for (double d : {0.001, 0.5, 1.0, 3.0, 1000.0, 65536.0, 123456.789, 1e9, 2.4e13}) {
        for (double m : {1.0, 65536.0}) {
            double back = difficulty_from_target(target_from_difficulty(d, m), m);
            EXPECT_NEAR(back / d, 1.0, 1e-12) << d << " x " << m;
        }
    }
    EXPECT_TRUE(std::isinf(difficulty_from_target(Uint256(), 1)));
    // A hash's difficulty: twice as far below diff1 is difficulty 2.
    EXPECT_EQ(difficulty_from_target(shifted(0xffff, 207), 1), 2.0);
}

// Rows of /work/shared/data/{bitcoin,litecoin}-epochs.csv: bits_hex -> difficulty (getdifficulty).
TEST(Pow, DifficultyFromBitsMatchesRealChains) {
    struct Row {
        uint32_t bits;
        double difficulty;
    };
    const Row rows[] = {
        // Bitcoin heights 2016, 102816, 239904, 358848, 477792, 713664, 715680
        {0x1d00ffff, 1.0},
        {0x1b038dee, 18437.64439216629},
        {0x1a011337, 15605632.681285927},
        {0x18171a8b, 47589591153.62501},
        {0x18014735, 860221984436.2223},
        {0x170ba21f, 24195286980613.617},
        {0x170b98ab, 24272331996979.97},
        // Litecoin heights 2016, 4032, 312480, 729792, 1092672, 1457568, 2181312, 2183328
        {0x1e0fffff, 0.00024413713253701452},
        {0x1e03ffff, 0.0009765513240864718},
        {0x1c04b952, 54.19159781127053},
        {0x1b019001, 41941.9904102499},
        {0x1b012bec, 55937.76712685595},
        {0x1a01bb15, 9693242.91459856},
        {0x1a016331, 12091795.252999593},
        {0x1a015ce5, 12310028.892148191},
    };
    for (const Row& r : rows) {
        double d = difficulty_from_bits(r.bits);
        EXPECT_NEAR(d / r.difficulty, 1.0, 1e-14) << std::hex << r.bits;
        // The same value through the exact target path.
        EXPECT_NEAR(difficulty_from_target(*Uint256::from_compact(r.bits), 1) / r.difficulty, 1.0,
                    1e-14);
    }
    EXPECT_EQ(difficulty_from_bits(0x1d00ffff), 1.0);
}

TEST(PowHasher, DispatchesOnAlgorithm) {
    // Litecoin genesis header: its block id is SHA256d, its proof of work is scrypt.
    BlockHeader h;
    h.version = 1;
    h.merkle_root = u256("97ddfbbae6be97fd6cdf3e7ca13232a3afff2353e29badfab7f73011edd4ced9");
    h.time = 1317972665;
    h.bits = 0x1e0ffff0;
    h.nonce = 2084524493;
    auto raw = h.serialize();
    PowHasher sha(PowAlgorithm::sha256d), scrypt(PowAlgorithm::scrypt);
    EXPECT_EQ(sha.algorithm(), PowAlgorithm::sha256d);
    EXPECT_EQ(sha.hash(raw.data()),
              u256("12a765e31ffd4059bada1e25190f6e98c99d9714d334efa41a195a7e7e04bfe2"));
    EXPECT_EQ(scrypt.hash(raw.data()),
              u256("0000050c34a64b415b6b15b37f2216634b5b1669cb9a2e38d76f7213b0671e00"));
    EXPECT_LE(scrypt.hash(raw.data()), *Uint256::from_compact(h.bits));
    EXPECT_EQ(to_string(PowAlgorithm::scrypt), "scrypt");
    EXPECT_EQ(to_string(PowAlgorithm::sha256d), "sha256d");
}

TEST(PowHasher, HashManyEqualsOneByOne) {
    std::vector<std::array<uint8_t, 80>> headers(9);
    for (size_t i = 0; i < headers.size(); ++i)
        for (size_t j = 0; j < 80; ++j)
            headers[i][j] = static_cast<uint8_t>(i * 13 + j);
    for (PowAlgorithm a : {PowAlgorithm::sha256d, PowAlgorithm::scrypt}) {
        PowHasher hasher(a);
        std::vector<std::array<uint8_t, 32>> out(headers.size());
        hasher.hash_many(headers, out);
        for (size_t i = 0; i < headers.size(); ++i) {
            Uint256 one = hasher.hash(headers[i].data());
            EXPECT_EQ(Uint256(out[i]), one) << to_string(a) << " " << i;
        }
    }
}

// Real Bitcoin headers: genesis, block 100000, and block 840000 (version-bits era).
TEST(RealChain, BitcoinHeadersHashToTheirIdsAndMeetTheirTargets) {
    struct Case {
        const char* header;
        const char* id;
    };
    const Case cases[] = {
        {"0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27"
         "ac72c3e67768f61"
         "7fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c",
         "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f"},
        {"0100000050120119172a610421a6c3011dd330d9df07b63616c2cc1f1cd00200000000006657a9252aacd5c0b"
         "2940996ecff9522"
         "28c3067cc38d4885efb5a4ac4247e9f337221b4d4c86041b0f2b5710",
         "000000000003ba27aa200b1cecaad478d2b00432346c3f1f3986da1afd33e506"},
        {"00e05f2aab948491071265ad552351d0ad625745668da54b0172010000000000000000004f89a5d73bd4d4887"
         "f25981fe81892cc"
         "afda10c27f52d6f3dd28183a7c411b03b7072366194203177d9863ea",
         "0000000000000000000320283a032748cef8227873ff4872689bf23f1cda83a5"},
    };
    PowHasher hasher(PowAlgorithm::sha256d);
    for (const Case& c : cases) {
        Bytes raw = hex(c.header);
        ASSERT_EQ(raw.size(), 80u);
        BlockHeader h = BlockHeader::parse(std::span<const uint8_t, 80>(raw.data(), 80));
        EXPECT_EQ(h.hash(), u256(c.id));
        EXPECT_EQ(hasher.hash(raw.data()), u256(c.id));
        EXPECT_LE(h.hash(), *Uint256::from_compact(h.bits));
    }
}

// Real Litecoin headers: the three consecutive blocks of Litecoin Core's scrypt tests (each
// header's prev-hash is the SHA256d of the one before, so SHA256d is the block id), genesis, and
// block 2383207. Their scrypt hashes are the expected proof-of-work hashes and meet their targets.
TEST(RealChain, LitecoinHeadersMeetTheirTargetsWithScrypt) {
    struct Case {
        const char* header;
        const char* scrypt_hash;
    };
    const Case cases[] = {
        {"0200000011503ee6a855e900c00cfdd98f5f55fffeaee9b6bf55bea9b852d9de2ce35828e204eef76acfd3694"
         "9ae56d1fbe81c1a"
         "c9c0209e6331ad56414f9072506a77f8c6faf551eac7471b00389d01",
         "00000000003a0d11bdd5eb634e08b7feddcfbbf228ed35d250daf19f1c88fc94"},
        {"02000000a72c8a177f523946f42f22c3e86b8023221b4105e8007e59e81f6beb013e29aaf635295cb9ac96621"
         "3fb56e046dc71df"
         "5b3f7f67ceaeab24038e743f883aff1aaafaf551eac7471b0166249b",
         "00000000000b40f895f288e13244728a6c2d9d59d8aff29c65f8dd5114a8ca81"},
        {"010000007824bc3a8a1b4628485eee3024abd8626721f7f870f8ad4d2f33a27155167f6a4009d128504960388"
         "8fe85a84b6c803a"
         "53305a8d497965a5e896e1a00568359589faf551eac7471b0065434e",
         "00000000003007005891cd4923031e99d8e8d72f6e8e7edc6a86181897e105fe"},
        {"010000000000000000000000000000000000000000000000000000000000000000000000d9ced4ed1130f7b7f"
         "aad9be25323ffaf"
         "a33232a17c3edf6cfd97bee6bafbdd97b9aa8e4ef0ff0f1ecd513f7c",
         "0000050c34a64b415b6b15b37f2216634b5b1669cb9a2e38d76f7213b0671e00"},
        {"14000020b910892b7ff04a5042990f8cc19aaedc4248d1a50dbf9af2bf0c7020a779347bdfa89ae3be718606f"
         "ccd063cc6d1e743"
         "86c8c6287003deb0f07e3162056aa1ffeb979263d8d3001ad6f60197",
         "00000000000000b3675ae95cd5f6bb7c77310cf26b5854c185d34ce23043d5b2"},
    };
    PowHasher hasher(PowAlgorithm::scrypt);
    std::vector<BlockHeader> headers;
    for (const Case& c : cases) {
        Bytes raw = hex(c.header);
        ASSERT_EQ(raw.size(), 80u);
        BlockHeader h = BlockHeader::parse(std::span<const uint8_t, 80>(raw.data(), 80));
        Uint256 pow = hasher.hash(raw.data());
        EXPECT_EQ(pow, u256(c.scrypt_hash));
        EXPECT_LE(pow, *Uint256::from_compact(h.bits));
        EXPECT_GT(h.hash(), *Uint256::from_compact(h.bits))
            << "the block id is not the proof of work";
        headers.push_back(h);
    }
    EXPECT_EQ(headers[0].prev_block, headers[1].hash());
    EXPECT_EQ(headers[1].prev_block, headers[2].hash());
    EXPECT_EQ(headers[3].hash(),
              u256("12a765e31ffd4059bada1e25190f6e98c99d9714d334efa41a195a7e7e04bfe2"));
    EXPECT_EQ(headers[4].hash(),
              u256("84da0de24f1f70074596f9a9da145a6b7961860519923b67545d095cf8262f9a"));
}

}  // namespace
}  // namespace viddhana::chain
