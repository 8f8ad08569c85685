// Payment and claim leaves and their batch commitments against the shared vectors, and the
// parsing of batch ids and transaction ids.
#include "commitment/payment_commitment.h"

#include <gtest/gtest.h>

#include "commitment/claim_leaf.h"
#include "vectors.h"

namespace viddhana::commitment {
namespace {

using test::hash;
using test::hashes;
using test::u128;
using test::u64;
using test::vectors;

BatchId batch_id_of(const nlohmann::json& v) {
    BatchId id{};
    EXPECT_TRUE(from_hex_into(v.get<std::string>().substr(2), id)) << v;
    return id;
}

std::vector<BatchPayment> payments_of(const nlohmann::json& b) {
    std::vector<BatchPayment> out;
    for (const auto& p : b["payments"]) {
        out.push_back({p["login"].get<std::string>(), p["address"].get<std::string>(),
                       u64(p["amount"]), u64(p["fee"])});
    }
    return out;
}

TEST(PaymentLeaf, EncodesAndHashesLikeTheContracts) {
    for (size_t i = 0; i < kPaymentLeafTypes.size(); ++i) {
        EXPECT_EQ(vectors()["payment_leaf_types"][i].get<std::string>(), kPaymentLeafTypes[i]);
    }
    for (const auto& b : vectors()["payment_batches"]) {
        for (const auto& l : b["leaves"]) {
            PaymentLeaf leaf{batch_id_of(b["batch_id"]),
                             l["login"].get<std::string>(),
                             l["address"].get<std::string>(),
                             u64(l["amount"]),
                             u64(l["fee"]),
                             hash(b["txid"])};
            EXPECT_EQ(test::hex(encode_payment_leaf(leaf)), l["encoded"].get<std::string>());
            EXPECT_EQ(payment_leaf_hash(leaf), hash(l["hash"]));
        }
    }
}

TEST(PaymentBatchCommitment, BuildsTheRootOfEveryBatch) {
    for (const auto& b : vectors()["payment_batches"]) {
        auto c = PaymentBatchCommitment::build(batch_id_of(b["batch_id"]), hash(b["txid"]),
                                               payments_of(b));
        ASSERT_TRUE(c.ok()) << c.error().message;
        EXPECT_EQ(c->root(), hash(b["root"]));
        evm::Uint128 total = 0;
        for (const auto& p : b["payments"])
            total += u64(p["amount"]);
        EXPECT_EQ(c->total(), total);
        for (size_t i = 0; i < b["leaves"].size(); ++i) {
            PaymentProof p = c->proof(i);
            EXPECT_EQ(p.proof, hashes(b["leaves"][i]["proof"]));
            EXPECT_TRUE(verify_payment(c->root(), p.leaf, p.proof));
            PaymentLeaf other_address = p.leaf;
            other_address.address += "x";
            EXPECT_FALSE(verify_payment(c->root(), other_address, p.proof));
        }
        auto by_login = c->proof_for(b["payments"][0]["login"].get<std::string>());
        ASSERT_TRUE(by_login.has_value());
        EXPECT_EQ(by_login->leaf_hash, hash(b["leaves"][0]["hash"]));
    }
}

TEST(PaymentBatchCommitment, RefusesEmptyZeroAndRepeatedPayments) {
    const auto& b = vectors()["payment_batches"][0];
    BatchId id = batch_id_of(b["batch_id"]);
    Hash256 txid = hash(b["txid"]);
    EXPECT_FALSE(PaymentBatchCommitment::build(id, txid, {}).ok());
    auto zero = payments_of(b);
    zero[1].amount = 0;
    EXPECT_FALSE(PaymentBatchCommitment::build(id, txid, zero).ok());
    auto repeated = payments_of(b);
    repeated.push_back(repeated[0]);
    auto r = PaymentBatchCommitment::build(id, txid, repeated);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("paid twice"), std::string::npos);
    auto no_address = payments_of(b);
    no_address[2].address.clear();
    EXPECT_FALSE(PaymentBatchCommitment::build(id, txid, no_address).ok());
}

TEST(BatchId, ParsesUuidsAndFormatsThemBack) {
    auto id = parse_batch_id("6f1c2a9e-3b7d-4c1e-9a52-0d4b8e7f1a23");
    ASSERT_TRUE(id.ok()) << id.error().message;
    EXPECT_EQ(*id, batch_id_of(vectors()["payment_batches"][0]["batch_id"]));
    EXPECT_EQ(format_batch_id(*id), "6f1c2a9e-3b7d-4c1e-9a52-0d4b8e7f1a23");
    EXPECT_EQ(parse_batch_id("6F1C2A9E3B7D4C1E9A520D4B8E7F1A23").value(), *id);
    for (const char* bad :
         {"", "6f1c2a9e-3b7d-4c1e-9a52-0d4b8e7f1a2", "6f1c2a9e_3b7d-4c1e-9a52-0d4b8e7f1a23",
          "6f1c2a9e-3b7d-4c1e-9a52-0d4b8e7f1a2g", "6f1c2a9e3b7d4c1e9a520d4b8e7f1a2300"}) {
        EXPECT_FALSE(parse_batch_id(bad).ok()) << bad;
    }
}

TEST(Txid, ParsesWithOrWithoutPrefixAndRefusesOtherLengths) {
    std::string txid = vectors()["payment_batches"][0]["txid"].get<std::string>();
    EXPECT_EQ(parse_txid(txid).value(), hash(txid));
    EXPECT_EQ(parse_txid(txid.substr(2)).value(), hash(txid));
    EXPECT_FALSE(parse_txid(txid.substr(0, 64)).ok());
    EXPECT_FALSE(parse_txid(txid + "00").ok());
}

TEST(ClaimLeaf, EncodesHashesAndBuildsLikeThePayoutDistributor) {
    for (const auto& c : vectors()["claim_batches"]) {
        BatchId id = batch_id_of(c["batch_id"]);
        std::vector<Claim> claims;
        for (const auto& claim : c["claims"]) {
            claims.push_back({auth::EthAddress::parse(claim["account"].get<std::string>()).value(),
                              u128(claim["amount"])});
        }
        auto batch = build_claim_batch(id, claims);
        ASSERT_TRUE(batch.ok()) << batch.error().message;
        EXPECT_EQ(batch->tree.root(), hash(c["root"]));
        for (size_t i = 0; i < c["leaves"].size(); ++i) {
            const auto& l = c["leaves"][i];
            EXPECT_EQ(batch->leaves[i].index, u64(l["index"]));
            EXPECT_EQ(test::hex(encode_claim_leaf(batch->leaves[i])),
                      l["encoded"].get<std::string>());
            EXPECT_EQ(claim_leaf_hash(batch->leaves[i]), hash(l["hash"]));
            EXPECT_EQ(batch->tree.proof(i), hashes(l["proof"]));
        }
        claims[0].amount = 0;
        EXPECT_FALSE(build_claim_batch(id, claims).ok());
    }
}

}  // namespace
}  // namespace viddhana::commitment
