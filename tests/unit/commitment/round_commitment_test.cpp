// Credit leaves and round commitments against the shared vectors: the ABI encoding, the leaf
// hashes and roots the contracts accept, leaves summing to the reward, and proofs that do not
// carry over to another round.
#include "commitment/round_commitment.h"

#include <cmath>

#include <gtest/gtest.h>

#include "vectors.h"

namespace viddhana::commitment {
namespace {

using test::hash;
using test::hashes;
using test::u128;
using test::u64;
using test::vectors;

RoundCredits credits_of(const nlohmann::json& r) {
    RoundCredits c;
    c.block_hash = hash(r["block_hash"]);
    c.reward = u64(r["reward"]);
    c.fee_account = r["fee_account"].get<std::string>();
    c.fee = u64(r["fee"]);
    c.dust = u64(r["dust"]);
    for (const auto& m : r["credits"]) {
        c.miners.push_back({m["account"].get<std::string>(), u64(m["amount"]), u64(m["shares"]),
                            u128(m["difficulty"])});
    }
    return c;
}

CreditLeaf leaf_of(const nlohmann::json& round, const nlohmann::json& l) {
    return {hash(round["block_hash"]),
            static_cast<CreditKind>(l["kind"].get<int>()),
            l["account"].get<std::string>(),
            u64(l["amount"]),
            u64(l["shares"]),
            u128(l["difficulty"])};
}

TEST(CreditLeaf, EncodesAndHashesLikeTheContracts) {
    EXPECT_EQ(vectors()["credit_leaf_types"].size(), kCreditLeafTypes.size());
    for (size_t i = 0; i < kCreditLeafTypes.size(); ++i) {
        EXPECT_EQ(vectors()["credit_leaf_types"][i].get<std::string>(), kCreditLeafTypes[i]);
    }
    for (const auto& round : vectors()["rounds"]) {
        for (const auto& l : round["leaves"]) {
            CreditLeaf leaf = leaf_of(round, l);
            EXPECT_EQ(test::hex(encode_credit_leaf(leaf)), l["encoded"].get<std::string>());
            EXPECT_EQ(credit_leaf_hash(leaf), hash(l["hash"]));
        }
    }
}

TEST(RoundCommitment, BuildsTheRootOfEveryRound) {
    for (const auto& round : vectors()["rounds"]) {
        SCOPED_TRACE("round " + round["round_id"].dump());
        auto commitment = RoundCommitment::build(credits_of(round));
        ASSERT_TRUE(commitment.ok()) << commitment.error().message;
        EXPECT_EQ(commitment->root(), hash(round["root"]));
        EXPECT_EQ(commitment->leaf_count(), round["leaves"].size());
        EXPECT_EQ(commitment->leaf_count(), round["credits"].size() + 2);
        EXPECT_EQ(commitment->tree().nodes(), hashes(round["tree"]));
        // Leaves come in the vectors' order: miners, then fee, then dust.
        for (size_t i = 0; i < round["leaves"].size(); ++i) {
            const auto& l = round["leaves"][i];
            EXPECT_EQ(commitment->leaves()[i], leaf_of(round, l));
            CreditProof p = commitment->proof(i);
            EXPECT_EQ(p.leaf_hash, hash(l["hash"]));
            EXPECT_EQ(p.proof, hashes(l["proof"]));
            EXPECT_TRUE(verify_credit(commitment->root(), p.leaf, p.proof));
        }
    }
}

TEST(RoundCommitment, LeavesSumToTheReward) {
    for (const auto& round : vectors()["rounds"]) {
        auto commitment = RoundCommitment::build(credits_of(round));
        ASSERT_TRUE(commitment.ok());
        evm::Uint128 sum = 0;
        int fee_leaves = 0;
        int dust_leaves = 0;
        for (const auto& leaf : commitment->leaves()) {
            sum += leaf.amount;
            fee_leaves += leaf.kind == CreditKind::pool_fee;
            dust_leaves += leaf.kind == CreditKind::rounding_dust;
        }
        EXPECT_EQ(sum, commitment->reward());
        EXPECT_EQ(commitment->reward(), u64(round["reward"]));
        EXPECT_EQ(fee_leaves, 1);
        EXPECT_EQ(dust_leaves, 1);
    }
}

TEST(RoundCommitment, RefusesCreditsThatDoNotSumToTheReward) {
    RoundCredits c = credits_of(vectors()["rounds"][0]);
    c.dust += 1;
    auto more = RoundCommitment::build(c);
    ASSERT_FALSE(more.ok());
    EXPECT_NE(more.error().message.find("sum to 626834513 base units, the reward is 626834512"),
              std::string::npos)
        << more.error().message;
    c.dust -= 1;
    c.miners[0].amount -= 1;
    EXPECT_FALSE(RoundCommitment::build(c).ok());
    // Amounts near 2^64 do not wrap around into a matching sum.
    RoundCredits wrap = credits_of(vectors()["rounds"][1]);
    wrap.miners[0].amount = UINT64_MAX;
    wrap.fee = 1 + wrap.reward;
    wrap.dust = 0;
    EXPECT_FALSE(RoundCommitment::build(wrap).ok());
}

TEST(RoundCommitment, RefusesRepeatedAndNamelessAccounts) {
    RoundCredits c = credits_of(vectors()["rounds"][0]);
    RoundCredits repeated = c;
    repeated.miners[1].account = repeated.miners[0].account;
    auto r = RoundCommitment::build(repeated);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("credited twice"), std::string::npos);
    RoundCredits nameless = c;
    nameless.miners[2].account.clear();
    EXPECT_FALSE(RoundCommitment::build(nameless).ok());
    RoundCredits no_fee_account = c;
    no_fee_account.fee_account.clear();
    EXPECT_FALSE(RoundCommitment::build(no_fee_account).ok());
}

TEST(RoundCommitment, MinerOrderDoesNotChangeTheRoot) {
    RoundCredits c = credits_of(vectors()["rounds"][2]);
    std::reverse(c.miners.begin(), c.miners.end());
    auto commitment = RoundCommitment::build(c);
    ASSERT_TRUE(commitment.ok());
    EXPECT_EQ(commitment->root(), hash(vectors()["rounds"][2]["root"]));
}

TEST(RoundCommitment, AMinersProofDoesNotVerifyForAnotherRound) {
    // Rounds 1 and 6 credit the same miners the same amounts, for different blocks.
    const auto& r1 = vectors()["rounds"][0];
    const auto& r6 = vectors()["rounds"][3];
    auto c1 = RoundCommitment::build(credits_of(r1));
    auto c6 = RoundCommitment::build(credits_of(r6));
    ASSERT_TRUE(c1.ok() && c6.ok());
    ASSERT_NE(c1->root(), c6->root());
    for (const auto& m : r1["credits"]) {
        auto p = c1->miner_proof(m["account"].get<std::string>());
        ASSERT_TRUE(p.has_value());
        EXPECT_TRUE(verify_credit(c1->root(), p->leaf, p->proof));
        EXPECT_FALSE(verify_credit(c6->root(), p->leaf, p->proof));
        // Even naming round 6's block, round 1's proof does not lead to round 6's root.
        CreditLeaf moved = p->leaf;
        moved.block_hash = hash(r6["block_hash"]);
        EXPECT_FALSE(verify_credit(c6->root(), moved, p->proof));
        EXPECT_TRUE(verify_credit(c6->root(), moved, c6->miner_proof(moved.account)->proof));
    }
}

TEST(RoundCommitment, AWrongLeafDoesNotVerify) {
    auto c = RoundCommitment::build(credits_of(vectors()["rounds"][0]));
    ASSERT_TRUE(c.ok());
    CreditProof p = c->proof(0);
    for (auto change : std::vector<std::function<void(CreditLeaf&)>>{
             [](CreditLeaf& l) { l.amount += 1; }, [](CreditLeaf& l) { l.shares += 1; },
             [](CreditLeaf& l) { l.difficulty += 1; }, [](CreditLeaf& l) { l.account += "x"; },
             [](CreditLeaf& l) { l.kind = CreditKind::pool_fee; },
             [](CreditLeaf& l) { l.block_hash[0] ^= 1; }}) {
        CreditLeaf wrong = p.leaf;
        change(wrong);
        EXPECT_FALSE(verify_credit(c->root(), wrong, p.proof));
    }
    EXPECT_FALSE(c->miner_proof("nobody").has_value());
    // The fee account's fee and dust leaves are not a miner credit.
    EXPECT_FALSE(c->miner_proof(vectors()["rounds"][0]["fee_account"].get<std::string>()));
}

TEST(DifficultyMillionths, RoundsToMillionthsAndRefusesNonsense) {
    EXPECT_EQ(difficulty_millionths(0).value(), 0u);
    EXPECT_EQ(difficulty_millionths(1.5).value(), 1500000u);
    EXPECT_EQ(difficulty_millionths(0.001).value(), 1000u);
    EXPECT_EQ(difficulty_millionths(0.0000005).value(), 1u);  // half away from zero
    EXPECT_EQ(difficulty_millionths(3891200.0).value(), static_cast<evm::Uint128>(3891200000000));
    EXPECT_EQ(difficulty_millionths(1e15).value(),
              static_cast<evm::Uint128>(1000000000000000) * 1000000);  // beyond 64 bits
    EXPECT_FALSE(difficulty_millionths(-1).ok());
    EXPECT_FALSE(difficulty_millionths(std::nan("")).ok());
    EXPECT_FALSE(difficulty_millionths(INFINITY).ok());
    EXPECT_FALSE(difficulty_millionths(1e30).ok());
}

}  // namespace
}  // namespace viddhana::commitment
