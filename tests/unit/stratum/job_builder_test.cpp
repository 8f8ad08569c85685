// JobBuilder on templates captured from a litecoind regtest node (with transactions, and with
// MWEB active): the coinbase, the merkle branch, the notify line and the assembled block agree
// with an independent parse of what was built.
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/byte_reader.h"
#include "base/byte_writer.h"
#include "chain/address.h"
#include "chain/block.h"
#include "chain/merkle.h"
#include "chain/serialize.h"
#include "chain/sha256.h"
#include "chain/transaction.h"
#include "stratum/job_builder.h"

namespace viddhana::stratum {
namespace {

std::shared_ptr<const node::BlockTemplate> load_template(const std::string& name) {
    std::ifstream in(std::string(VIDDHANA_SOURCE_DIR) + "/tests/data/node/" + name);
    std::stringstream ss;
    ss << in.rdbuf();
    auto parsed = node::parse_block_template(nlohmann::json::parse(ss.str()));
    if (!parsed) throw std::runtime_error(parsed.error().message);
    return std::make_shared<node::BlockTemplate>(std::move(parsed.value()));
}

const chain::CoinParams& regtest() {
    return *chain::find_coin("litecoin", chain::Network::regtest);
}

CoinbasePayout pool_payout() {
    auto d = chain::decode_address("rltc1qgpyxauw44freyw07rhyzpzm3nxcq2a0k5wm7h9", regtest());
    return {d->script_pubkey, {}, 0};
}

const Bytes kEn1 = {0x01, 0x02, 0x03, 0x04};
const Bytes kEn2 = {0xaa, 0xbb, 0xcc, 0xdd};

class JobBuilderTest : public ::testing::TestWithParam<std::string> {};

TEST_P(JobBuilderTest, CoinbaseMerkleAndBlockAreConsistent) {
    auto tmpl = load_template(GetParam());
    JobBuilder builder(regtest(), CoinbaseSpec{});
    auto job = builder.build(tmpl, pool_payout(), 42, true, 1000);
    ASSERT_TRUE(job) << job.error().message;
    const Job& j = **job;
    EXPECT_EQ(j.id_hex, "2a");
    EXPECT_EQ(j.height, tmpl->height);

    Bytes coinbase;
    assemble_coinbase(j, kEn1, kEn2, coinbase);
    auto tx = chain::Transaction::parse(coinbase);
    ASSERT_TRUE(tx) << tx.error().message;
    ASSERT_EQ(tx->inputs.size(), 1u);
    // BIP34: the scriptSig starts with the height, then our extranonce push, then the tag.
    Bytes expected_script;
    chain::append_script_number(expected_script, tmpl->height);
    expected_script.push_back(8);
    expected_script.insert(expected_script.end(), kEn1.begin(), kEn1.end());
    expected_script.insert(expected_script.end(), kEn2.begin(), kEn2.end());
    chain::append_script_push(expected_script,
                              Bytes{'/', 'V', 'i', 'd', 'd', 'h', 'a', 'n', 'a', '/'});
    EXPECT_EQ(tx->inputs[0].script_sig, expected_script);
    // Outputs: everything to the pool, then the witness commitment from the template.
    ASSERT_EQ(tx->outputs.size(), 2u);
    EXPECT_EQ(tx->outputs[0].value, tmpl->coinbase_value);
    EXPECT_EQ(tx->outputs[0].script_pubkey, pool_payout().script);
    EXPECT_EQ(tx->outputs[1].value, 0);
    EXPECT_EQ(tx->outputs[1].script_pubkey, *tmpl->default_witness_commitment);

    // The branch links the coinbase to the root of all transactions.
    std::vector<chain::Uint256> leaves{tx->txid()};
    for (const auto& t : tmpl->transactions)
        leaves.push_back(t.txid);
    EXPECT_EQ(chain::merkle_root_from_branch(tx->txid(), j.merkle_branch),
              chain::merkle_root(leaves));

    // The block: header, count, witness coinbase, the template's transactions, then MWEB.
    chain::BlockHeader h;
    h.version = j.version;
    h.prev_block = j.prev_block;
    h.merkle_root = chain::merkle_root(leaves);
    h.time = j.ntime;
    h.bits = j.bits;
    h.nonce = 7;
    auto header = h.serialize();
    Bytes block = assemble_block(j, header, coinbase);
    ByteReader r(block);
    std::span<const uint8_t> got_header;
    ASSERT_TRUE(r.bytes(80, got_header));
    EXPECT_TRUE(std::equal(got_header.begin(), got_header.end(), header.begin()));
    uint64_t count;
    ASSERT_TRUE(r.compact_size(count));
    EXPECT_EQ(count, 1 + tmpl->transactions.size());
    // marker and flag (2 bytes), one witness item of 32 bytes (1 + 1 + 32)
    const size_t witness_size = coinbase.size() + 2 + 34;
    auto witness_coinbase = chain::Transaction::parse(
        std::span<const uint8_t>(block).subspan(r.position(), witness_size));
    ASSERT_TRUE(witness_coinbase) << witness_coinbase.error().message;
    EXPECT_EQ(witness_coinbase->txid(), tx->txid());
    ASSERT_EQ(witness_coinbase->inputs[0].witness.size(), 1u);
    EXPECT_EQ(witness_coinbase->inputs[0].witness[0], Bytes(32, 0));
    EXPECT_EQ(witness_coinbase->serialize(true).size(), witness_size);
    size_t offset = r.position() + witness_size;
    for (const auto& t : tmpl->transactions) {
        ASSERT_LE(offset + t.data.size(), block.size());
        EXPECT_TRUE(std::equal(t.data.begin(), t.data.end(), block.begin() + offset));
        offset += t.data.size();
    }
    if (tmpl->mweb) {
        ASSERT_EQ(block.size(), offset + 1 + tmpl->mweb->size());
        EXPECT_EQ(block[offset], 0x01);
        EXPECT_TRUE(std::equal(tmpl->mweb->begin(), tmpl->mweb->end(), block.begin() + offset + 1));
    } else {
        EXPECT_EQ(block.size(), offset);
    }
}

TEST_P(JobBuilderTest, NotifyLineCarriesTheJob) {
    auto tmpl = load_template(GetParam());
    auto job = JobBuilder(regtest(), CoinbaseSpec{}).build(tmpl, pool_payout(), 255, false, 0);
    ASSERT_TRUE(job);
    const Job& j = **job;
    for (const std::string* line : {&j.notify_line_clean, &j.notify_line_continue}) {
        ASSERT_EQ(line->back(), '\n');
        auto n = nlohmann::json::parse(*line);
        EXPECT_EQ(n["method"], "mining.notify");
        const auto& p = n["params"];
        ASSERT_EQ(p.size(), 9u);
        EXPECT_EQ(p[0], "ff");
        EXPECT_EQ(p[1], stratum_prevhash(tmpl->previous_block));
        EXPECT_EQ(p[2], to_hex(j.coinb1));
        EXPECT_EQ(p[3], to_hex(j.coinb2));
        EXPECT_EQ(p[4].size(), j.merkle_branch.size());
        EXPECT_EQ(p[5], fmt::format("{:08x}", static_cast<uint32_t>(tmpl->version)));
        EXPECT_EQ(p[6], fmt::format("{:08x}", tmpl->bits));
        EXPECT_EQ(p[7], fmt::format("{:08x}", static_cast<uint32_t>(tmpl->cur_time)));
        EXPECT_EQ(p[8], line == &j.notify_line_clean);
    }
    EXPECT_EQ(&j.notify_line(), &j.notify_line_continue);  // the job itself is not clean
}

INSTANTIATE_TEST_SUITE_P(RegtestTemplates, JobBuilderTest,
                         ::testing::Values("gbt_regtest_empty.json", "gbt_regtest_txs.json",
                                           "gbt_regtest_mweb.json"));

TEST(JobBuilder, SoloPayoutSplitsTheRewardExactly) {
    auto tmpl = load_template("gbt_regtest_txs.json");
    CoinbasePayout solo = pool_payout();
    solo.fee_script =
        chain::decode_address("mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn", regtest())->script_pubkey;
    solo.fee_basis_points = 150;  // 1.5%
    auto job = JobBuilder(regtest(), CoinbaseSpec{}).build(tmpl, solo, 1, true, 0);
    ASSERT_TRUE(job);
    Bytes coinbase;
    assemble_coinbase(**job, kEn1, kEn2, coinbase);
    auto tx = chain::Transaction::parse(coinbase);
    ASSERT_TRUE(tx);
    ASSERT_EQ(tx->outputs.size(), 3u);
    int64_t fee = tmpl->coinbase_value * 150 / 10000;
    EXPECT_EQ(tx->outputs[1].value, fee);
    EXPECT_EQ(tx->outputs[0].value + tx->outputs[1].value, tmpl->coinbase_value);
}

TEST(JobBuilder, RefusesWhatCannotMakeAValidCoinbase) {
    auto tmpl = load_template("gbt_regtest_empty.json");
    CoinbaseSpec long_tag;
    long_tag.tag = std::string(90, 'x');
    auto job = JobBuilder(regtest(), long_tag).build(tmpl, pool_payout(), 1, true, 0);
    ASSERT_FALSE(job);
    EXPECT_NE(job.error().message.find("shorten pool.tag"), std::string::npos);
    auto no_script =
        JobBuilder(regtest(), CoinbaseSpec{}).build(tmpl, CoinbasePayout{}, 1, true, 0);
    ASSERT_FALSE(no_script);
    EXPECT_NE(no_script.error().message.find("payout script"), std::string::npos);
}

TEST(StratumPrevhash, SwapsEachWordOfTheInternalBytes) {
    // A notify from a 2012 pool's documentation carried this prevhash for the block whose id is
    // 00000000440b921e1b77c6c0487ae5616de67f788f44ae2a5af6e2194d16b6f8.
    auto prev = chain::Uint256::from_display_hex(
        "00000000440b921e1b77c6c0487ae5616de67f788f44ae2a5af6e2194d16b6f8");
    EXPECT_EQ(stratum_prevhash(*prev),
              "4d16b6f85af6e2198f44ae2a6de67f78487ae5611b77c6c0440b921e00000000");
}

}  // namespace
}  // namespace viddhana::stratum
