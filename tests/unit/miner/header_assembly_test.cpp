// The miner's headers against the pool's: a job built by the pool's JobBuilder, sent as its
// mining.notify line, parsed by the miner, must give the header that the pool's ShareValidator
// rebuilds from the submitted fields, byte for byte, with and without version rolling.
#include <gtest/gtest.h>

#include <cstring>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "chain/coin.h"
#include "chain/pow.h"
#include "chain/sha256.h"
#include "miner/client_protocol.h"
#include "miner/header_assembler.h"
#include "miner/miner_job.h"
#include "miner/nonce_scanner.h"
#include "miner/version_rolling.h"
#include "stratum/job_builder.h"
#include "stratum/share_validator.h"

namespace viddhana::miner {
namespace {

using chain::Uint256;

std::shared_ptr<node::BlockTemplate> make_template(int transactions) {
    auto t = std::make_shared<node::BlockTemplate>();
    t->version = 0x20000000;
    t->previous_block = *Uint256::from_display_hex(
        "7b3479a720700cbff29abf0da5d14842dcae9ac18c0f9942504af07f2b8910b9");
    t->bits = 0x1a00d3d8;  // Litecoin mainnet, block 2383207
    t->target = *Uint256::from_compact(t->bits);
    t->height = 2383207;
    t->cur_time = 1670551531;
    t->min_time = t->cur_time - 3600;
    t->coinbase_value = 1250064095;
    for (int i = 0; i < transactions; ++i) {
        node::TemplateTransaction tx;
        tx.txid = chain::sha256d(
            std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(&i), sizeof i));
        tx.wtxid = tx.txid;
        tx.data = {0x01, 0x02};
        t->transactions.push_back(tx);
    }
    t->default_witness_commitment = Bytes{0x6a, 0x24, 0xaa, 0x21, 0xa9, 0xed};
    t->default_witness_commitment->resize(38, 0x11);
    return t;
}

struct PoolJob {
    std::shared_ptr<stratum::Job> job;
    MinerJob miner_job;
};

PoolJob make_job(const chain::CoinParams& coin, int transactions) {
    stratum::JobBuilder builder(coin, stratum::CoinbaseSpec{});
    stratum::CoinbasePayout payout{
        Bytes{0x00, 0x14, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20},
        {},
        0};
    auto job = builder.build(make_template(transactions), payout, 0x2a, true, 0);
    EXPECT_TRUE(job.ok()) << (job.ok() ? "" : job.error().message);
    // The miner sees the job only as the pool's notify line.
    auto line = nlohmann::json::parse((*job)->notify_line_clean);
    auto parsed = parse_notify(line["params"]);
    EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message);
    return {*job, *parsed};
}

stratum::ShareCheck pool_check(const chain::CoinParams& coin, const stratum::Job& job,
                               const std::array<uint8_t, 4>& extranonce1,
                               const ShareSubmission& share, uint32_t mask) {
    stratum::ShareValidator validator(coin);
    stratum::DuplicateFilter duplicates;
    stratum::SubmitParams submit;
    submit.worker = "w";
    submit.job_id = share.job_id;
    submit.extranonce2 = to_hex(share.extranonce2);
    submit.ntime = fmt::format("{:08x}", share.ntime);
    submit.nonce = fmt::format("{:08x}", share.nonce);
    if (share.version_bits) submit.version_bits = fmt::format("{:08x}", *share.version_bits);
    stratum::ShareContext ctx;
    ctx.extranonce1 = extranonce1;
    ctx.extranonce2_size = static_cast<int>(share.extranonce2.size());
    ctx.version_mask = mask;
    ctx.difficulty = 1;
    std::memset(ctx.share_target.data(), 0xff, 32);  // every hash is a share: we want the header
    ctx.now_s = job.ntime;
    return validator.check(job, submit, ctx, duplicates);
}

TEST(HeaderAssembly, NotifyFieldsDecodeToTheJobsValues) {
    const auto& coin = *chain::find_coin("litecoin", chain::Network::mainnet);
    auto pj = make_job(coin, 3000);
    EXPECT_EQ(pj.miner_job.job_id, pj.job->id_hex);
    EXPECT_EQ(pj.miner_job.prev_block, pj.job->prev_block);
    EXPECT_EQ(pj.miner_job.coinb1, pj.job->coinb1);
    EXPECT_EQ(pj.miner_job.coinb2, pj.job->coinb2);
    EXPECT_EQ(pj.miner_job.merkle_branch, pj.job->merkle_branch);
    EXPECT_EQ(pj.miner_job.merkle_branch.size(), 12u);  // 3001 leaves
    EXPECT_EQ(pj.miner_job.version, 0x20000000u);
    EXPECT_EQ(pj.miner_job.bits, 0x1a00d3d8u);
    EXPECT_EQ(pj.miner_job.ntime, 1670551531u);
    EXPECT_TRUE(pj.miner_job.clean);
}

