#include "merged/auxpow.h"

#include <gtest/gtest.h>

#include "chain/sha256.h"
#include "chain/transaction.h"
#include "merged_vectors.h"

namespace viddhana::merged {
namespace {

using testing::hex;

Bytes accepted_auxpow() {
    return hex(testing::recorded_case("eight_slots_accepted").at("auxpow").get<std::string>());
}

TEST(AuxPow, FieldsOfAnAcceptedAuxPow) {
    const auto& c = testing::recorded_case("eight_slots_accepted");
    auto a = AuxPow::parse(accepted_auxpow());
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_EQ(a->coinbase_index, 0);
    EXPECT_EQ(a->aux_index, c.at("dogecoin_slot").get<int32_t>());
    EXPECT_EQ(a->aux_branch.size(), 3u);
    EXPECT_EQ(a->coinbase_branch.size(), c.at("parent").at("coinbase_branch").size());
    EXPECT_EQ(a->parent_block_hash, a->parent_header.hash());
}

TEST(AuxPow, RefusesEveryTruncation) {
    const Bytes raw = accepted_auxpow();
    for (size_t n = 0; n < raw.size(); ++n) {
        auto a = AuxPow::parse(std::span(raw).first(n));
        EXPECT_FALSE(a) << "parsed " << n << " of " << raw.size() << " bytes";
    }
    Bytes longer = raw;
    longer.push_back(0);
    auto a = AuxPow::parse(longer);
    ASSERT_FALSE(a);
    EXPECT_EQ(a.error().message, "1 bytes after the end of the AuxPoW");
}

TEST(AuxPow, RefusesAHugeBranchCountWithoutAllocating) {
    auto a = AuxPow::parse(accepted_auxpow());
    ASSERT_TRUE(a);
    Bytes raw = a->parent_coinbase;
    raw.insert(raw.end(), 32, 0);
    raw.insert(raw.end(), {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f});
    auto b = AuxPow::parse(raw);
    ASSERT_FALSE(b);
    EXPECT_EQ(b.error().message, "AuxPoW truncated in the coinbase branch");
}

TEST(AuxPow, AWitnessCoinbaseComesBackWithout) {
    auto a = AuxPow::parse(accepted_auxpow());
    ASSERT_TRUE(a);
    auto tx = chain::Transaction::parse(a->parent_coinbase);
    ASSERT_TRUE(tx);
    tx->inputs[0].witness = {Bytes(32, 0)};
    AuxPow with_witness = *a;
    with_witness.parent_coinbase = tx->serialize(true);
    ASSERT_NE(with_witness.parent_coinbase, a->parent_coinbase);
    auto back = AuxPow::parse(with_witness.serialize());
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->serialize(), accepted_auxpow());
}

TEST(AuxPow, MakeRefusesBadInputs) {
    auto a = AuxPow::parse(accepted_auxpow());
    ASSERT_TRUE(a);
    const chain::Uint256 leaf = chain::sha256d(Bytes{1});
    AuxTreeShape shape{0, 0, {0}};
    auto tree = AuxMerkleTree::build(shape, std::span(&leaf, 1));
    ASSERT_TRUE(tree);
    EXPECT_TRUE(make_auxpow(a->parent_coinbase, a->coinbase_branch, a->parent_header, *tree, 0));
    auto outside = make_auxpow(a->parent_coinbase, a->coinbase_branch, a->parent_header, *tree, 1);
    ASSERT_FALSE(outside);
    EXPECT_EQ(outside.error().message, "slot 1 is outside an aux tree of 1");
    auto not_tx = make_auxpow(Bytes{1, 2, 3}, a->coinbase_branch, a->parent_header, *tree, 0);
    EXPECT_FALSE(not_tx);
    auto tx = chain::Transaction::parse(a->parent_coinbase);
    ASSERT_TRUE(tx);
    tx->inputs[0].prevout.index = 0;  // spends something: not a coinbase
    auto spend = make_auxpow(tx->serialize(false), a->coinbase_branch, a->parent_header, *tree, 0);
    ASSERT_FALSE(spend);
    EXPECT_EQ(spend.error().message, "the parent transaction is not a coinbase");
    tx->inputs[0].prevout.index = 0xffffffff;
    tx->inputs[0].witness = {Bytes(32, 0)};
    EXPECT_FALSE(make_auxpow(tx->serialize(true), a->coinbase_branch, a->parent_header, *tree, 0));
}

}  // namespace
}  // namespace viddhana::merged
