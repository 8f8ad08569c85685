#include "chain/merkle.h"

#include <gtest/gtest.h>

#include <random>

#include "base/byte_reader.h"
#include "base/byte_writer.h"
#include "chain/block.h"
#include "chain/sha256.h"
#include "chain/transaction.h"
#include "chain_test_util.h"

namespace viddhana::chain {
namespace {

using testing::hex;
using testing::u256;

// Bitcoin block 100000: the whole block is in tests/data/chain; its four transactions are read
// from it, hashed, and the tree over their ids must give the header's merkle root.
TEST(Merkle, BitcoinBlock100000) {
    auto lines = testing::data_lines("btc_block_100000.hex");
    ASSERT_EQ(lines.size(), 1u);
    Bytes block = hex(lines[0]);
    ByteReader r(block);
    std::span<const uint8_t> header_bytes;
    ASSERT_TRUE(r.bytes(80, header_bytes));
    BlockHeader header = BlockHeader::parse(header_bytes.first<80>());
    EXPECT_EQ(header.hash(),
              u256("000000000003ba27aa200b1cecaad478d2b00432346c3f1f3986da1afd33e506"));
    uint64_t count;
    ASSERT_TRUE(r.compact_size(count));
    ASSERT_EQ(count, 4u);
    std::vector<Uint256> txids;
    for (uint64_t i = 0; i < count; ++i) {
        auto tx = Transaction::read(r);
        ASSERT_TRUE(tx) << tx.error().message;
        txids.push_back(tx->txid());
    }
    EXPECT_EQ(r.remaining(), 0u);
    const std::vector<Uint256> expected = {
        u256("8c14f0db3df150123e6f3dbbf30f8b955a8249b62ac1d1ff16284aefa3d06d87"),
        u256("fff2525b8931402dd09222c50775608f75787bd2b87e56995a7bdd30f79702c4"),
        u256("6359f0868171b1d194cbee1af2f16ea598ae8fad666d9b012c8ed2b79a236ec4"),
        u256("e9a66845e05d5abc0ad04ec80f774a7e585c6e8db975962d069a522137b80c1d"),
    };
    EXPECT_EQ(txids, expected);
    Uint256 root = u256("f3e94742aca4b5ef85488dc37c06c3282295ffec960994b2c0d5ac2a25a95766");
    EXPECT_EQ(header.merkle_root, root);
    EXPECT_EQ(merkle_root(txids), root);
    auto branch = coinbase_merkle_branch(std::span<const Uint256>(txids).subspan(1));
    EXPECT_EQ(branch.size(), 2u);
    EXPECT_EQ(merkle_root_from_branch(txids[0], branch), root);
}

// Litecoin block 2383207: nine transactions (odd levels duplicate their last node), HogEx last.
TEST(Merkle, LitecoinBlock2383207) {
    std::vector<Uint256> txids;
    for (const auto& tx : testing::ltc_block_2383207())
        txids.push_back(tx.txid);
    ASSERT_EQ(txids.size(), 9u);
    Uint256 root = u256("ffa16a0562317ef0b0de037028c6c88643e7d1c63c06cdfc068671bee39aa8df");
    EXPECT_EQ(merkle_root(txids), root);
    auto branch = coinbase_merkle_branch(std::span<const Uint256>(txids).subspan(1));
    EXPECT_EQ(branch.size(), 4u);
    EXPECT_EQ(merkle_root_from_branch(txids[0], branch), root);
}

TEST(Merkle, SmallTrees) {
    EXPECT_TRUE(merkle_root({}).is_zero());
    Uint256 a = u256("00000000000000000000000000000000000000000000000000000000000000aa");
    Uint256 b = u256("00000000000000000000000000000000000000000000000000000000000000bb");
    Uint256 c = u256("00000000000000000000000000000000000000000000000000000000000000cc");
    std::vector<Uint256> one = {a}, three = {a, b, c};
    EXPECT_EQ(merkle_root(one), a);
    EXPECT_TRUE(coinbase_merkle_branch({}).empty());
    EXPECT_EQ(merkle_root(three), hash_pair(hash_pair(a, b), hash_pair(c, c)));
    std::vector<Uint256> others = {b, c};
    EXPECT_EQ(coinbase_merkle_branch(others), (std::vector<Uint256>{b, hash_pair(c, c)}));
}

TEST(Merkle, BranchGivesTheRootForEveryTreeSize) {
    std::mt19937_64 rng(7);
    for (size_t n = 1; n <= 20; ++n) {
        std::vector<Uint256> leaves(n);
        for (auto& leaf : leaves)
            for (auto& byte : leaf.bytes())
                byte = static_cast<uint8_t>(rng());
        auto branch = coinbase_merkle_branch(std::span<const Uint256>(leaves).subspan(1));
        size_t depth = 0;
        while ((size_t{1} << depth) < n)
            ++depth;
        EXPECT_EQ(branch.size(), depth) << n << " leaves";
        EXPECT_EQ(merkle_root_from_branch(leaves[0], branch), merkle_root(leaves))
            << n << " leaves";
        // A different coinbase changes the root: the branch really depends on leaf 0.
        Uint256 other = leaves[0];
        other.data()[0] ^= 1;
        EXPECT_NE(merkle_root_from_branch(other, branch), merkle_root(leaves));
    }
}

}  // namespace
}  // namespace viddhana::chain
