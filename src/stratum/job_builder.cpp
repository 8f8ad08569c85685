#include "stratum/job_builder.h"

#include <fmt/format.h>

#include "base/byte_writer.h"
#include "chain/block.h"
#include "chain/merkle.h"
#include "chain/pow.h"
#include "chain/serialize.h"

namespace viddhana::stratum {

namespace {

constexpr size_t kMaxScriptSig = 100;  // consensus limit for a coinbase scriptSig

void append_u32_be_hex(std::string& out, uint32_t v) {
    fmt::format_to(std::back_inserter(out), "\"{:08x}\"", v);
}

std::string notify_line(const Job& job, bool clean) {
    std::string out;
    out.reserve(256 + 2 * (job.coinb1.size() + job.coinb2.size()) + 67 * job.merkle_branch.size());
    out.append("{\"id\":null,\"method\":\"mining.notify\",\"params\":[\"");
    out.append(job.id_hex).append("\",\"").append(stratum_prevhash(job.prev_block));
    out.append("\",\"");
    append_hex(out, job.coinb1);
    out.append("\",\"");
    append_hex(out, job.coinb2);
    out.append("\",[");
    for (size_t i = 0; i < job.merkle_branch.size(); ++i) {
        if (i) out.push_back(',');
        out.push_back('"');
        append_hex(out, job.merkle_branch[i].bytes());
        out.push_back('"');
    }
    out.append("],");
    append_u32_be_hex(out, static_cast<uint32_t>(job.version));
    out.push_back(',');
    append_u32_be_hex(out, job.bits);
    out.push_back(',');
    append_u32_be_hex(out, job.ntime);
    out.append(clean ? ",true]}\n" : ",false]}\n");
    return out;
}

}  // namespace

std::string stratum_prevhash(const chain::Uint256& prev) {
    uint8_t swapped[32];
    const uint8_t* b = prev.data();
    for (int word = 0; word < 8; ++word) {
        for (int i = 0; i < 4; ++i)
            swapped[4 * word + i] = b[4 * word + 3 - i];
    }
    return to_hex(swapped);
}

JobBuilder::JobBuilder(const chain::CoinParams& coin, CoinbaseSpec spec)
    : coin_(coin), spec_(std::move(spec)) {}

Expected<std::shared_ptr<Job>> JobBuilder::build(std::shared_ptr<const node::BlockTemplate> tmpl,
                                                 const CoinbasePayout& payout, uint64_t job_id,
                                                 bool clean, int64_t now_ms) const {
    if (!tmpl) return make_error("no block template");
    if (payout.script.empty()) return make_error("the coinbase payout script is empty");
    if (payout.fee_basis_points < 0 || payout.fee_basis_points > 10000) {
        return make_error("the coinbase fee must be between 0 and 10000 basis points");
    }
    const int extranonce_size = spec_.extranonce1_size + spec_.extranonce2_size;
    if (spec_.extranonce1_size < 1 || spec_.extranonce2_size < 1 || extranonce_size > 75) {
        return make_error("extranonce sizes must be at least 1 byte each and 75 bytes together");
    }

    auto job = std::make_shared<Job>();
    job->id = job_id;
    job->id_hex = fmt::format("{:x}", job_id);
    job->height = tmpl->height;
    job->version = tmpl->version;
    job->bits = tmpl->bits;
    job->ntime = static_cast<uint32_t>(tmpl->cur_time);
    job->min_time = tmpl->min_time;
    job->prev_block = tmpl->previous_block;
    job->network_target = tmpl->target;
    job->network_difficulty = chain::difficulty_from_target(tmpl->target, 1.0);
    job->coinbase_value = tmpl->coinbase_value;
    job->extranonce_size = extranonce_size;
    job->clean = clean;
    job->created_ms = now_ms;

    // scriptSig: <height> <extranonce1||extranonce2> <tag>. The height push must come first
    // (BIP34); the extranonce is a single data push whose bytes the miner fills in.
    Bytes script_prefix;
    chain::append_script_number(script_prefix, tmpl->height);
    script_prefix.push_back(static_cast<uint8_t>(extranonce_size));  // direct push opcode
    Bytes script_suffix;
    if (!spec_.tag.empty()) {
        chain::append_script_push(
            script_suffix,
            std::span(reinterpret_cast<const uint8_t*>(spec_.tag.data()), spec_.tag.size()));
    }
    size_t script_size = script_prefix.size() + extranonce_size + script_suffix.size();
    if (script_size > kMaxScriptSig) {
        return make_error(fmt::format(
            "the coinbase scriptSig would be {} bytes, over the limit of {}: shorten pool.tag",
            script_size, kMaxScriptSig));
    }

    // Outputs: the payout (minus a solo fee), then the witness commitment.
    struct Output {
        int64_t value;
        const Bytes* script;
    };
    std::vector<Output> outputs;
    int64_t fee = 0;
    if (!payout.fee_script.empty() && payout.fee_basis_points > 0) {
        fee = tmpl->coinbase_value * payout.fee_basis_points / 10000;
    }
    outputs.push_back({tmpl->coinbase_value - fee, &payout.script});
    if (fee > 0) outputs.push_back({fee, &payout.fee_script});
    if (tmpl->default_witness_commitment) {
        outputs.push_back({0, &*tmpl->default_witness_commitment});
        job->coinbase_has_witness = true;
    }

    ByteWriter w1(job->coinb1);
    w1.u32le(1);         // transaction version
    w1.compact_size(1);  // one input
    w1.bytes(chain::Uint256().bytes());
    w1.u32le(0xffffffff);  // the null prevout
    w1.compact_size(script_size);
    w1.bytes(script_prefix);

    ByteWriter w2(job->coinb2);
    w2.bytes(script_suffix);
    w2.u32le(0xffffffff);  // sequence
    w2.compact_size(outputs.size());
    for (const auto& o : outputs) {
        w2.i64le(o.value);
        w2.var_bytes(*o.script);
    }
    w2.u32le(0);  // lock time

    std::vector<chain::Uint256> txids;
    txids.reserve(tmpl->transactions.size());
    for (const auto& tx : tmpl->transactions)
        txids.push_back(tx.txid);
    job->merkle_branch = chain::coinbase_merkle_branch(txids);
    job->block_template = std::move(tmpl);

    job->notify_line_clean = notify_line(*job, true);
    job->notify_line_continue = notify_line(*job, false);
    return job;
}

void assemble_coinbase(const Job& job, std::span<const uint8_t> extranonce1,
                       std::span<const uint8_t> extranonce2, Bytes& out) {
    out.clear();
    out.insert(out.end(), job.coinb1.begin(), job.coinb1.end());
    out.insert(out.end(), extranonce1.begin(), extranonce1.end());
    out.insert(out.end(), extranonce2.begin(), extranonce2.end());
    out.insert(out.end(), job.coinb2.begin(), job.coinb2.end());
}

Bytes assemble_block(const Job& job, std::span<const uint8_t, 80> header_bytes,
                     std::span<const uint8_t> coinbase) {
    Bytes coinbase_tx;
    if (job.coinbase_has_witness) {
        // version || marker 0 || flag 1 || inputs and outputs || witness || lock time
        coinbase_tx.reserve(coinbase.size() + 40);
        coinbase_tx.insert(coinbase_tx.end(), coinbase.begin(), coinbase.begin() + 4);
        coinbase_tx.push_back(0x00);
        coinbase_tx.push_back(0x01);
        coinbase_tx.insert(coinbase_tx.end(), coinbase.begin() + 4, coinbase.end() - 4);
        coinbase_tx.push_back(0x01);  // one witness item: the 32-byte reserved value, all zero
        coinbase_tx.push_back(0x20);
        coinbase_tx.insert(coinbase_tx.end(), 32, 0);
        coinbase_tx.insert(coinbase_tx.end(), coinbase.end() - 4, coinbase.end());
    } else {
        coinbase_tx.assign(coinbase.begin(), coinbase.end());
    }
    std::vector<Bytes> others;
    others.reserve(job.block_template->transactions.size());
    for (const auto& tx : job.block_template->transactions)
        others.push_back(tx.data);
    static const Bytes kNoMweb;
    const Bytes& mweb = job.block_template->mweb ? *job.block_template->mweb : kNoMweb;
    auto header = chain::BlockHeader::parse(header_bytes);
    return chain::serialize_block(header, coinbase_tx, others, mweb);
}

}  // namespace viddhana::stratum
