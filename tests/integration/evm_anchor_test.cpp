// The C++ EVM layer against a real chain: a Hardhat (EDR) node started for the test, the
// PoolAnchorRegistry deployed by a transaction built and signed in C++, round and payment
// roots from the C++ commitment library published by the operator key, and every proof checked
// through eth_call by the contract's own verifyCredit / verifyPayment. Also: reverts surface as
// named errors, the operator key rotates, an orphaned round stops verifying, and a stuck
// transaction is replaced with bumped fees.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "commitment/payment_commitment.h"
#include "commitment/round_commitment.h"
#include "evm/abi_decoder.h"
#include "evm/anchor_registry.h"
#include "evm/eth_rpc_client.h"
#include "evm/signing_key.h"
#include "evm/transaction_sender.h"
#include "support/hardhat_node.h"

namespace viddhana {
namespace {

using commitment::RoundCommitment;
using evm::EthRpcClient;
using evm::SigningKey;
using evm::TransactionSender;
using nlohmann::json;
namespace registry = evm::registry;

constexpr auto kReceiptTimeout = std::chrono::seconds(30);

const json& commitment_vectors() {
    static const json v = [] {
        std::ifstream in(std::string(VIDDHANA_SOURCE_DIR) + "/tests/data/commitment/vectors.json");
        std::stringstream ss;
        ss << in.rdbuf();
        return json::parse(ss.str());
    }();
    return v;
}

uint64_t u64(const json& v) {
    if (v.is_number_unsigned()) return v.get<uint64_t>();
    return static_cast<uint64_t>(evm::parse_decimal(v.get<std::string>()).value());
}

evm::Word word(const json& v) {
    return evm::parse_word_hex(v.get<std::string>()).value();
}

struct VectorRound {
    uint64_t round_id = 0;
    uint64_t height = 0;
    RoundCommitment commitment;
};

VectorRound vector_round(size_t index) {
    const json& r = commitment_vectors()["rounds"][index];
    commitment::RoundCredits c;
    c.block_hash = word(r["block_hash"]);
    c.reward = u64(r["reward"]);
    c.fee_account = r["fee_account"].get<std::string>();
    c.fee = u64(r["fee"]);
    c.dust = u64(r["dust"]);
    for (const auto& m : r["credits"]) {
        c.miners.push_back({m["account"].get<std::string>(), u64(m["amount"]), u64(m["shares"]),
                            evm::parse_decimal(m["difficulty"].get<std::string>()).value()});
    }
    return {u64(r["round_id"]), u64(r["height"]), RoundCommitment::build(c).value()};
}

registry::RoundAnchor anchor_of(const VectorRound& r) {
    return {r.round_id,
            r.commitment.leaves().front().block_hash,
            r.height,
            r.commitment.root(),
            static_cast<uint32_t>(r.commitment.leaf_count()),
            r.commitment.reward()};
}

Bytes credit_leaf_call(const commitment::CreditLeaf& leaf) {
    return evm::encode_call("creditLeaf(bytes32,uint8,string,uint64,uint64,uint128)",
                            evm::AbiEncoder()
                                .add_word(leaf.block_hash)
                                .add_uint(static_cast<uint8_t>(leaf.kind))
                                .add_string(leaf.account)
                                .add_uint(leaf.amount)
                                .add_uint(leaf.shares)
                                .add_uint(leaf.difficulty));
}

class EvmAnchorTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { node_ = new test::HardhatNode(); }
    static void TearDownTestSuite() {
        delete node_;
        node_ = nullptr;
    }

    void SetUp() override {
        rpc_ = std::make_unique<EthRpcClient>(node_->url(), std::chrono::seconds(30));
        ASSERT_EQ(rpc_->chain_id(), test::HardhatNode::kChainId);
        owner_ = std::make_unique<SigningKey>(
            SigningKey::from_hex(test::HardhatNode::account_key(0)).value());
        operator_ = std::make_unique<SigningKey>(
            SigningKey::from_hex(test::HardhatNode::account_key(1)).value());
        as_owner_ = std::make_unique<TransactionSender>(*rpc_, *owner_, rpc_->chain_id());
        as_operator_ = std::make_unique<TransactionSender>(*rpc_, *operator_, rpc_->chain_id());
        registry_ = deploy();
    }

    // Deploys a fresh registry (owner: account 0, operator: account 1) from C++.
    auth::EthAddress deploy() {
        uint64_t nonce = rpc_->transaction_count(owner_->address());
        auto tx = as_owner_->prepare(evm::TransactionRequest::deploy(
            registry::deployment(test::HardhatNode::creation_bytecode("PoolAnchorRegistry"),
                                 owner_->address(), operator_->address())));
        EXPECT_EQ(tx.transaction.nonce, nonce);
        auto receipt = mined(*as_owner_, tx);
        EXPECT_TRUE(receipt.contract_address.has_value());
        EXPECT_EQ(*receipt.contract_address,
                  evm::created_contract_address(owner_->address(), nonce));
        EXPECT_FALSE(rpc_->code(*receipt.contract_address).empty());
        return *receipt.contract_address;
    }

