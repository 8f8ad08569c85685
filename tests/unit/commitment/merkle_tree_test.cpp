// StandardMerkleTree against the trees OpenZeppelin's JavaScript library built for the shared
// vectors: the same node array, root, positions and proofs, whatever order the leaves come in.
#include "commitment/merkle_tree.h"

#include <algorithm>
#include <random>

#include <gtest/gtest.h>

#include "vectors.h"

namespace viddhana::commitment {
namespace {

using test::hash;
using test::hashes;
using test::vectors;

std::vector<Hash256> leaf_hashes(const nlohmann::json& leaves) {
    std::vector<Hash256> out;
    for (const auto& l : leaves)
        out.push_back(hash(l["hash"]));
    return out;
}

void expect_same_tree(const nlohmann::json& v) {
    auto tree = StandardMerkleTree::build(leaf_hashes(v["leaves"]));
    ASSERT_TRUE(tree.ok()) << tree.error().message;
    EXPECT_EQ(tree->root(), hash(v["root"]));
    EXPECT_EQ(tree->nodes(), hashes(v["tree"]));
    for (size_t i = 0; i < v["leaves"].size(); ++i) {
        const auto& leaf = v["leaves"][i];
        EXPECT_EQ(tree->tree_index(i), leaf["tree_index"].get<size_t>());
        EXPECT_EQ(tree->proof(i), hashes(leaf["proof"]));
        EXPECT_TRUE(verify_proof(tree->root(), hash(leaf["hash"]), tree->proof(i)));
    }
}

TEST(StandardMerkleTree, MatchesOpenZeppelinForEveryRound) {
    ASSERT_GE(vectors()["rounds"].size(), 4u);
    for (const auto& round : vectors()["rounds"]) {
        SCOPED_TRACE("round " + round["round_id"].dump());
        expect_same_tree(round);
    }
}

TEST(StandardMerkleTree, MatchesOpenZeppelinForPaymentAndClaimBatches) {
    for (const auto& batch : vectors()["payment_batches"])
        expect_same_tree(batch);
    for (const auto& batch : vectors()["claim_batches"])
        expect_same_tree(batch);
}

TEST(StandardMerkleTree, RootDoesNotDependOnLeafOrder) {
    const auto& round = vectors()["rounds"][2];  // 15 leaves
    auto leaves = leaf_hashes(round["leaves"]);
    std::mt19937 rng(7);
    for (int i = 0; i < 5; ++i) {
        std::shuffle(leaves.begin(), leaves.end(), rng);
        auto tree = StandardMerkleTree::build(leaves);
        ASSERT_TRUE(tree.ok());
        EXPECT_EQ(tree->root(), hash(round["root"]));
        for (size_t j = 0; j < leaves.size(); ++j) {
            EXPECT_EQ(tree->leaf(j), leaves[j]);
            EXPECT_TRUE(verify_proof(tree->root(), leaves[j], tree->proof(j)));
        }
    }
}

TEST(StandardMerkleTree, SingleLeafIsItsOwnRootWithAnEmptyProof) {
    const auto& batch = vectors()["payment_batches"][1];
    ASSERT_EQ(batch["leaves"].size(), 1u);
    auto tree = StandardMerkleTree::build(leaf_hashes(batch["leaves"]));
    ASSERT_TRUE(tree.ok());
    EXPECT_EQ(tree->root(), hash(batch["leaves"][0]["hash"]));
    EXPECT_TRUE(tree->proof(0).empty());
}

TEST(StandardMerkleTree, RefusesNoLeavesAndEqualLeaves) {
    EXPECT_FALSE(StandardMerkleTree::build({}).ok());
    auto leaves = leaf_hashes(vectors()["rounds"][0]["leaves"]);
    leaves.push_back(leaves[1]);
    auto tree = StandardMerkleTree::build(leaves);
    ASSERT_FALSE(tree.ok());
    EXPECT_NE(tree.error().message.find("are equal"), std::string::npos) << tree.error().message;
}

TEST(StandardMerkleTree, ProofOfABadIndexThrows) {
    auto tree = StandardMerkleTree::build(leaf_hashes(vectors()["rounds"][0]["leaves"]));
    ASSERT_TRUE(tree.ok());
    EXPECT_THROW((void)tree->proof(tree->size()), std::out_of_range);
}

TEST(MerkleProof, RefusesAnyChangedSiblingTruncationOrOtherLeaf) {
    const auto& round = vectors()["rounds"][2];
    Hash256 root = hash(round["root"]);
    Hash256 leaf = hash(round["leaves"][0]["hash"]);
    auto proof = hashes(round["leaves"][0]["proof"]);
    ASSERT_TRUE(verify_proof(root, leaf, proof));
    for (size_t i = 0; i < proof.size(); ++i) {
        auto tampered = proof;
        tampered[i][31] ^= 1;
        EXPECT_FALSE(verify_proof(root, leaf, tampered)) << "sibling " << i;
    }
    EXPECT_FALSE(verify_proof(root, leaf, std::span(proof).first(proof.size() - 1)));
    EXPECT_FALSE(verify_proof(root, hash(round["leaves"][1]["hash"]), proof));
    // A proof is a path, not a set: the siblings in another order lead elsewhere.
    auto reversed = proof;
    std::reverse(reversed.begin(), reversed.end());
    EXPECT_FALSE(verify_proof(root, leaf, reversed));
}

TEST(MerkleProof, HashPairIsCommutative) {
    Hash256 a = hash(vectors()["rounds"][0]["leaves"][0]["hash"]);
    Hash256 b = hash(vectors()["rounds"][0]["leaves"][1]["hash"]);
    EXPECT_EQ(hash_pair(a, b), hash_pair(b, a));
    EXPECT_NE(hash_pair(a, b), hash_pair(a, a));
}

}  // namespace
}  // namespace viddhana::commitment
