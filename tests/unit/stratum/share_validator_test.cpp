// ShareValidator against real chain data: Bitcoin block 100000 (four transactions), submitted as
// a share whose extranonce is a slice of the block's real coinbase.
#include <gtest/gtest.h>

#include "base/hex.h"
#include "chain/coin.h"
#include "chain/merkle.h"
#include "chain/pow.h"
#include "stratum/share_validator.h"

namespace viddhana::stratum {
namespace {

constexpr const char* kCoinbase =
    "01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff08044c8604"
    "1b020602ffffffff0100f2052a010000004341041b0e8c2567c12536aa13357b79a073dc4444acb83c4ec7a0e2f9"
    "9dd7457516c5817242da796924ca4e99947d087fedf9ce467cb9f7c6287078f801df276fdf84ac00000000";
constexpr const char* kOtherTxids[] = {
    "fff2525b8931402dd09222c50775608f75787bd2b87e56995a7bdd30f79702c4",
    "6359f0868171b1d194cbee1af2f16ea598ae8fad666d9b012c8ed2b79a236ec4",
    "e9a66845e05d5abc0ad04ec80f774a7e585c6e8db975962d069a522137b80c1d",
};
constexpr const char* kBlockHash =
    "000000000003ba27aa200b1cecaad478d2b00432346c3f1f3986da1afd33e506";
constexpr uint32_t kTime = 1293623863, kBits = 0x1b04864c, kNonce = 274148111;
constexpr size_t kExtranonceOffset = 42;  // the scriptSig's first bytes serve as extranonce

class ShareValidatorTest : public ::testing::Test {
  protected:
    void SetUp() override {
        coin_ = chain::find_coin("bitcoin", chain::Network::mainnet);
        ASSERT_NE(coin_, nullptr);
        Bytes cb = *from_hex(kCoinbase);
        job_.id = 7;
        job_.version = 1;
        job_.bits = kBits;
        job_.ntime = kTime;
        job_.min_time = kTime - 3600;
        job_.prev_block = *chain::Uint256::from_display_hex(
            "000000000002d01c1fccc21636b607dfd930d31d01c3a62104612a1719011250");
        job_.network_target = *chain::Uint256::from_compact(kBits);
        job_.coinb1.assign(cb.begin(), cb.begin() + kExtranonceOffset);
        extranonce1_.assign(cb.begin() + kExtranonceOffset, cb.begin() + kExtranonceOffset + 4);
        extranonce2_hex_ = to_hex(std::span(cb).subspan(kExtranonceOffset + 4, 4));
        job_.coinb2.assign(cb.begin() + kExtranonceOffset + 8, cb.end());
        std::vector<chain::Uint256> others;
        for (const char* t : kOtherTxids)
            others.push_back(*chain::Uint256::from_display_hex(t));
        job_.merkle_branch = chain::coinbase_merkle_branch(others);
        job_.extranonce_size = 8;

        submit_.worker = "w";
        submit_.job_id = "7";
        submit_.extranonce2 = extranonce2_hex_;
        submit_.ntime = "4d1b2237";  // 1293623863
        submit_.nonce = "10572b0f";  // 274148111
        ctx_.extranonce1 = extranonce1_;
        ctx_.extranonce2_size = 4;
        ctx_.now_s = kTime + 60;
        set_difficulty(1000);
    }

    void set_difficulty(double d) {
        ctx_.difficulty = d;
        ctx_.share_target = chain::target_from_difficulty(d, coin_->share_multiplier);
    }

