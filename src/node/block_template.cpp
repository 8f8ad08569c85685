// Parsing of getblocktemplate answers: every field the pool relies on is type- and range-checked,
// and a failure names the field (with the transaction's index for per-transaction fields).
#include "node/block_template.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

namespace viddhana::node {

using nlohmann::json;

namespace {

// Display hex (most significant byte first, as RPC prints hashes) to a little-endian Uint256.
std::optional<chain::Uint256> display_hex_to_uint256(std::string_view hex) {
    std::array<uint8_t, 32> raw;
    if (!from_hex_into(hex, raw)) return std::nullopt;
    std::reverse(raw.begin(), raw.end());
    return chain::Uint256(std::span<const uint8_t, 32>(raw));
}

// Reads one member of a JSON object with its type checked. The error names the field as the
// caller spells it (e.g. "transactions[3].fee").
class FieldReader {
  public:
    FieldReader(const json& object, std::string prefix)
        : object_(object), prefix_(std::move(prefix)) {}

    std::string name(std::string_view field) const { return prefix_ + std::string(field); }

    Expected<const json*> get(std::string_view field, bool required = true) const {
        auto it = object_.find(field);
        if (it == object_.end() || (!required && it->is_null())) {
            if (required) return make_error(fmt::format("{}: missing", name(field)));
            return static_cast<const json*>(nullptr);
        }
        return &*it;
    }

    Expected<int64_t> integer(std::string_view field, int64_t min, int64_t max) const {
        auto v = get(field);
        if (!v) return v.error();
        const json& j = **v;
        if (!j.is_number_integer()) {
            return make_error(
                fmt::format("{}: expected an integer, got {}", name(field), j.type_name()));
        }
        int64_t out;
        if (j.is_number_unsigned()) {
            uint64_t u = j.get<uint64_t>();
            if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
                return make_error(fmt::format("{}: {} is out of range", name(field), u));
            }
            out = static_cast<int64_t>(u);
        } else {
            out = j.get<int64_t>();
        }
        if (out < min || out > max) {
            return make_error(
                fmt::format("{}: {} is out of range [{}, {}]", name(field), out, min, max));
        }
        return out;
    }

    Expected<std::string> string(std::string_view field, bool required = true) const {
        auto v = get(field, required);
        if (!v) return v.error();
        if (*v == nullptr) return std::string();
        if (!(*v)->is_string()) {
            return make_error(
                fmt::format("{}: expected a string, got {}", name(field), (*v)->type_name()));
        }
        return (*v)->get<std::string>();
    }

    Expected<Bytes> hex(std::string_view field) const {
        auto s = string(field);
        if (!s) return s.error();
        auto bytes = from_hex(*s);
        if (!bytes) return make_error(fmt::format("{}: not a hex string", name(field)));
        return std::move(*bytes);
    }

    Expected<std::optional<Bytes>> optional_hex(std::string_view field) const {
        auto v = get(field, /*required=*/false);
        if (!v) return v.error();
        if (*v == nullptr) return std::optional<Bytes>();
        auto bytes = hex(field);
        if (!bytes) return bytes.error();
        return std::optional<Bytes>(std::move(*bytes));
    }

    Expected<chain::Uint256> hash(std::string_view field) const {
        auto s = string(field);
        if (!s) return s.error();
        auto h = display_hex_to_uint256(*s);
        if (!h) return make_error(fmt::format("{}: expected 64 hex digits", name(field)));
        return *h;
    }

  private:
    const json& object_;
    std::string prefix_;
};

// A transaction serialized with the extended format has a 0x00 marker and a flag byte after the
// version; Litecoin's HogEx sets flag bit 0x08.
bool has_hogex_flag(const Bytes& raw) {
    return raw.size() > 6 && raw[4] == 0x00 && (raw[5] & 0x08);
}

Expected<TemplateTransaction> parse_transaction(const json& j, size_t index) {
    std::string prefix = fmt::format("transactions[{}].", index);
    if (!j.is_object()) {
        return make_error(
            fmt::format("transactions[{}]: expected an object, got {}", index, j.type_name()));
    }
    FieldReader r(j, prefix);
    TemplateTransaction tx;
    auto data = r.hex("data");
    if (!data) return data.error();
    if (data->size() < 10) return make_error(r.name("data") + ": too short for a transaction");
    tx.data = std::move(*data);
    auto txid = r.hash("txid");
    if (!txid) return txid.error();
    tx.txid = *txid;
    auto wtxid = r.hash("hash");
    if (!wtxid) return wtxid.error();
    tx.wtxid = *wtxid;
    auto fee = r.integer("fee", 0, std::numeric_limits<int64_t>::max());
    if (!fee) return fee.error();
    tx.fee = *fee;
    tx.is_hogex = has_hogex_flag(tx.data);
    return tx;
}

}  // namespace

