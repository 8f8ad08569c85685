#include "evm/anchor_registry.h"

#include <fmt/format.h>

#include "evm/abi_decoder.h"

namespace viddhana::evm::registry {
namespace {

Bytes call(std::string_view signature, const AbiEncoder& parameters = AbiEncoder()) {
    return encode_call(signature, parameters);
}

Word topic_of(std::string_view signature) {
    return event_topic(signature);
}

template <typename T>
Error wrap(const char* what, const Expected<T>& failed) {
    return make_error(std::string(what) + ": " + failed.error().message);
}

// The data of an event or a view's answer as one decoder over its words.
Expected<Uint128> topic_uint(const Word& topic, int bits) {
    return word_to_uint(topic, bits);
}

enum class ArgKind { uint, address, bytes32, bytes16 };
struct ErrorSpec {
    const char* signature;
    const char* name;
    std::vector<std::pair<const char*, ArgKind>> args;
};

const std::vector<ErrorSpec>& error_specs() {
    static const std::vector<ErrorSpec> specs = {
        {"NotOperator(address)", "NotOperator", {{"caller", ArgKind::address}}},
        {"RoundAlreadyPublished(uint64)", "RoundAlreadyPublished", {{"roundId", ArgKind::uint}}},
        {"RoundOutOfOrder(uint64,uint64)",
         "RoundOutOfOrder",
         {{"roundId", ArgKind::uint}, {"lastRoundId", ArgKind::uint}}},
        {"BlockAlreadyCommitted(bytes32,uint64)",
         "BlockAlreadyCommitted",
         {{"blockHash", ArgKind::bytes32}, {"roundId", ArgKind::uint}}},
        {"UnknownRound(uint64)", "UnknownRound", {{"roundId", ArgKind::uint}}},
        {"RoundAlreadyOrphaned(uint64)", "RoundAlreadyOrphaned", {{"roundId", ArgKind::uint}}},
        {"PaymentBatchAlreadyPublished(bytes16)",
         "PaymentBatchAlreadyPublished",
         {{"batchId", ArgKind::bytes16}}},
        {"EmptyRoot()", "EmptyRoot", {}},
        {"EmptyBlockHash()", "EmptyBlockHash", {}},
        {"EmptyBatchId()", "EmptyBatchId", {}},
        {"NoLeaves()", "NoLeaves", {}},
        {"OwnableUnauthorizedAccount(address)",
         "OwnableUnauthorizedAccount",
         {{"account", ArgKind::address}}},
        {"OwnableInvalidOwner(address)", "OwnableInvalidOwner", {{"owner", ArgKind::address}}},
    };
    return specs;
}

std::string describe_arg(const AbiDecoder& args, size_t index, ArgKind kind) {
    switch (kind) {
        case ArgKind::uint: {
            auto v = args.uint_at(index, 128);
            return v ? to_decimal(*v) : "?";
        }
        case ArgKind::address: {
            auto a = args.address_at(index);
            return a ? a->checksummed() : "?";
        }
        case ArgKind::bytes32: {
            auto w = args.word(index);
            return w ? word_hex(*w) : "?";
        }
        case ArgKind::bytes16: {
            auto b = args.bytes16_at(index);
            return b ? data_hex(*b) : "?";
        }
    }
    return "?";
}

}  // namespace

Bytes deployment(std::span<const uint8_t> creation_bytecode, const auth::EthAddress& owner,
                 const auth::EthAddress& operator_address) {
    Bytes out(creation_bytecode.begin(), creation_bytecode.end());
    Bytes args = AbiEncoder().add_address(owner).add_address(operator_address).encode();
    out.insert(out.end(), args.begin(), args.end());
    return out;
}

Bytes publish_round(const RoundAnchor& r) {
    return call("publishRound(uint64,bytes32,uint64,bytes32,uint32,uint64)",
                AbiEncoder()
                    .add_uint(r.round_id)
                    .add_word(r.block_hash)
                    .add_uint(r.height)
                    .add_word(r.root)
                    .add_uint(r.leaf_count)
                    .add_uint(r.reward));
}

Bytes orphan_round(uint64_t round_id) {
    return call("orphanRound(uint64)", AbiEncoder().add_uint(round_id));
}

Bytes publish_payment_batch(const PaymentBatchAnchor& b) {
    return call("publishPaymentBatch(bytes16,bytes32,uint32,uint128)",
                AbiEncoder()
                    .add_fixed_bytes(b.batch_id)
                    .add_word(b.root)
                    .add_uint(b.leaf_count)
                    .add_uint(b.total));
}

Bytes set_operator(const auth::EthAddress& operator_address) {
    return call("setOperator(address)", AbiEncoder().add_address(operator_address));
}

Bytes verify_credit(uint64_t round_id, const Word& leaf, std::span<const Word> proof) {
    return call("verifyCredit(uint64,bytes32,bytes32[])",
                AbiEncoder().add_uint(round_id).add_word(leaf).add_word_array(proof));
}

Bytes verify_payment(const Bytes16& batch_id, const Word& leaf, std::span<const Word> proof) {
    return call("verifyPayment(bytes16,bytes32,bytes32[])",
                AbiEncoder().add_fixed_bytes(batch_id).add_word(leaf).add_word_array(proof));
}

Bytes round(uint64_t round_id) {
    return call("round(uint64)", AbiEncoder().add_uint(round_id));
}

Bytes payment_batch(const Bytes16& batch_id) {
    return call("paymentBatch(bytes16)", AbiEncoder().add_fixed_bytes(batch_id));
}

Bytes last_round_id() {
    return call("lastRoundId()");
}

Bytes operator_address() {
    return call("operator()");
}

Bytes round_of_block(const Word& block_hash) {
    return call("roundOfBlock(bytes32)", AbiEncoder().add_word(block_hash));
}

Expected<RoundRecord> decode_round(std::span<const uint8_t> returndata) {
    AbiDecoder d(returndata);
    if (d.size() != 7 * 32) {
        return make_error(fmt::format("round(): {} bytes, expected 224", d.size()));
    }
    RoundRecord r;
    auto root = d.word(0);
    auto block_hash = d.word(1);
    auto height = d.uint64_at(2);
    auto reward = d.uint64_at(3);
    auto leaf_count = d.uint32_at(4);
    auto published_at = d.uint_at(5, 40);
    auto orphaned = d.bool_at(6);
    if (!height) return wrap("round().height", height);
    if (!reward) return wrap("round().reward", reward);
    if (!leaf_count) return wrap("round().leafCount", leaf_count);
    if (!published_at) return wrap("round().publishedAt", published_at);
    if (!orphaned) return wrap("round().orphaned", orphaned);
    r.root = *root;
    r.block_hash = *block_hash;
    r.height = *height;
    r.reward = *reward;
    r.leaf_count = *leaf_count;
    r.published_at = static_cast<uint64_t>(*published_at);
    r.orphaned = *orphaned;
    return r;
}

Expected<PaymentBatchRecord> decode_payment_batch(std::span<const uint8_t> returndata) {
    AbiDecoder d(returndata);
    if (d.size() != 4 * 32) {
        return make_error(fmt::format("paymentBatch(): {} bytes, expected 128", d.size()));
    }
    PaymentBatchRecord b;
    auto root = d.word(0);
    auto total = d.uint_at(1, 128);
    auto leaf_count = d.uint32_at(2);
    auto published_at = d.uint_at(3, 40);
    if (!total) return wrap("paymentBatch().total", total);
    if (!leaf_count) return wrap("paymentBatch().leafCount", leaf_count);
    if (!published_at) return wrap("paymentBatch().publishedAt", published_at);
    b.root = *root;
    b.total = *total;
    b.leaf_count = *leaf_count;
    b.published_at = static_cast<uint64_t>(*published_at);
    return b;
}

Expected<bool> decode_bool(std::span<const uint8_t> returndata) {
    if (returndata.size() != 32) return make_error("a boolean answer is one word");
    return AbiDecoder(returndata).bool_at(0);
}

Expected<uint64_t> decode_uint64(std::span<const uint8_t> returndata) {
    if (returndata.size() != 32) return make_error("an integer answer is one word");
    return AbiDecoder(returndata).uint64_at(0);
}

Expected<auth::EthAddress> decode_address(std::span<const uint8_t> returndata) {
    if (returndata.size() != 32) return make_error("an address answer is one word");
    return AbiDecoder(returndata).address_at(0);
}

const Word& round_published_topic() {
    static const Word t = topic_of("RoundPublished(uint64,bytes32,bytes32,uint64,uint64,uint32)");
    return t;
}

const Word& round_orphaned_topic() {
    static const Word t = topic_of("RoundOrphaned(uint64,bytes32)");
    return t;
}

const Word& payment_batch_published_topic() {
    static const Word t = topic_of("PaymentBatchPublished(bytes16,uint64,bytes32,uint128,uint32)");
    return t;
}

const Word& operator_changed_topic() {
    static const Word t = topic_of("OperatorChanged(address,address)");
    return t;
}

Expected<Event> decode_event(std::span<const Word> topics, std::span<const uint8_t> data) {
    if (topics.empty()) return make_error("a log without topics is no registry event");
    AbiDecoder d(data);
    const Word& t0 = topics[0];
    if (t0 == round_published_topic()) {
        if (topics.size() != 3 || d.size() != 4 * 32) {
            return make_error("RoundPublished log has the wrong shape");
        }
        auto round_id = topic_uint(topics[1], 64);
        auto height = d.uint64_at(1);
        auto reward = d.uint64_at(2);
        auto leaf_count = d.uint32_at(3);
        if (!round_id) return wrap("RoundPublished.roundId", round_id);
        if (!height) return wrap("RoundPublished.height", height);
        if (!reward) return wrap("RoundPublished.reward", reward);
        if (!leaf_count) return wrap("RoundPublished.leafCount", leaf_count);
        return Event{RoundPublished{static_cast<uint64_t>(*round_id), topics[2], *d.word(0),
                                    *height, *reward, *leaf_count}};
    }
    if (t0 == round_orphaned_topic()) {
        if (topics.size() != 3 || d.size() != 0) {
            return make_error("RoundOrphaned log has the wrong shape");
        }
        auto round_id = topic_uint(topics[1], 64);
        if (!round_id) return wrap("RoundOrphaned.roundId", round_id);
        return Event{RoundOrphaned{static_cast<uint64_t>(*round_id), topics[2]}};
    }
    if (t0 == payment_batch_published_topic()) {
        if (topics.size() != 3 || d.size() != 3 * 32) {
            return make_error("PaymentBatchPublished log has the wrong shape");
        }
        AbiDecoder indexed{std::span<const uint8_t>(topics[1])};
        auto batch_id = indexed.bytes16_at(0);
        auto sequence = topic_uint(topics[2], 64);
        auto total = d.uint_at(1, 128);
        auto leaf_count = d.uint32_at(2);
        if (!batch_id) return wrap("PaymentBatchPublished.batchId", batch_id);
        if (!sequence) return wrap("PaymentBatchPublished.sequence", sequence);
        if (!total) return wrap("PaymentBatchPublished.total", total);
        if (!leaf_count) return wrap("PaymentBatchPublished.leafCount", leaf_count);
        return Event{PaymentBatchPublished{*batch_id, static_cast<uint64_t>(*sequence), *d.word(0),
                                           *total, *leaf_count}};
    }
    if (t0 == operator_changed_topic()) {
        if (topics.size() != 3 || d.size() != 0) {
            return make_error("OperatorChanged log has the wrong shape");
        }
        auto previous = AbiDecoder(std::span<const uint8_t>(topics[1])).address_at(0);
        auto current = AbiDecoder(std::span<const uint8_t>(topics[2])).address_at(0);
        if (!previous) return wrap("OperatorChanged.previousOperator", previous);
        if (!current) return wrap("OperatorChanged.newOperator", current);
        return Event{OperatorChanged{*previous, *current}};
    }
    return make_error("the log's first topic " + word_hex(t0) + " is no registry event");
}

std::string describe_revert(std::span<const uint8_t> data) {
    if (data.empty()) return "reverted without a reason";
    if (data.size() < 4) return "reverted with " + data_hex(data);
    Selector selector{data[0], data[1], data[2], data[3]};
    AbiDecoder args(data.subspan(4));
    if (selector == function_selector("Error(string)")) {
        auto reason = args.string_at(0);
        if (reason) return "reverted: " + *reason;
    }
    if (selector == function_selector("Panic(uint256)")) {
        auto code = args.uint_at(0, 128);
        if (code) return fmt::format("panicked with code 0x{:x}", static_cast<uint64_t>(*code));
    }
    for (const auto& spec : error_specs()) {
        if (selector != function_selector(spec.signature)) continue;
        std::string out = std::string(spec.name) + "(";
        for (size_t i = 0; i < spec.args.size(); ++i) {
            if (i > 0) out += ", ";
            out +=
                std::string(spec.args[i].first) + " " + describe_arg(args, i, spec.args[i].second);
        }
        return out + ")";
    }
    return "reverted with " + data_hex(data);
}

}  // namespace viddhana::evm::registry
