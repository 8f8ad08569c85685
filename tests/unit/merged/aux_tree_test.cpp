#include <gtest/gtest.h>

#include <set>

#include "chain/merkle.h"
#include "chain/sha256.h"
#include "merged/aux_merkle_tree.h"
#include "merged/aux_tree_shape.h"
#include "merged_vectors.h"

namespace viddhana::merged {
namespace {

chain::Uint256 leaf(int i) {
    uint8_t b[4] = {static_cast<uint8_t>(i), 1, 2, 3};
    return chain::sha256d(b);
}

// The accepted multi-chain cases: dogecoind took its block in the slot aux_slot() gives, in trees
// of 4 and 8, so the formula is the node's.
TEST(AuxSlot, MatchesTheSlotsDogecoindAccepted) {
    int checked = 0;
    for (const char* name : {"three_chains_accepted", "eight_slots_accepted"}) {
        const auto& c = testing::recorded_case(name);
        ASSERT_EQ(c.at("submitauxblock"), true) << name;
        const auto& tree = c.at("tree");
        const auto height = tree.at("height").get<unsigned>();
        const auto nonce = tree.at("nonce").get<uint32_t>();
        EXPECT_GT(height, 0u) << name;
        EXPECT_EQ(aux_slot(nonce, 98, height), c.at("dogecoin_slot").get<uint32_t>()) << name;
        ++checked;
    }
    EXPECT_EQ(checked, 2);
    // The tree of 8 put Dogecoin in an odd slot above 4: both sides of the branch were hashed.
    EXPECT_GE(testing::recorded_case("eight_slots_accepted").at("dogecoin_slot").get<uint32_t>(),
              5u);
}

TEST(AuxSlot, WrapsModulo2To32LikeTheNode) {
    // nonce 2^32-1: both LCG steps overflow; the value is the 32-bit computation's (worked out
    // separately with explicit mod 2^32 arithmetic).
    EXPECT_EQ(aux_slot(0xffffffffu, 98, 30), 1059291599u);
    // A tree of one slot: always slot 0.
    for (uint32_t nonce : {0u, 1u, 12345u, 0xffffffffu})
        EXPECT_EQ(aux_slot(nonce, 98, 0), 0u);
}

TEST(AuxTreePlan, OneChainIsATreeOfOne) {
    const int32_t ids[] = {98};
    auto shape = plan_aux_tree(ids);
    ASSERT_TRUE(shape) << shape.error().message;
    EXPECT_EQ(shape->height, 0u);
    EXPECT_EQ(shape->size(), 1u);
    EXPECT_EQ(shape->slots, std::vector<uint32_t>{0});
}

TEST(AuxTreePlan, SeparatesEveryChain) {
    const std::vector<std::vector<int32_t>> lists = {
        {98, 1}, {98, 2}, {98, 1, 7}, {98, 1, 7, 16, 43}, {1, 2, 3, 4, 5, 6, 7, 8, 9}};
    for (const auto& ids : lists) {
        for (uint32_t nonce : {0u, 7u, 0xffffffffu}) {
            auto shape = plan_aux_tree(ids, nonce);
            ASSERT_TRUE(shape) << shape.error().message;
            ASSERT_EQ(shape->slots.size(), ids.size());
            EXPECT_EQ(shape->nonce, nonce);
            std::set<uint32_t> distinct(shape->slots.begin(), shape->slots.end());
            EXPECT_EQ(distinct.size(), ids.size());
            for (size_t i = 0; i < ids.size(); ++i) {
                EXPECT_LT(shape->slots[i], shape->size());
                EXPECT_EQ(shape->slots[i], aux_slot(nonce, ids[i], shape->height));
            }
            // Nothing smaller works.
            if (shape->height > 0) {
                EXPECT_FALSE(aux_tree_shape(ids, shape->height - 1, nonce));
            }
        }
    }
}

// The slot is an odd multiple of (nonce + chain id) plus a constant, modulo the tree size: two
// chains share a slot exactly when their ids are equal modulo the size, whatever the nonce.
TEST(AuxTreePlan, ChainsCollideExactlyWhenTheirIdsAgreeModuloTheSize) {
    for (unsigned height = 1; height <= 5; ++height) {
        const int32_t size = 1 << height;
        for (uint32_t nonce = 0; nonce < 64; ++nonce) {
            for (int32_t other = 0; other < 200; ++other) {
                const bool same_slot =
                    aux_slot(nonce, 98, height) == aux_slot(nonce, other, height);
                EXPECT_EQ(same_slot, (98 - other) % size == 0)
                    << "height " << height << " nonce " << nonce << " id " << other;
            }
        }
    }
    // 98 and 2 agree modulo 32 (98 - 2 = 3 * 32): they need a tree of 64.
    const int32_t ids[] = {98, 2};
    auto shape = plan_aux_tree(ids);
    ASSERT_TRUE(shape);
    EXPECT_EQ(shape->height, 6u);
}

TEST(AuxTreePlan, ReproducesTheRecordedPlannedTree) {
    const auto& tree = testing::recorded_case("three_chains_accepted").at("tree");
    auto ids = tree.at("chain_ids").get<std::vector<int32_t>>();
    auto shape = plan_aux_tree(ids);
    ASSERT_TRUE(shape);
    EXPECT_EQ(shape->height, tree.at("height").get<unsigned>());
    EXPECT_EQ(shape->nonce, tree.at("nonce").get<uint32_t>());
    EXPECT_EQ(shape->slots, tree.at("slots").get<std::vector<uint32_t>>());
}

TEST(AuxTreePlan, RefusesBadLists) {
    EXPECT_FALSE(plan_aux_tree({}));
    const int32_t twice[] = {98, 1, 98};
    auto dup = plan_aux_tree(twice);
    ASSERT_FALSE(dup);
    EXPECT_NE(dup.error().message.find("98 is listed twice"), std::string::npos);
    const int32_t pair[] = {98, 1};
    EXPECT_FALSE(aux_tree_shape(pair, kMaxAuxTreeHeight + 1, 0));
    // A fixed shape that collides is refused.
    const int32_t same_parity[] = {98, 2};
    auto collide = aux_tree_shape(same_parity, 1, 0);
    ASSERT_FALSE(collide);
    EXPECT_NE(collide.error().message.find("equal modulo the tree size"), std::string::npos);
    // Ids equal modulo 2^30 cannot be separated at all.
    const int32_t far_apart[] = {98, 98 + (1 << 30)};
    EXPECT_FALSE(plan_aux_tree(far_apart));
}

TEST(AuxMerkleTree, EveryBranchLeadsToTheRoot) {
    for (unsigned height = 0; height <= 4; ++height) {
        AuxTreeShape shape;
        shape.height = height;
        std::vector<chain::Uint256> hashes;
        for (uint32_t s = 0; s < shape.size(); ++s) {
            shape.slots.push_back(s);
            hashes.push_back(leaf(static_cast<int>(s)));
        }
        auto tree = AuxMerkleTree::build(shape, hashes);
        ASSERT_TRUE(tree) << tree.error().message;
        // A full tree is a Bitcoin merkle tree over the slots.
        EXPECT_EQ(tree->root(), chain::merkle_root(hashes));
        for (uint32_t s = 0; s < shape.size(); ++s) {
            auto branch = tree->branch(s);
            EXPECT_EQ(branch.size(), height);
            EXPECT_EQ(merkle_root_from_indexed_branch(hashes[s], branch, static_cast<int32_t>(s)),
                      tree->root());
            if (height > 0) {
                // The same branch from a neighbouring slot's index gives another root.
                EXPECT_NE(
                    merkle_root_from_indexed_branch(hashes[s], branch, static_cast<int32_t>(s ^ 1)),
                    tree->root());
            }
        }
        // Slot 0's branch is what the chain library computes for a coinbase.
        std::vector<chain::Uint256> rest(hashes.begin() + 1, hashes.end());
        EXPECT_EQ(tree->branch(0), chain::coinbase_merkle_branch(rest));
        EXPECT_THROW(tree->branch(shape.size()), std::out_of_range);
    }
}

TEST(AuxMerkleTree, EmptySlotsAreZero) {
    AuxTreeShape shape{2, 0, {3}};
    const chain::Uint256 h = leaf(9);
    auto tree = AuxMerkleTree::build(shape, std::span(&h, 1));
    ASSERT_TRUE(tree);
    const chain::Uint256 zero;
    EXPECT_EQ(tree->root(),
              chain::hash_pair(chain::hash_pair(zero, zero), chain::hash_pair(zero, h)));
    EXPECT_EQ(merkle_root_from_indexed_branch(h, tree->branch(3), 3), tree->root());
}

TEST(AuxMerkleTree, RefusesInconsistentShapes) {
    const chain::Uint256 h[2] = {leaf(1), leaf(2)};
    EXPECT_FALSE(AuxMerkleTree::build(AuxTreeShape{1, 0, {0}}, h));     // two hashes, one slot
    EXPECT_FALSE(AuxMerkleTree::build(AuxTreeShape{1, 0, {1, 1}}, h));  // one slot twice
    EXPECT_FALSE(AuxMerkleTree::build(AuxTreeShape{1, 0, {0, 2}}, h));  // outside the tree
    EXPECT_TRUE(AuxMerkleTree::build(AuxTreeShape{1, 0, {1, 0}}, h));
}

TEST(AuxMerkleTree, IndexMinusOneGivesZeroLikeTheNode) {
    const chain::Uint256 h = leaf(1);
    EXPECT_TRUE(merkle_root_from_indexed_branch(h, {}, -1).is_zero());
    EXPECT_EQ(merkle_root_from_indexed_branch(h, {}, 0), h);
}

}  // namespace
}  // namespace viddhana::merged