int64_t BlockTemplate::total_fees() const {
    int64_t sum = 0;
    for (const auto& tx : transactions)
        sum += tx.fee;
    return sum;
}

Expected<BlockTemplate> parse_block_template(const json& result) {
    if (!result.is_object()) {
        return make_error(
            fmt::format("getblocktemplate: expected an object, got {}", result.type_name()));
    }
    FieldReader r(result, "");
    BlockTemplate t;

    auto version = r.integer("version", std::numeric_limits<int32_t>::min(),
                             std::numeric_limits<uint32_t>::max());
    if (!version) return version.error();
    t.version = static_cast<int32_t>(static_cast<uint32_t>(*version));

    auto prev = r.hash("previousblockhash");
    if (!prev) return prev.error();
    t.previous_block = *prev;

    auto txs = r.get("transactions");
    if (!txs) return txs.error();
    if (!(*txs)->is_array()) {
        return make_error(
            fmt::format("transactions: expected an array, got {}", (*txs)->type_name()));
    }
    t.transactions.reserve((*txs)->size());
    for (size_t i = 0; i < (*txs)->size(); ++i) {
        auto tx = parse_transaction((**txs)[i], i);
        if (!tx) return tx.error();
        t.transactions.push_back(std::move(*tx));
    }

    // 21 million coins (84 million for Litecoin) fit far below this bound.
    auto value = r.integer("coinbasevalue", 0, int64_t{21'000'000} * 100'000'000 * 100);
    if (!value) return value.error();
    t.coinbase_value = *value;

    auto target = r.hash("target");
    if (!target) return target.error();
    t.target = *target;

    auto bits = r.string("bits");
    if (!bits) return bits.error();
    std::array<uint8_t, 4> bits_raw;
    if (!from_hex_into(*bits, bits_raw)) {
        return make_error("bits: expected 8 hex digits, got '" + *bits + "'");
    }
    t.bits = uint32_t(bits_raw[0]) << 24 | uint32_t(bits_raw[1]) << 16 |
             uint32_t(bits_raw[2]) << 8 | bits_raw[3];

    auto height = r.integer("height", 0, std::numeric_limits<int32_t>::max());
    if (!height) return height.error();
    t.height = *height;

    auto min_time = r.integer("mintime", 0, std::numeric_limits<uint32_t>::max());
    if (!min_time) return min_time.error();
    t.min_time = *min_time;
    auto cur_time = r.integer("curtime", 0, std::numeric_limits<uint32_t>::max());
    if (!cur_time) return cur_time.error();
    t.cur_time = *cur_time;

    auto commitment = r.optional_hex("default_witness_commitment");
    if (!commitment) return commitment.error();
    t.default_witness_commitment = std::move(*commitment);

    auto mweb = r.optional_hex("mweb");
    if (!mweb) return mweb.error();
    t.mweb = std::move(*mweb);

    auto longpoll = r.string("longpollid", /*required=*/false);
    if (!longpoll) return longpoll.error();
    t.longpoll_id = std::move(*longpoll);

    auto rules = r.get("rules");
    if (!rules) return rules.error();
    if (!(*rules)->is_array()) {
        return make_error(fmt::format("rules: expected an array, got {}", (*rules)->type_name()));
    }
    for (size_t i = 0; i < (*rules)->size(); ++i) {
        const json& rule = (**rules)[i];
        if (!rule.is_string()) {
            return make_error(
                fmt::format("rules[{}]: expected a string, got {}", i, rule.type_name()));
        }
        t.rules.push_back(rule.get<std::string>());
    }

    // The HogEx spends the previous one and carries the MWEB block's pegs: it must come last, and
    // only with an MWEB block.
    for (size_t i = 0; i < t.transactions.size(); ++i) {
        if (!t.transactions[i].is_hogex) continue;
        if (!t.mweb) {
            return make_error(fmt::format(
                "transactions[{}]: HogEx transaction in a template without an mweb field", i));
        }
        if (i + 1 != t.transactions.size()) {
            return make_error(
                fmt::format("transactions[{}]: HogEx transaction must be the last transaction", i));
        }
    }
    if (t.mweb && (t.transactions.empty() || !t.transactions.back().is_hogex)) {
        return make_error("mweb: present but the last transaction is not a HogEx transaction");
    }
    return t;
}

bool same_work(const BlockTemplate& a, const BlockTemplate& b) {
    if (a.previous_block != b.previous_block || a.version != b.version || a.bits != b.bits ||
        a.height != b.height || a.coinbase_value != b.coinbase_value || a.mweb != b.mweb ||
        a.default_witness_commitment != b.default_witness_commitment ||
        a.transactions.size() != b.transactions.size()) {
        return false;
    }
    for (size_t i = 0; i < a.transactions.size(); ++i) {
        if (a.transactions[i].wtxid != b.transactions[i].wtxid) return false;
    }
    return true;
}

}  // namespace viddhana::node
