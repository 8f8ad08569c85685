// parse_block_template on getblocktemplate answers captured from litecoind 0.21.2.1 on regtest
// (tests/data/node/), and on malformed variants of them.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "node/block_template.h"

namespace viddhana::node {
namespace {

using nlohmann::json;

json load(const std::string& name) {
    std::ifstream in(std::string(VIDDHANA_SOURCE_DIR) + "/tests/data/node/" + name);
    EXPECT_TRUE(in) << name;
    std::stringstream ss;
    ss << in.rdbuf();
    return json::parse(ss.str());
}

std::string display(const chain::Uint256& v) {
    std::string out;
    for (int i = 31; i >= 0; --i) {
        uint8_t b = v.data()[i];
        out += "0123456789abcdef"[b >> 4];
        out += "0123456789abcdef"[b & 15];
    }
    return out;
}

std::string parse_error(const json& j) {
    auto r = parse_block_template(j);
    return r ? std::string("(parsed)") : r.error().message;
}

TEST(BlockTemplate, ParsesAnEmptyRegtestTemplate) {
    auto t = parse_block_template(load("gbt_regtest_empty.json"));
    ASSERT_TRUE(t) << t.error().message;
    EXPECT_EQ(t->version, 0x20000000);
    EXPECT_EQ(display(t->previous_block),
              "b5a32580b8b98a8a7c1ebd775425b40f9b1325738c9f7dc30d315204f829dd93");
    EXPECT_TRUE(t->transactions.empty());
    EXPECT_EQ(t->coinbase_value, 5'000'000'000);
    EXPECT_EQ(t->total_fees(), 0);
    EXPECT_EQ(display(t->target),
              "7fffff0000000000000000000000000000000000000000000000000000000000");
    EXPECT_EQ(t->target.data()[31], 0x7f);  // little-endian storage: most significant byte last
    EXPECT_EQ(t->bits, 0x207fffffu);
    EXPECT_EQ(t->height, 2);
    EXPECT_EQ(t->min_time, 1795730375);
    EXPECT_EQ(t->cur_time, 1795730375);
    ASSERT_TRUE(t->default_witness_commitment);
    EXPECT_EQ(to_hex(*t->default_witness_commitment),
              "6a24aa21a9ede2f61c3f71d1defd3fa999dfa36953755c690689799962b48bebd836974e8cf9");
    EXPECT_FALSE(t->mweb);
    EXPECT_EQ(t->longpoll_id, "b5a32580b8b98a8a7c1ebd775425b40f9b1325738c9f7dc30d315204f829dd934");
    EXPECT_EQ(t->rules, (std::vector<std::string>{"csv", "!segwit", "taproot"}));
}

TEST(BlockTemplate, ParsesTransactionsWithFees) {
    auto t = parse_block_template(load("gbt_regtest_txs.json"));
    ASSERT_TRUE(t) << t.error().message;
    EXPECT_EQ(t->height, 112);
    ASSERT_EQ(t->transactions.size(), 3u);
    const auto& tx0 = t->transactions[0];
    EXPECT_EQ(display(tx0.txid),
              "c4cd05ca4361cee6a4fe3e1f93ac5e2393b1b27815916c29e25549e6a91df57a");
    EXPECT_EQ(display(tx0.wtxid),
              "90cb475625d991b139273dc153b79db9ab966662b05a5f770ef0c6644358eb4f");
    EXPECT_EQ(tx0.fee, 1420);
    EXPECT_EQ(tx0.data.size(), 223u);
    EXPECT_EQ(tx0.data[4], 0x00);  // segwit marker: data is the witness serialization
    EXPECT_EQ(tx0.data[5], 0x01);
    EXPECT_FALSE(tx0.is_hogex);
    EXPECT_EQ(t->transactions[1].fee, 1410);
    EXPECT_EQ(t->transactions[2].fee, 1440);
    EXPECT_EQ(t->total_fees(), 4270);
    EXPECT_EQ(t->coinbase_value, 5'000'000'000 + t->total_fees());
}

TEST(BlockTemplate, ParsesTheMwebActivationTemplate) {
    // Height 432 with a peg-in: the first block with an MWEB block and a HogEx.
    auto t = parse_block_template(load("gbt_regtest_mweb_activation.json"));
    ASSERT_TRUE(t) << t.error().message;
    EXPECT_EQ(t->height, 432);
    ASSERT_TRUE(t->mweb);
    EXPECT_EQ(t->mweb->size(), 2099u);
    ASSERT_EQ(t->transactions.size(), 2u);
    EXPECT_FALSE(t->transactions[0].is_hogex);  // the peg-in
    EXPECT_EQ(t->transactions[0].fee, 5530);
    const auto& hogex = t->transactions[1];
    EXPECT_TRUE(hogex.is_hogex);
    EXPECT_EQ(hogex.fee, 0);
    EXPECT_EQ(hogex.txid, hogex.wtxid);  // no witness
    EXPECT_EQ(display(hogex.txid),
              "8db4c1e9d10aa437a9216ffd2c3d1364eda808b5c3a6263003ffaf6f8f26a3de");
    EXPECT_EQ(t->coinbase_value, 1'250'000'000 + 5530);  // regtest halves every 150 blocks
    EXPECT_NE(std::find(t->rules.begin(), t->rules.end(), "mweb"), t->rules.end());
}

TEST(BlockTemplate, ParsesAnMwebTemplateWithOnlyTheHogEx) {
    auto t = parse_block_template(load("gbt_regtest_mweb.json"));
    ASSERT_TRUE(t) << t.error().message;
    EXPECT_EQ(t->height, 433);
    ASSERT_EQ(t->transactions.size(), 1u);
    EXPECT_TRUE(t->transactions[0].is_hogex);
    ASSERT_TRUE(t->mweb);
    EXPECT_EQ(t->mweb->size(), 167u);
}

TEST(BlockTemplate, OptionalFieldsMayBeAbsentOrNull) {
    json j = load("gbt_regtest_empty.json");
    j.erase("default_witness_commitment");
    j.erase("longpollid");
    j["mweb"] = nullptr;
    auto t = parse_block_template(j);
    ASSERT_TRUE(t) << t.error().message;
    EXPECT_FALSE(t->default_witness_commitment);
    EXPECT_FALSE(t->mweb);
    EXPECT_TRUE(t->longpoll_id.empty());
}

TEST(BlockTemplate, HighVersionBitsAreKept) {
    json j = load("gbt_regtest_empty.json");
    j["version"] = 0xe0000000u;  // some nodes print versions above INT32_MAX as unsigned
    auto t = parse_block_template(j);
    ASSERT_TRUE(t) << t.error().message;
    EXPECT_EQ(static_cast<uint32_t>(t->version), 0xe0000000u);
}

TEST(BlockTemplate, MissingFieldsAreNamed) {
    for (const char* field : {"version", "previousblockhash", "transactions", "coinbasevalue",
                              "target", "bits", "height", "mintime", "curtime", "rules"}) {
        json j = load("gbt_regtest_txs.json");
        j.erase(field);
        EXPECT_EQ(parse_error(j), std::string(field) + ": missing");
    }
}

TEST(BlockTemplate, WrongTypesAreNamed) {
    struct Case {
        const char* field;
        json value;
        const char* expected;
    };
    const Case cases[] = {
        {"version", "536870912", "version: expected an integer, got string"},
        {"version", 1.5, "version: expected an integer, got number"},
        {"previousblockhash", 5, "previousblockhash: expected a string, got number"},
        {"previousblockhash", "abcd", "previousblockhash: expected 64 hex digits"},
        {"previousblockhash", std::string(64, 'g'), "previousblockhash: expected 64 hex digits"},
        {"transactions", json::object(), "transactions: expected an array, got object"},
        {"coinbasevalue", -1, "coinbasevalue: -1 is out of range [0, 210000000000000000]"},
        {"coinbasevalue", "5000000000", "coinbasevalue: expected an integer, got string"},
        {"target", "7fffff", "target: expected 64 hex digits"},
        {"bits", 545259519, "bits: expected a string, got number"},
        {"bits", "207fff", "bits: expected 8 hex digits, got '207fff'"},
        {"bits", "207fffzz", "bits: expected 8 hex digits, got '207fffzz'"},
        {"height", -5, "height: -5 is out of range [0, 2147483647]"},
        {"mintime", "now", "mintime: expected an integer, got string"},
        {"curtime", -1, "curtime: -1 is out of range [0, 4294967295]"},
        {"default_witness_commitment", "6a2", "default_witness_commitment: not a hex string"},
        {"default_witness_commitment", 7,
         "default_witness_commitment: expected a string, got number"},
        {"mweb", "zz", "mweb: not a hex string"},
        {"longpollid", 12, "longpollid: expected a string, got number"},
        {"rules", "segwit", "rules: expected an array, got string"},
        {"rules", json::array({"segwit", 3}), "rules[1]: expected a string, got number"},
    };
    for (const auto& c : cases) {
        json j = load("gbt_regtest_txs.json");
        j[c.field] = c.value;
        EXPECT_EQ(parse_error(j), c.expected) << c.field << " = " << c.value.dump();
    }
}

TEST(BlockTemplate, TransactionErrorsNameTheIndexAndField) {
    struct Case {
        const char* field;
        json value;  // null: erase the field
        const char* expected;
    };
    const Case cases[] = {
        {"data", nullptr, "transactions[1].data: missing"},
        {"data", "0200000", "transactions[1].data: not a hex string"},
        {"data", "0200", "transactions[1].data: too short for a transaction"},
        {"txid", nullptr, "transactions[1].txid: missing"},
        {"txid", "00", "transactions[1].txid: expected 64 hex digits"},
        {"hash", 1, "transactions[1].hash: expected a string, got number"},
        {"fee", nullptr, "transactions[1].fee: missing"},
        {"fee", -3, "transactions[1].fee: -3 is out of range [0, 9223372036854775807]"},
        {"fee", 0.5, "transactions[1].fee: expected an integer, got number"},
    };
    for (const auto& c : cases) {
        json j = load("gbt_regtest_txs.json");
        if (c.value.is_null()) {
            j["transactions"][1].erase(c.field);
        } else {
            j["transactions"][1][c.field] = c.value;
        }
        EXPECT_EQ(parse_error(j), c.expected) << c.field;
    }
    json j = load("gbt_regtest_txs.json");
    j["transactions"][2] = "deadbeef";
    EXPECT_EQ(parse_error(j), "transactions[2]: expected an object, got string");
}

TEST(BlockTemplate, NotAnObjectIsRejected) {
    EXPECT_EQ(parse_error(json::array()), "getblocktemplate: expected an object, got array");
    EXPECT_EQ(parse_error(json(nullptr)), "getblocktemplate: expected an object, got null");
}

TEST(BlockTemplate, MwebAndHogExMustComeTogether) {
    json no_mweb = load("gbt_regtest_mweb.json");
    no_mweb.erase("mweb");
    EXPECT_EQ(parse_error(no_mweb),
              "transactions[0]: HogEx transaction in a template without an mweb field");

    json no_hogex = load("gbt_regtest_txs.json");
    no_hogex["mweb"] = "00";
    EXPECT_EQ(parse_error(no_hogex),
              "mweb: present but the last transaction is not a HogEx transaction");

    json hogex_first = load("gbt_regtest_mweb_activation.json");
    std::swap(hogex_first["transactions"][0], hogex_first["transactions"][1]);
    EXPECT_EQ(parse_error(hogex_first),
              "transactions[0]: HogEx transaction must be the last transaction");
}

TEST(BlockTemplate, SameWorkIgnoresTimeButNotTransactions) {
    json j = load("gbt_regtest_txs.json");
    auto a = parse_block_template(j);
    ASSERT_TRUE(a);
    j["curtime"] = j["curtime"].get<int64_t>() + 30;
    j["longpollid"] = "other";
    auto later = parse_block_template(j);
    ASSERT_TRUE(later);
    EXPECT_TRUE(same_work(*a, *later));

    json fewer = load("gbt_regtest_txs.json");
    fewer["transactions"].erase(2);
    fewer["coinbasevalue"] = 5000002830;
    auto b = parse_block_template(fewer);
    ASSERT_TRUE(b);
    EXPECT_FALSE(same_work(*a, *b));

    json reordered = load("gbt_regtest_txs.json");
    std::swap(reordered["transactions"][0], reordered["transactions"][1]);
    auto c = parse_block_template(reordered);
    ASSERT_TRUE(c);
    EXPECT_FALSE(same_work(*a, *c));

    auto other_parent = parse_block_template(load("gbt_regtest_empty.json"));
    ASSERT_TRUE(other_parent);
    EXPECT_FALSE(same_work(*a, *other_parent));
}

}  // namespace
}  // namespace viddhana::node
