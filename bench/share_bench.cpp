// The Stratum hot path without sockets: building a job from a block template (coinbase split,
// merkle branch, notify lines) and judging one SHA256d share against it (coinbase, merkle root,
// header, proof of work). The share is Bitcoin block 100000's own header, so every iteration does
// the full work of an accepted share; the duplicate filter is cleared each time.
#include <benchmark/benchmark.h>

#include <ctime>
#include <memory>
#include <vector>

#include "base/hex.h"
#include "chain/block.h"
#include "chain/coin.h"
#include "chain/merkle.h"
#include "chain/pow.h"
#include "chain/sha256.h"
#include "node/block_template.h"
#include "stratum/job_builder.h"
#include "stratum/share_validator.h"

namespace {

using namespace viddhana;

chain::Uint256 hash_of(uint64_t a, uint64_t b) {
    uint64_t in[2] = {a, b};
    return chain::sha256d(
        std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(in), sizeof in));
}

// A mainnet-like template: Bitcoin block 840000's nBits, `transactions` ids, a segwit
// commitment (the same shape bench/tools/stratum_bench_server serves).
std::shared_ptr<const node::BlockTemplate> synthetic_template(const chain::CoinParams& coin,
                                                              int transactions) {
    auto t = std::make_shared<node::BlockTemplate>();
    t->version = 0x20000000;
    t->previous_block = hash_of(0xb10c, 1);
    t->bits = 0x17034219;
    t->target = *chain::Uint256::from_compact(t->bits);
    t->height = 840000;
    t->cur_time = 1713571767;
    t->min_time = t->cur_time - 3600;
    t->coinbase_value = chain::block_subsidy(coin, t->height) + 25'000'000;
    t->rules = {"segwit"};
    for (int i = 0; i < transactions; ++i) {
        node::TemplateTransaction tx;
        tx.txid = hash_of(1, static_cast<uint64_t>(i) + 1);
        tx.wtxid = tx.txid;
        tx.fee = 8000;
        t->transactions.push_back(std::move(tx));
    }
    t->default_witness_commitment = chain::witness_commitment_script(hash_of(1, 0));
    return t;
}

void BM_JobBuild(benchmark::State& state) {
    const auto& coin = *chain::find_coin("bitcoin", chain::Network::mainnet);
    auto tmpl = synthetic_template(coin, static_cast<int>(state.range(0)));
    stratum::JobBuilder builder(coin, stratum::CoinbaseSpec{});
    stratum::CoinbasePayout payout{Bytes(22, 0x00), {}, 0};
    payout.script[1] = 0x14;  // P2WPKH: OP_0 <20 bytes>
    uint64_t id = 0;
    for (auto _ : state) {
        auto job = builder.build(tmpl, payout, ++id, true, 1000);
        if (!job) state.SkipWithError(job.error().message.c_str());
        benchmark::DoNotOptimize(job);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_JobBuild)->Arg(0)->Arg(3000);

// Bitcoin block 100000 (four transactions) as a share: its coinbase split around a slice used as
// the extranonce (the same vectors as tests/unit/stratum/share_validator_test.cpp).
constexpr const char* kCoinbase =
    "01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff08044c8604"
    "1b020602ffffffff0100f2052a010000004341041b0e8c2567c12536aa13357b79a073dc4444acb83c4ec7a0e2f9"
    "9dd7457516c5817242da796924ca4e99947d087fedf9ce467cb9f7c6287078f801df276fdf84ac00000000";
constexpr const char* kOtherTxids[] = {
    "fff2525b8931402dd09222c50775608f75787bd2b87e56995a7bdd30f79702c4",
    "6359f0868171b1d194cbee1af2f16ea598ae8fad666d9b012c8ed2b79a236ec4",
    "e9a66845e05d5abc0ad04ec80f774a7e585c6e8db975962d069a522137b80c1d",
};
constexpr uint32_t kTime = 1293623863, kBits = 0x1b04864c;
constexpr size_t kExtranonceOffset = 42;

void BM_ShareValidateSha256d(benchmark::State& state) {
    const auto& coin = *chain::find_coin("bitcoin", chain::Network::mainnet);
    Bytes cb = *from_hex(kCoinbase);
    stratum::Job job;
    job.id = 7;
    job.version = 1;
    job.bits = kBits;
    job.ntime = kTime;
    job.min_time = kTime - 3600;
    job.prev_block = *chain::Uint256::from_display_hex(
        "000000000002d01c1fccc21636b607dfd930d31d01c3a62104612a1719011250");
    job.network_target = *chain::Uint256::from_compact(kBits);
    job.coinb1.assign(cb.begin(), cb.begin() + kExtranonceOffset);
    Bytes extranonce1(cb.begin() + kExtranonceOffset, cb.begin() + kExtranonceOffset + 4);
    std::string extranonce2 = to_hex(std::span(cb).subspan(kExtranonceOffset + 4, 4));
    job.coinb2.assign(cb.begin() + kExtranonceOffset + 8, cb.end());
    std::vector<chain::Uint256> others;
    for (const char* t : kOtherTxids)
        others.push_back(*chain::Uint256::from_display_hex(t));
    job.merkle_branch = chain::coinbase_merkle_branch(others);
    job.extranonce_size = 8;

    stratum::SubmitParams submit;
    submit.worker = "w";
    submit.job_id = "7";
    submit.extranonce2 = extranonce2;
    submit.ntime = "4d1b2237";
    submit.nonce = "10572b0f";
    stratum::ShareContext ctx;
    ctx.extranonce1 = extranonce1;
    ctx.extranonce2_size = 4;
    ctx.now_s = kTime + 60;
    ctx.difficulty = 1000;
    ctx.share_target = chain::target_from_difficulty(1000, coin.share_multiplier);

    stratum::ShareValidator validator(coin);
    stratum::DuplicateFilter duplicates;
    for (auto _ : state) {
        auto check = validator.check(job, submit, ctx, duplicates);
        if (check.result != bus::ShareResult::accepted) state.SkipWithError("share not accepted");
        benchmark::DoNotOptimize(check);
        duplicates.clear();
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ShareValidateSha256d);

}  // namespace