TEST(HeaderAssembly, MinerHeaderEqualsTheValidatorsHeader) {
    for (const char* name : {"litecoin", "bitcoin"}) {
        const auto& coin = *chain::find_coin(name, chain::Network::mainnet);
        for (int txs : {0, 1, 7, 3000}) {
            auto pj = make_job(coin, txs);
            const std::array<uint8_t, 4> en1 = {0x00, 0xde, 0xad, 0x01};
            Bytes en2(4);
            extranonce2_bytes(0x01020304, en2);
            Bytes coinbase;
            build_coinbase(pj.miner_job, en1, en2, coinbase);
            Header header = build_header(pj.miner_job, merkle_root(pj.miner_job, coinbase),
                                         pj.miner_job.version, pj.miner_job.ntime + 5, 0x9abcdef0);

            ShareSubmission share{pj.miner_job.job_id, en2, pj.miner_job.ntime + 5, 0x9abcdef0, {}};
            auto check = pool_check(coin, *pj.job, en1, share, 0);
            ASSERT_EQ(check.result, bus::ShareResult::accepted) << check.reason;
            EXPECT_EQ(header, check.header) << name << " with " << txs << " transactions";

            NonceScanner scanner(coin.algorithm);
            scanner.set_header(header);
            EXPECT_EQ(scanner.hash(0x9abcdef0), check.pow_hash) << name;
        }
    }
}

TEST(HeaderAssembly, RolledVersionEqualsTheValidatorsHeader) {
    const auto& coin = *chain::find_coin("bitcoin", chain::Network::mainnet);
    auto pj = make_job(coin, 12);
    const uint32_t mask = 0x1fffe000;
    const std::array<uint8_t, 4> en1 = {1, 2, 3, 4};
    Bytes en2(4);
    extranonce2_bytes(7, en2);
    Bytes coinbase;
    build_coinbase(pj.miner_job, en1, en2, coinbase);
    Uint256 root = merkle_root(pj.miner_job, coinbase);
    for (uint64_t roll : {uint64_t{1}, uint64_t{5}, uint64_t{0xffff}}) {
        uint32_t version = rolled_version(pj.miner_job.version, mask, roll);
        EXPECT_NE(version, pj.miner_job.version);
        Header header = build_header(pj.miner_job, root, version, pj.miner_job.ntime, 42);
        ShareSubmission share{pj.miner_job.job_id, en2, pj.miner_job.ntime, 42, version & mask};
        auto check = pool_check(coin, *pj.job, en1, share, mask);
        ASSERT_EQ(check.result, bus::ShareResult::accepted) << check.reason;
        EXPECT_EQ(header, check.header) << "roll " << roll;
    }
}

TEST(HeaderAssembly, ChangingExtranonce2ChangesTheMerkleRoot) {
    const auto& coin = *chain::find_coin("bitcoin", chain::Network::mainnet);
    auto pj = make_job(coin, 5);
    const std::array<uint8_t, 4> en1 = {1, 2, 3, 4};
    Bytes a(4), b(4), coinbase;
    extranonce2_bytes(1, a);
    extranonce2_bytes(2, b);
    build_coinbase(pj.miner_job, en1, a, coinbase);
    Uint256 ra = merkle_root(pj.miner_job, coinbase);
    EXPECT_EQ(coinbase.size(), pj.job->coinb1.size() + 8 + pj.job->coinb2.size());
    build_coinbase(pj.miner_job, en1, b, coinbase);
    EXPECT_NE(ra, merkle_root(pj.miner_job, coinbase));
}

TEST(HeaderAssembly, Extranonce2BytesAreTheCounterLittleEndian) {
    Bytes out(4);
    extranonce2_bytes(0x0a0b0c0d, out);
    EXPECT_EQ(to_hex(out), "0d0c0b0a");
    Bytes wide(10);
    extranonce2_bytes(0x0102, wide);
    EXPECT_EQ(to_hex(wide), "02010000000000000000");
    Bytes narrow(2);
    extranonce2_bytes(0x112233, narrow);
    EXPECT_EQ(to_hex(narrow), "3322");
}

}  // namespace
}  // namespace viddhana::miner
