// The anchor registry's ABI against what ethers encodes and the deployed contract produced:
// calldata of every call, decoded results, decoded event logs and readable revert errors; and
// refusal of answers that are not what the contract returns.
#include "evm/anchor_registry.h"

#include <gtest/gtest.h>

#include "evm/abi_decoder.h"
#include "vectors.h"

namespace viddhana::evm {
namespace {

using test::address;
using test::data;
using test::u128;
using test::u64;
using test::vectors;
using test::word;
using test::words;

Bytes16 bytes16(const nlohmann::json& v) {
    Bytes16 out{};
    EXPECT_TRUE(from_hex_into(v.get<std::string>().substr(2), out)) << v;
    return out;
}

Bytes calldata_for(const nlohmann::json& call) {
    const std::string fn = call["function"].get<std::string>();
    const auto& a = call["args"];
    if (fn == "publishRound") {
        return registry::publish_round({u64(a[0]), word(a[1]), u64(a[2]), word(a[3]),
                                        static_cast<uint32_t>(u64(a[4])), u64(a[5])});
    }
    if (fn == "orphanRound") return registry::orphan_round(u64(a[0]));
    if (fn == "publishPaymentBatch") {
        return registry::publish_payment_batch(
            {bytes16(a[0]), word(a[1]), static_cast<uint32_t>(u64(a[2])), u128(a[3])});
    }
    if (fn == "setOperator") return registry::set_operator(address(a[0]));
    if (fn == "verifyCredit") return registry::verify_credit(u64(a[0]), word(a[1]), words(a[2]));
    if (fn == "verifyPayment") {
        return registry::verify_payment(bytes16(a[0]), word(a[1]), words(a[2]));
    }
    if (fn == "round") return registry::round(u64(a[0]));
    if (fn == "paymentBatch") return registry::payment_batch(bytes16(a[0]));
    if (fn == "lastRoundId") return registry::last_round_id();
    if (fn == "operator") return registry::operator_address();
    if (fn == "roundOfBlock") return registry::round_of_block(word(a[0]));
    if (fn == "creditLeaf") {
        // Encoded here by hand: the commitment domain owns the leaf itself.
        return encode_call(call["signature"].get<std::string>(),
                           AbiEncoder()
                               .add_word(word(a[0]))
                               .add_uint(u64(a[1]))
                               .add_string(a[2].get<std::string>())
                               .add_uint(u64(a[3]))
                               .add_uint(u64(a[4]))
                               .add_uint(u64(a[5])));
    }
    ADD_FAILURE() << "no encoder for " << fn;
    return {};
}

TEST(AnchorRegistryAbi, EncodesEveryCallAsEthersDoes) {
    ASSERT_GE(vectors()["registry_calls"].size(), 12u);
    for (const auto& call : vectors()["registry_calls"]) {
        SCOPED_TRACE(call["signature"].get<std::string>());
        EXPECT_EQ(data_hex(calldata_for(call)), call["calldata"].get<std::string>());
    }
}

TEST(AnchorRegistryAbi, DecodesTheViewsAnswers) {
    for (const auto& r : vectors()["registry_results"]) {
        const std::string fn = r["function"].get<std::string>();
        Bytes returndata = data(r["returndata"]);
        const auto& v = r["values"];
        if (fn == "round") {
            auto round = registry::decode_round(returndata);
            ASSERT_TRUE(round.ok()) << round.error().message;
            const auto& t = v[0];
            EXPECT_EQ(round->root, word(t[0]));
            EXPECT_EQ(round->block_hash, word(t[1]));
            EXPECT_EQ(round->height, u64(t[2]));
            EXPECT_EQ(round->reward, u64(t[3]));
            EXPECT_EQ(round->leaf_count, u64(t[4]));
            EXPECT_EQ(round->published_at, u64(t[5]));
            EXPECT_EQ(round->orphaned, t[6].get<bool>());
            EXPECT_TRUE(round->published());
        } else if (fn == "paymentBatch") {
            auto batch = registry::decode_payment_batch(returndata);
            ASSERT_TRUE(batch.ok()) << batch.error().message;
            const auto& t = v[0];
            EXPECT_EQ(batch->root, word(t[0]));
            EXPECT_EQ(batch->total, u128(t[1]));
            EXPECT_EQ(batch->leaf_count, u64(t[2]));
            EXPECT_EQ(batch->published_at, u64(t[3]));
        } else if (fn == "lastRoundId" || fn == "roundOfBlock") {
            EXPECT_EQ(registry::decode_uint64(returndata).value(), u64(v[0]));
        } else if (fn == "creditLeaf") {
            EXPECT_EQ(AbiDecoder(returndata).word(0).value(), word(v[0]));
        } else {
            ADD_FAILURE() << "no decoder for " << fn;
        }
    }
}

TEST(AnchorRegistryAbi, RefusesAnswersOfTheWrongShape) {
    Bytes round = data(vectors()["registry_results"][0]["returndata"]);
    Bytes short_round(round.begin(), round.end() - 32);
    EXPECT_FALSE(registry::decode_round(short_round).ok());
    Bytes bad_bool = round;
    bad_bool.back() = 2;
    EXPECT_FALSE(registry::decode_round(bad_bool).ok());
    Bytes wide_height = round;
    wide_height[2 * 32 + 23] = 1;  // a bit above uint64
    EXPECT_FALSE(registry::decode_round(wide_height).ok());
    EXPECT_FALSE(registry::decode_bool(Bytes(32, 0xff)).ok());
    EXPECT_FALSE(registry::decode_uint64({}).ok());
    Bytes dirty_address(32, 0);
    dirty_address[0] = 1;
    EXPECT_FALSE(registry::decode_address(dirty_address).ok());
    // An unpublished round reads as zeros.
    auto empty = registry::decode_round(Bytes(7 * 32, 0));
    ASSERT_TRUE(empty.ok());
    EXPECT_FALSE(empty->published());
}

TEST(AnchorRegistryAbi, DecodesTheEventsTheContractEmitted) {
    const auto& events = vectors()["registry_events"];
    ASSERT_EQ(events.size(), 4u);
    for (const auto& e : events) {
        const std::string name = e["event"].get<std::string>();
        SCOPED_TRACE(name);
        auto topics = words(e["topics"]);
        auto decoded = registry::decode_event(topics, data(e["data"]));
        ASSERT_TRUE(decoded.ok()) << decoded.error().message;
        EXPECT_EQ(topics[0], event_topic(e["signature"].get<std::string>()));
        const auto& v = e["values"];
        if (name == "RoundPublished") {
            auto& p = std::get<registry::RoundPublished>(*decoded);
            EXPECT_EQ(topics[0], registry::round_published_topic());
            EXPECT_EQ(p.round_id, u64(v["roundId"]));
            EXPECT_EQ(p.block_hash, word(v["blockHash"]));
            EXPECT_EQ(p.root, word(v["root"]));
            EXPECT_EQ(p.height, u64(v["height"]));
            EXPECT_EQ(p.reward, u64(v["reward"]));
            EXPECT_EQ(p.leaf_count, u64(v["leafCount"]));
        } else if (name == "RoundOrphaned") {
            auto& o = std::get<registry::RoundOrphaned>(*decoded);
            EXPECT_EQ(topics[0], registry::round_orphaned_topic());
            EXPECT_EQ(o.round_id, u64(v["roundId"]));
            EXPECT_EQ(o.block_hash, word(v["blockHash"]));
        } else if (name == "PaymentBatchPublished") {
            auto& b = std::get<registry::PaymentBatchPublished>(*decoded);
            EXPECT_EQ(topics[0], registry::payment_batch_published_topic());
            EXPECT_EQ(b.batch_id, bytes16(v["batchId"]));
            EXPECT_EQ(b.sequence, u64(v["sequence"]));
            EXPECT_EQ(b.root, word(v["root"]));
            EXPECT_EQ(b.total, u128(v["total"]));
            EXPECT_EQ(b.leaf_count, u64(v["leafCount"]));
        } else if (name == "OperatorChanged") {
            auto& c = std::get<registry::OperatorChanged>(*decoded);
            EXPECT_EQ(topics[0], registry::operator_changed_topic());
            EXPECT_EQ(c.previous, address(v["previousOperator"]));
            EXPECT_EQ(c.current, address(v["newOperator"]));
        } else {
            ADD_FAILURE() << "unexpected event";
        }
    }
}

TEST(AnchorRegistryAbi, RefusesLogsThatAreNotTheRegistrys) {
    const auto& e = vectors()["registry_events"][0];
    auto topics = words(e["topics"]);
    Bytes d = data(e["data"]);
    EXPECT_FALSE(registry::decode_event({}, d).ok());
    EXPECT_FALSE(registry::decode_event(std::span(topics).first(2), d).ok());
    EXPECT_FALSE(registry::decode_event(topics, Bytes(d.begin(), d.end() - 1)).ok());
    auto other = topics;
    other[0] = event_topic("Transfer(address,address,uint256)");
    auto refused = registry::decode_event(other, d);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("no registry event"), std::string::npos);
}

TEST(AnchorRegistryAbi, DescribesRevertsByName) {
    const auto& errors = vectors()["registry_errors"];
    ASSERT_EQ(errors.size(), 6u);
    EXPECT_EQ(registry::describe_revert(data(errors[0]["data"])),
              "RoundAlreadyPublished(roundId 1)");
    EXPECT_EQ(registry::describe_revert(data(errors[1]["data"])),
              "RoundOutOfOrder(roundId 0, lastRoundId 1)");
    EXPECT_EQ(registry::describe_revert(data(errors[2]["data"])),
              "NotOperator(caller " + errors[2]["args"][0].get<std::string>() + ")");
    EXPECT_EQ(
        registry::describe_revert(data(errors[3]["data"])),
        "PaymentBatchAlreadyPublished(batchId " + errors[3]["args"][0].get<std::string>() + ")");
    EXPECT_EQ(
        registry::describe_revert(data(errors[4]["data"])),
        "OwnableUnauthorizedAccount(account " + errors[4]["args"][0].get<std::string>() + ")");
    EXPECT_EQ(registry::describe_revert(data(errors[5]["data"])),
              "RoundAlreadyOrphaned(roundId 1)");
    Bytes reason = encode_call("Error(string)", AbiEncoder().add_string("out of gas, maybe"));
    EXPECT_EQ(registry::describe_revert(reason), "reverted: out of gas, maybe");
    EXPECT_EQ(registry::describe_revert(encode_call("Panic(uint256)", AbiEncoder().add_uint(0x11))),
              "panicked with code 0x11");
    EXPECT_EQ(registry::describe_revert({}), "reverted without a reason");
    EXPECT_EQ(registry::describe_revert(Bytes{0xde, 0xad, 0xbe, 0xef}), "reverted with 0xdeadbeef");
}

TEST(AbiEncoder, PlacesDynamicValuesInTheTail) {
    // abi.encode(uint8(1), "", [w]): heads 1, 0x60, 0x80; "" is one zero length word, then the
    // array: its length and w.
    Word w{};
    w[0] = 0xab;
    Bytes encoded = AbiEncoder().add_uint(1).add_string("").add_word_array(std::vector{w}).encode();
    ASSERT_EQ(encoded.size(), 6u * 32);
    AbiDecoder d(encoded);
    EXPECT_EQ(d.uint64_at(1).value(), 0x60u);
    EXPECT_EQ(d.uint64_at(2).value(), 0x80u);
    EXPECT_EQ(d.string_at(1).value(), "");
    EXPECT_EQ(d.uint64_at(4).value(), 1u);
    EXPECT_EQ(d.word(5).value(), w);
    EXPECT_THROW(AbiEncoder().add_fixed_bytes(Bytes(33, 0)), std::invalid_argument);
}

TEST(AbiDecoder, RefusesOffsetsAndLengthsOutsideTheData) {
    Bytes encoded = AbiEncoder().add_string("hello").encode();
    EXPECT_EQ(AbiDecoder(encoded).string_at(0).value(), "hello");
    Bytes bad_offset = encoded;
    bad_offset[31] = 0x40;  // points at the string's bytes, which are no length word
    EXPECT_FALSE(AbiDecoder(bad_offset).string_at(0).ok());
    Bytes long_length = encoded;
    long_length[63] = 200;
    EXPECT_FALSE(AbiDecoder(long_length).string_at(0).ok());
    Bytes misaligned = encoded;
    misaligned[31] = 0x21;
    EXPECT_FALSE(AbiDecoder(misaligned).string_at(0).ok());
}

}  // namespace
}  // namespace viddhana::evm