    evm::TransactionReceipt mined(TransactionSender& sender, const evm::SignedTransaction& tx) {
        EXPECT_EQ(sender.send(tx), tx.hash);
        auto receipt = sender.wait_for_receipt(tx.hash, kReceiptTimeout);
        if (!receipt) throw std::runtime_error("no receipt for " + evm::word_hex(tx.hash));
        EXPECT_TRUE(receipt->succeeded);
        return *receipt;
    }

    evm::TransactionReceipt call_as(TransactionSender& sender, Bytes data) {
        return mined(sender,
                     sender.prepare(evm::TransactionRequest::call(registry_, std::move(data))));
    }

    Bytes view(Bytes data) {
        return rpc_->call_contract({std::nullopt, registry_, std::move(data)});
    }

    bool verify_credit(uint64_t round_id, const commitment::CreditProof& p) {
        return registry::decode_bool(view(registry::verify_credit(round_id, p.leaf_hash, p.proof)))
            .value();
    }

    // The named error a call as `sender` reverts with, as its gas estimate reports it.
    std::string revert_of(TransactionSender& sender, Bytes data) {
        try {
            sender.prepare(evm::TransactionRequest::call(registry_, std::move(data)));
        } catch (const evm::EthRpcError& e) {
            if (!e.revert_data()) return std::string("no revert data: ") + e.what();
            return registry::describe_revert(*e.revert_data());
        }
        return "no revert";
    }

