#include "chain/sha256.h"

#include <gtest/gtest.h>

#include <string>

#include "chain_test_util.h"

namespace viddhana::chain {
namespace {

using testing::hex;
using testing::u256;

std::string sha256_hex(std::string_view text) {
    uint8_t out[32];
    sha256(reinterpret_cast<const uint8_t*>(text.data()), text.size(), out);
    return to_hex(out);
}

TEST(Sha256, NistVectors) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, StreamingMillionA) {
    Sha256 h;
    std::string chunk(1000, 'a');
    for (int i = 0; i < 1000; ++i)
        h.write(reinterpret_cast<const uint8_t*>(chunk.data()), chunk.size());
    uint8_t out[32];
    h.finalize(out);
    EXPECT_EQ(to_hex(out), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, CopiedStateResumesFromPrefix) {
    Bytes prefix(100, 0x11), tail1 = {1, 2, 3}, tail2 = {4, 5, 6, 7};
    Sha256 base;
    base.write(prefix);
    Sha256 a = base, b = base;
    uint8_t out_a[32], out_b[32], direct[32];
    a.write(tail1).finalize(out_a);
    b.write(tail2).finalize(out_b);
    Bytes whole = prefix;
    whole.insert(whole.end(), tail1.begin(), tail1.end());
    sha256(whole.data(), whole.size(), direct);
    EXPECT_EQ(to_hex(out_a), to_hex(direct));
    EXPECT_NE(to_hex(out_a), to_hex(out_b));
}

TEST(Sha256, ResetStartsOver) {
    Sha256 h;
    uint8_t out[32];
    h.write(hex("deadbeef"));
    h.reset().write(reinterpret_cast<const uint8_t*>("abc"), 3).finalize(out);
    EXPECT_EQ(to_hex(out), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256d, BitcoinGenesisHeaderGivesBlockHash) {
    Bytes header = hex(
        "0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b2"
        "7ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c");
    EXPECT_EQ(sha256d(header),
              u256("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f"));
    uint8_t out[32];
    sha256d(header.data(), header.size(), out);
    EXPECT_EQ(Uint256(std::span<const uint8_t, 32>(out, 32)), sha256d(header));
}

TEST(HashPair, IsSha256dOfConcatenation) {
    Uint256 a = u256("8c14f0db3df150123e6f3dbbf30f8b955a8249b62ac1d1ff16284aefa3d06d87");
    Uint256 b = u256("fff2525b8931402dd09222c50775608f75787bd2b87e56995a7bdd30f79702c4");
    Bytes cat(a.bytes().begin(), a.bytes().end());
    cat.insert(cat.end(), b.bytes().begin(), b.bytes().end());
    EXPECT_EQ(hash_pair(a, b), sha256d(cat));
    EXPECT_NE(hash_pair(a, b), hash_pair(b, a));
}

}  // namespace
}  // namespace viddhana::chain