    const chain::CoinParams* coin_ = nullptr;
    Job job_;
    Bytes extranonce1_;
    std::string extranonce2_hex_;
    SubmitParams submit_;
    ShareContext ctx_;
    DuplicateFilter duplicates_;
};

TEST_F(ShareValidatorTest, RealBlockIsAcceptedAsShareAndBlock) {
    ShareValidator v(*coin_);
    ShareCheck c = v.check(job_, submit_, ctx_, duplicates_);
    EXPECT_EQ(c.result, bus::ShareResult::accepted) << c.reason;
    EXPECT_TRUE(c.is_block);
    EXPECT_EQ(c.block_hash.display_hex(), kBlockHash);
    EXPECT_EQ(c.credited_difficulty, 1000);
    // Block 100000's hash has difficulty ~ 1.27e5 relative to diff 1 (hash 0x3ba27...).
    EXPECT_NEAR(c.actual_difficulty,
                chain::difficulty_from_target(*chain::Uint256::from_display_hex(kBlockHash), 1),
                1e-6);
    EXPECT_GT(c.actual_difficulty, 14484.0);  // the network difficulty of block 100000
    EXPECT_EQ(to_hex(v.last_coinbase()), kCoinbase);
}

TEST_F(ShareValidatorTest, SecondSubmissionIsDuplicate) {
    ShareValidator v(*coin_);
    ASSERT_EQ(v.check(job_, submit_, ctx_, duplicates_).result, bus::ShareResult::accepted);
    ShareCheck again = v.check(job_, submit_, ctx_, duplicates_);
    EXPECT_EQ(again.result, bus::ShareResult::duplicate);
    EXPECT_EQ(again.error, ErrorCode::duplicate);
}

TEST_F(ShareValidatorTest, WrongNonceIsLowDifficulty) {
    ShareValidator v(*coin_);
    submit_.nonce = "10572b0e";
    ShareCheck c = v.check(job_, submit_, ctx_, duplicates_);
    EXPECT_EQ(c.result, bus::ShareResult::low_difficulty);
    EXPECT_EQ(c.error, ErrorCode::low_difficulty);
    EXPECT_FALSE(c.is_block);
}

TEST_F(ShareValidatorTest, RejectedSharesAreNotRemembered) {
    ShareValidator v(*coin_);
    submit_.nonce = "10572b0e";
    EXPECT_EQ(v.check(job_, submit_, ctx_, duplicates_).result, bus::ShareResult::low_difficulty);
    EXPECT_EQ(duplicates_.size(), 0u);
    // The same share again is judged the same way, not as a duplicate.
    EXPECT_EQ(v.check(job_, submit_, ctx_, duplicates_).result, bus::ShareResult::low_difficulty);
}

TEST_F(ShareValidatorTest, JudgedAndCreditedByTheJobsDifficultyAlone) {
    ShareValidator v(*coin_);
    // Not a block on a harder network, and too little for a job sent at difficulty 1e9...
    job_.network_target = *chain::Uint256::from_compact(0x1a00ffff);
    set_difficulty(1e9);
    ShareCheck low = v.check(job_, submit_, ctx_, duplicates_);
    EXPECT_EQ(low.result, bus::ShareResult::low_difficulty);
    EXPECT_EQ(duplicates_.size(), 0u);
    // ...enough for one sent at 500, and credited with 500 (not with what it achieved).
    set_difficulty(500);
    ShareCheck ok = v.check(job_, submit_, ctx_, duplicates_);
    EXPECT_EQ(ok.result, bus::ShareResult::accepted);
    EXPECT_EQ(ok.credited_difficulty, 500);
    EXPECT_GT(ok.actual_difficulty, 500);
    EXPECT_FALSE(ok.is_block);
}

TEST_F(ShareValidatorTest, NtimeOutsideTheWindowIsRejected) {
    ShareValidator v(*coin_);
    ctx_.now_s = kTime - ShareValidator::kMaxFutureSeconds - 1;  // the share is too far ahead
    EXPECT_EQ(v.check(job_, submit_, ctx_, duplicates_).reason, "ntime out of range");
    ctx_.now_s = kTime + 60;
    job_.min_time = kTime + 1;  // before the node's minimum time
    EXPECT_EQ(v.check(job_, submit_, ctx_, duplicates_).result, bus::ShareResult::invalid);
}

TEST_F(ShareValidatorTest, MalformedFieldsAreInvalid) {
    ShareValidator v(*coin_);
    SubmitParams bad = submit_;
    bad.extranonce2 = "0602";  // two bytes instead of four
    EXPECT_EQ(v.check(job_, bad, ctx_, duplicates_).reason, "Incorrect size of extranonce2");
    bad = submit_;
    bad.extranonce2 = "zz000000";
    EXPECT_EQ(v.check(job_, bad, ctx_, duplicates_).result, bus::ShareResult::invalid);
    bad = submit_;
    bad.nonce = "10572b0";
    EXPECT_EQ(v.check(job_, bad, ctx_, duplicates_).result, bus::ShareResult::invalid);
    bad = submit_;
    bad.ntime = "xyz";
    EXPECT_EQ(v.check(job_, bad, ctx_, duplicates_).result, bus::ShareResult::invalid);
    EXPECT_EQ(duplicates_.size(), 0u);  // nothing was remembered for rejected input
}

TEST_F(ShareValidatorTest, VersionBitsMustStayInsideTheMask) {
    ShareValidator v(*coin_);
    submit_.version_bits = "00002000";
    ctx_.version_mask = 0;  // no version rolling negotiated
    EXPECT_EQ(v.check(job_, submit_, ctx_, duplicates_).reason,
              "version bits outside the negotiated mask");
    ctx_.version_mask = 0x1fffe000;
    submit_.version_bits = "20000000";  // outside 1fffe000
    EXPECT_EQ(v.check(job_, submit_, ctx_, duplicates_).result, bus::ShareResult::invalid);
    // Inside the mask: the header's version changes, so the hash is no longer block 100000's.
    submit_.version_bits = "00002000";
    set_difficulty(1e-12);  // any hash is a share: this checks the header, not the work
    ShareCheck c = v.check(job_, submit_, ctx_, duplicates_);
    EXPECT_EQ(c.result, bus::ShareResult::accepted) << c.reason;
    EXPECT_NE(c.block_hash.display_hex(), kBlockHash);
    EXPECT_EQ(c.header[0], 0x01);
    EXPECT_EQ(c.header[1], 0x20);  // version 0x00002001, little-endian
}

TEST(DuplicateFilterTest, RemembersUntilCleared) {
    DuplicateFilter f;
    auto a = *chain::Uint256::from_display_hex(kBlockHash);
    EXPECT_TRUE(f.insert(a));
    EXPECT_FALSE(f.insert(a));
    f.clear();
    EXPECT_TRUE(f.insert(a));
}

}  // namespace
}  // namespace viddhana::stratum