    static test::HardhatNode* node_;
    std::unique_ptr<EthRpcClient> rpc_;
    std::unique_ptr<SigningKey> owner_;
    std::unique_ptr<SigningKey> operator_;
    std::unique_ptr<TransactionSender> as_owner_;
    std::unique_ptr<TransactionSender> as_operator_;
    auth::EthAddress registry_;
};

test::HardhatNode* EvmAnchorTest::node_ = nullptr;

TEST_F(EvmAnchorTest, PublishesRoundsFromCppAndTheContractVerifiesEveryProof) {
    VectorRound round1 = vector_round(0);
    VectorRound round6 = vector_round(3);  // same credits as round 1, another block
    auto receipt = call_as(*as_operator_, registry::publish_round(anchor_of(round1)));
    call_as(*as_operator_, registry::publish_round(anchor_of(round6)));

    // The receipt carries the event, and eth_getLogs finds it by topic.
    ASSERT_EQ(receipt.logs.size(), 1u);
    auto event = registry::decode_event(receipt.logs[0].topics, receipt.logs[0].data);
    ASSERT_TRUE(event.ok()) << event.error().message;
    const auto& published = std::get<registry::RoundPublished>(*event);
    EXPECT_EQ(published.round_id, round1.round_id);
    EXPECT_EQ(published.root, round1.commitment.root());
    auto logs = rpc_->logs({registry_, {registry::round_published_topic()}, 0, std::nullopt});
    ASSERT_EQ(logs.size(), 2u);
    EXPECT_EQ(logs[0].transaction_hash, receipt.transaction_hash);
    auto by_round = rpc_->logs({registry_,
                                {registry::round_published_topic(), evm::to_word(round6.round_id)},
                                0,
                                std::nullopt});
    ASSERT_EQ(by_round.size(), 1u);
    EXPECT_EQ(std::get<registry::RoundPublished>(
                  registry::decode_event(by_round[0].topics, by_round[0].data).value())
                  .round_id,
              round6.round_id);

    // The stored round, as round() returns it.
    auto stored = registry::decode_round(view(registry::round(round1.round_id))).value();
    EXPECT_EQ(stored.root, round1.commitment.root());
    EXPECT_EQ(stored.reward, round1.commitment.reward());
    EXPECT_EQ(stored.leaf_count, round1.commitment.leaf_count());
    EXPECT_EQ(stored.published_at, rpc_->block(evm::to_quantity(receipt.block_number))->timestamp);
    EXPECT_FALSE(stored.orphaned);
    EXPECT_EQ(registry::decode_uint64(view(registry::last_round_id())).value(), round6.round_id);
    EXPECT_EQ(registry::decode_uint64(view(registry::round_of_block(stored.block_hash))).value(),
              round1.round_id);

    for (size_t i = 0; i < round1.commitment.leaf_count(); ++i) {
        auto p = round1.commitment.proof(i);
        // The contract hashes the leaf's fields exactly as C++ does...
        EXPECT_EQ(evm::AbiDecoder(view(credit_leaf_call(p.leaf))).word(0).value(), p.leaf_hash);
        // ...and accepts the C++ proof for its round, not for the other.
        EXPECT_TRUE(verify_credit(round1.round_id, p));
        EXPECT_FALSE(verify_credit(round6.round_id, p));
        auto wrong = p;
        wrong.leaf.amount += 1;
        wrong.leaf_hash = commitment::credit_leaf_hash(wrong.leaf);
        EXPECT_FALSE(verify_credit(round1.round_id, wrong));
    }
    for (size_t i = 0; i < round6.commitment.leaf_count(); ++i) {
        EXPECT_TRUE(verify_credit(round6.round_id, round6.commitment.proof(i)));
    }
}

TEST_F(EvmAnchorTest, PublishesPaymentBatchesAndTheContractVerifiesTheirProofs) {
    const json& b = commitment_vectors()["payment_batches"][0];
    auto batch_id = commitment::parse_batch_id(b["batch_id"].get<std::string>().substr(2)).value();
    std::vector<commitment::BatchPayment> payments;
    for (const auto& p : b["payments"]) {
        payments.push_back({p["login"].get<std::string>(), p["address"].get<std::string>(),
                            u64(p["amount"]), u64(p["fee"])});
    }
    auto batch =
        commitment::PaymentBatchCommitment::build(batch_id, word(b["txid"]), payments).value();
    auto receipt = call_as(
        *as_operator_,
        registry::publish_payment_batch(
            {batch_id, batch.root(), static_cast<uint32_t>(batch.leaf_count()), batch.total()}));
    auto event = registry::decode_event(receipt.logs.at(0).topics, receipt.logs.at(0).data).value();
    EXPECT_EQ(std::get<registry::PaymentBatchPublished>(event).sequence, 1u);
    auto stored = registry::decode_payment_batch(view(registry::payment_batch(batch_id))).value();
    EXPECT_EQ(stored.root, batch.root());
    EXPECT_EQ(stored.total, batch.total());
    for (size_t i = 0; i < batch.leaf_count(); ++i) {
        auto p = batch.proof(i);
        EXPECT_TRUE(
            registry::decode_bool(view(registry::verify_payment(batch_id, p.leaf_hash, p.proof)))
                .value());
    }
    EXPECT_EQ(
        revert_of(*as_operator_, registry::publish_payment_batch({batch_id, batch.root(), 1, 1})),
        "PaymentBatchAlreadyPublished(batchId 0x" + to_hex(batch_id) + ")");
}

TEST_F(EvmAnchorTest, RefusedPublishesComeBackAsNamedErrorsAndChangeNothing) {
    VectorRound round1 = vector_round(0);
    VectorRound round2 = vector_round(1);
    VectorRound round5 = vector_round(2);
    EXPECT_EQ(revert_of(*as_owner_, registry::publish_round(anchor_of(round1))),
              "NotOperator(caller " + owner_->address().checksummed() + ")");
    call_as(*as_operator_, registry::publish_round(anchor_of(round1)));
    call_as(*as_operator_, registry::publish_round(anchor_of(round5)));
    EXPECT_EQ(revert_of(*as_operator_, registry::publish_round(anchor_of(round1))),
              "RoundAlreadyPublished(roundId 1)");
    EXPECT_EQ(revert_of(*as_operator_, registry::publish_round(anchor_of(round2))),
              "RoundOutOfOrder(roundId 2, lastRoundId 5)");
    auto same_block = anchor_of(round2);
    same_block.round_id = 9;
    same_block.block_hash = anchor_of(round1).block_hash;
    EXPECT_EQ(
        revert_of(*as_operator_, registry::publish_round(same_block)),
        "BlockAlreadyCommitted(blockHash " + evm::word_hex(same_block.block_hash) + ", roundId 1)");
    EXPECT_EQ(registry::decode_uint64(view(registry::last_round_id())).value(), 5u);
    EXPECT_FALSE(registry::decode_round(view(registry::round(2))).value().published());

    // A transaction that reverts on chain (sent with a fixed gas limit, no estimate) is mined as
    // failed and changes nothing either.
    auto request =
        evm::TransactionRequest::call(registry_, registry::publish_round(anchor_of(round1)));
    request.gas_limit = 200000;
    auto tx = as_operator_->prepare(request);
    as_operator_->send(tx);
    auto receipt = as_operator_->wait_for_receipt(tx.hash, kReceiptTimeout);
    ASSERT_TRUE(receipt.has_value());
    EXPECT_FALSE(receipt->succeeded);
    EXPECT_TRUE(receipt->logs.empty());
}

TEST_F(EvmAnchorTest, TheOwnerRotatesTheOperatorKey) {
    auto next = SigningKey::from_hex(test::HardhatNode::account_key(2)).value();
    TransactionSender as_next(*rpc_, next, test::HardhatNode::kChainId);
    EXPECT_EQ(revert_of(*as_operator_, registry::set_operator(next.address())),
              "OwnableUnauthorizedAccount(account " + operator_->address().checksummed() + ")");
    auto receipt = call_as(*as_owner_, registry::set_operator(next.address()));
    auto changed = std::get<registry::OperatorChanged>(
        registry::decode_event(receipt.logs.at(0).topics, receipt.logs.at(0).data).value());
    EXPECT_EQ(changed.previous, operator_->address());
    EXPECT_EQ(changed.current, next.address());
    EXPECT_EQ(registry::decode_address(view(registry::operator_address())).value(), next.address());

    VectorRound round1 = vector_round(0);
    EXPECT_EQ(revert_of(*as_operator_, registry::publish_round(anchor_of(round1))),
              "NotOperator(caller " + operator_->address().checksummed() + ")");
    call_as(as_next, registry::publish_round(anchor_of(round1)));
    EXPECT_TRUE(verify_credit(round1.round_id, round1.commitment.proof(0)));
}

TEST_F(EvmAnchorTest, AnOrphanedRoundKeepsItsRootButStopsVerifying) {
    VectorRound round1 = vector_round(0);
    call_as(*as_operator_, registry::publish_round(anchor_of(round1)));
    auto p = round1.commitment.proof(1);
    ASSERT_TRUE(verify_credit(round1.round_id, p));
    auto receipt = call_as(*as_operator_, registry::orphan_round(round1.round_id));
    auto orphaned = std::get<registry::RoundOrphaned>(
        registry::decode_event(receipt.logs.at(0).topics, receipt.logs.at(0).data).value());
    EXPECT_EQ(orphaned.round_id, round1.round_id);
    auto stored = registry::decode_round(view(registry::round(round1.round_id))).value();
    EXPECT_TRUE(stored.orphaned);
    EXPECT_EQ(stored.root, round1.commitment.root());
    EXPECT_FALSE(verify_credit(round1.round_id, p));
    // Offline, the proof still leads to the root that was published.
    EXPECT_TRUE(commitment::verify_credit(stored.root, p.leaf, p.proof));
    EXPECT_EQ(revert_of(*as_operator_, registry::orphan_round(round1.round_id)),
              "RoundAlreadyOrphaned(roundId 1)");
}

TEST_F(EvmAnchorTest, AStuckTransactionIsReplacedWithBumpedFees) {
    VectorRound round1 = vector_round(0);
    rpc_->call("evm_setAutomine", json::array({false}));
    struct AutomineBack {
        EthRpcClient& rpc;
        ~AutomineBack() { rpc.call("evm_setAutomine", json::array({true})); }
    } automine_back{*rpc_};

    auto request =
        evm::TransactionRequest::call(registry_, registry::publish_round(anchor_of(round1)));
    auto first = as_operator_->prepare(request);
    EXPECT_EQ(as_operator_->send(first), first.hash);
    // Sending the very same transaction again is harmless.
    EXPECT_EQ(as_operator_->send(first), first.hash);
    evm::FeeCaps paid{first.transaction.max_priority_fee_per_gas,
                      first.transaction.max_fee_per_gas};

    // The txpool refuses a replacement that does not raise the fees.
    request.nonce = first.transaction.nonce;
    request.gas_limit = first.transaction.gas_limit + 1;
    request.fees = paid;
    auto same_fees = as_operator_->prepare(request);
    EXPECT_THROW(as_operator_->send(same_fees), evm::EthRpcError);

    auto bumped = evm::replacement_fees(paid, as_operator_->current_fees()).value();
    request.gas_limit = first.transaction.gas_limit;
    request.fees = bumped;
    auto second = as_operator_->prepare(request);
    ASSERT_NE(second.hash, first.hash);
    EXPECT_EQ(as_operator_->send(second), second.hash);

    rpc_->call("evm_mine", json::array());
    auto receipt = as_operator_->wait_for_receipt(second.hash, kReceiptTimeout);
    ASSERT_TRUE(receipt.has_value());
    EXPECT_TRUE(receipt->succeeded);
    EXPECT_FALSE(rpc_->transaction_receipt(first.hash).has_value());
    EXPECT_EQ(rpc_->transaction_count(operator_->address(), "latest"), first.transaction.nonce + 1);
    EXPECT_TRUE(verify_credit(round1.round_id, round1.commitment.proof(0)));
}

}  // namespace
}  // namespace viddhana
