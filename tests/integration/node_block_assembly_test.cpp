// Blocks assembled by hand from real templates and submitted to litecoind regtest, before and
// after MWEB activation: the end-to-end proof of the block format the Stratum layer produces.
//
// Format litecoind 0.21.2.1 accepts (checked below):
//   header (80 bytes: version, previousblockhash, merkle root, curtime, bits, nonce; little-endian)
//   CompactSize(1 + template transactions)
//   coinbase, witness serialization: version | 00 01 | 1 input (null prevout, scriptSig starting
//     with the BIP34 height push, sequence ffffffff) | outputs: payout (coinbasevalue) and the
//     template's default_witness_commitment script with value 0 | witness: 1 item of 32 zero bytes
//     (the reserved value the commitment is computed with) | locktime
//   template transactions' "data", in template order (the HogEx is the last one)
//   with MWEB: 0x01 then the template's "mweb" bytes (0x01 = the optional MWEB block is present)
// The merkle root is over the coinbase txid (no witness) then the template txids, HogEx included.
// Without the 0x01 byte the node answers "mweb-missing"; without the MWEB bytes, "Block decode
// failed". A missing coinbase witness is filled in by submitblock itself (see below).
#include <gtest/gtest.h>

#include <ctime>
#include <future>

#include <fmt/format.h>

#include "base/byte_reader.h"
#include "base/byte_writer.h"
#include "chain/block.h"
#include "chain/merkle.h"
#include "chain/pow.h"
#include "chain/serialize.h"
#include "chain/sha256.h"
#include "node/block_submitter.h"
#include "node/block_template.h"
#include "node/coinbase_only_template.h"
#include "support/ports.h"
#include "support/regtest_pair.h"
#include "support/wait.h"

namespace viddhana {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using test::RegtestNode;
using test::RegtestPair;

const json kRules = json::array({json{{"rules", json::array({"mweb", "segwit"})}}});

struct Recipe {
    bool witness_reserved_value = true;  // the coinbase witness the commitment requires
    bool include_mweb = true;            // append the template's MWEB block (when it has one)
    bool mweb_marker = true;             // the 0x01 byte before the MWEB block
    bool corrupt_merkle_root = false;
    bool valid_pow = true;  // false: pick a nonce whose scrypt hash is above the target
    uint32_t first_nonce = 0;
};

struct Assembled {
    chain::BlockHeader header;
    Bytes coinbase;  // witness serialization
    Bytes block;
    std::string hash;  // display hex
};

Bytes coinbase_tx(const node::BlockTemplate& t, const Bytes& payout_script, bool with_witness,
                  bool reserved_value) {
    Bytes script_sig;
    chain::append_script_number(script_sig, t.height);  // BIP34
    const std::string tag = "viddhana";
    chain::append_script_push(script_sig, Bytes(tag.begin(), tag.end()));

    Bytes out;
    ByteWriter w(out);
    w.i32le(2);
    const bool witness = with_witness && reserved_value;
    if (witness) w.u8(0x00).u8(0x01);
    w.compact_size(1);
    w.bytes(Bytes(32, 0)).u32le(0xffffffff);  // null prevout
    w.var_bytes(script_sig).u32le(0xffffffff);
    const bool commitment = t.default_witness_commitment.has_value();
    w.compact_size(commitment ? 2 : 1);
    w.i64le(t.coinbase_value).var_bytes(payout_script);
    if (commitment) w.i64le(0).var_bytes(*t.default_witness_commitment);
    if (witness) w.compact_size(1).var_bytes(Bytes(32, 0));
    w.u32le(0);
    return out;
}

Assembled assemble(const node::BlockTemplate& t, const Bytes& payout_script, const Recipe& r) {
    Assembled a;
    a.coinbase = coinbase_tx(t, payout_script, true, r.witness_reserved_value);
    const Bytes stripped = coinbase_tx(t, payout_script, false, r.witness_reserved_value);
    std::vector<chain::Uint256> leaves{chain::sha256d(stripped)};
    for (const auto& tx : t.transactions)
        leaves.push_back(tx.txid);

    a.header.version = t.version;
    a.header.prev_block = t.previous_block;
    a.header.merkle_root = chain::merkle_root(leaves);
    if (r.corrupt_merkle_root) a.header.merkle_root.data()[0] ^= 1;
    a.header.time = static_cast<uint32_t>(t.cur_time);
    a.header.bits = t.bits;
    // Regtest's target is 0x7fffff..: about one nonce in two solves the block.
    chain::PowHasher hasher(chain::PowAlgorithm::scrypt);
    for (a.header.nonce = r.first_nonce;; ++a.header.nonce) {
        auto raw = a.header.serialize();
        const bool solved = hasher.hash(raw.data()) <= t.target;
        if (solved == r.valid_pow) break;
    }

    ByteWriter w(a.block);
    w.bytes(a.header.serialize());
    w.compact_size(1 + t.transactions.size());
    w.bytes(a.coinbase);
    for (const auto& tx : t.transactions)
        w.bytes(tx.data);
    if (t.mweb && r.include_mweb) {
        if (r.mweb_marker) w.u8(0x01);
        w.bytes(*t.mweb);
    }
    a.hash = a.header.hash().display_hex();
    return a;
}

class BlockAssemblyTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        pair_ = new RegtestPair();
        submitter_ = new node::BlockSubmitter(
            {pair_->endpoint(RegtestNode::a), pair_->endpoint(RegtestNode::b)});
    }
    static void TearDownTestSuite() {
        delete submitter_;
        delete pair_;
    }

    RegtestPair& pair() { return *pair_; }

    node::BlockTemplate fetch_template() {
        auto t = node::parse_block_template(pair().rpc("getblocktemplate", kRules));
        EXPECT_TRUE(t) << t.error().message;
        return std::move(t.value());
    }

    // getblocktemplate rebuilds its answer for new mempool transactions at most every 5 seconds.
    node::BlockTemplate template_containing(const std::string& txid) {
        node::BlockTemplate t;
        test::wait_until(
            [&] {
                t = fetch_template();
                for (const auto& tx : t.transactions) {
                    if (tx.txid.display_hex() == txid) return true;
                }
                return false;
            },
            60s, "transaction " + txid + " in the block template", 250ms);
        return t;
    }

    Bytes payout_script() {
        json info = pair().wallet_rpc("getaddressinfo", json::array({pair().new_address()}));
        return from_hex(info.at("scriptPubKey").get<std::string>()).value();
    }

    node::SubmitResult submit(const Assembled& a) {
        std::promise<node::SubmitResult> done;
        submitter_->submit(to_hex(a.block), a.hash,
                           [&](const node::SubmitResult& r) { done.set_value(r); });
        return done.get_future().get();
    }

    static std::string reason(const node::SubmitResult& r) {
        return r.answer.reject_reason.value_or("null");
    }

    // Submits a valid block for `t` and checks that it became both nodes' tip.
    void submit_and_expect_tip(const node::BlockTemplate& t, const Assembled& a) {
        auto r = submit(a);
        ASSERT_EQ(r.verdict, node::SubmitVerdict::accepted)
            << "node said " << reason(r) << " " << r.answer.error;
        EXPECT_FALSE(r.answer.reject_reason) << *r.answer.reject_reason;
        EXPECT_EQ(pair().rpc("getbestblockhash").get<std::string>(), a.hash);
        pair().sync();
        EXPECT_EQ(pair().height(RegtestNode::b), t.height);
        // The node kept our coinbase byte for byte.
        json block = pair().rpc("getblock", json::array({a.hash, 0}));
        EXPECT_EQ(block.get<std::string>(), to_hex(a.block));
    }

    static RegtestPair* pair_;
    static node::BlockSubmitter* submitter_;
};
RegtestPair* BlockAssemblyTest::pair_ = nullptr;
node::BlockSubmitter* BlockAssemblyTest::submitter_ = nullptr;

TEST_F(BlockAssemblyTest, PreMwebBlockWithTransactionsIsAccepted) {
    for (const char* type : {"legacy", "p2sh-segwit", "bech32"}) {
        pair().wallet_rpc("sendtoaddress", json::array({pair().new_address(type), 1.5}));
    }
    auto t = fetch_template();
    ASSERT_EQ(t.transactions.size(), 3u);
    ASSERT_FALSE(t.mweb);
    ASSERT_TRUE(t.default_witness_commitment);
    auto a = assemble(t, payout_script(), {});

    // The chain library's serializer writes the same bytes.
    std::vector<Bytes> others;
    for (const auto& tx : t.transactions)
        others.push_back(tx.data);
    EXPECT_EQ(chain::serialize_block(a.header, a.coinbase, others, {}), a.block);

    submit_and_expect_tip(t, a);
    EXPECT_TRUE(pair().rpc("getrawmempool").empty());
}

TEST_F(BlockAssemblyTest, RefusedBlocksReportTheNodesReason) {
    auto t = fetch_template();
    const Bytes payout = payout_script();

    Recipe bad_root;
    bad_root.corrupt_merkle_root = true;
    auto r = submit(assemble(t, payout, bad_root));
    EXPECT_EQ(r.verdict, node::SubmitVerdict::rejected);
    EXPECT_EQ(reason(r), "bad-txnmrklroot");
    EXPECT_FALSE(r.answer.known);

    Recipe unsolved;
    unsolved.valid_pow = false;
    r = submit(assemble(t, payout, unsolved));
    EXPECT_EQ(r.verdict, node::SubmitVerdict::rejected);
    EXPECT_EQ(reason(r), "high-hash");
    EXPECT_FALSE(r.answer.known);

    std::promise<node::SubmitResult> garbage;
    submitter_->submit("00ff", std::string(64, '0'),
                       [&](const node::SubmitResult& res) { garbage.set_value(res); });
    r = garbage.get_future().get();
    EXPECT_EQ(r.verdict, node::SubmitVerdict::rejected);
    EXPECT_EQ(reason(r), "Block decode failed");

    // None of these changed the chain: a good block still goes through, and a second copy of it
    // is a duplicate that is in the chain.
    Recipe good;
    good.first_nonce = 1000;
    auto a = assemble(t, payout, good);
    submit_and_expect_tip(t, a);
    r = submit(a);
    EXPECT_EQ(reason(r), "duplicate");
    EXPECT_EQ(r.verdict, node::SubmitVerdict::accepted);

    // A valid block at a height that already has one: the node keeps the first it saw.
    Recipe late;
    late.first_nonce = 2000;
    r = submit(assemble(t, payout, late));
    EXPECT_EQ(reason(r), "inconclusive");
    EXPECT_EQ(r.verdict, node::SubmitVerdict::not_in_chain);
    EXPECT_TRUE(r.answer.known);
    EXPECT_EQ(r.answer.confirmations, -1);
    EXPECT_GE(submitter_->counters().node_answers, 2 * 6u);
}

// submitblock fills in a missing coinbase witness: litecoind (like bitcoind) runs
// UpdateUncommittedBlockStructures on submitted blocks, which adds the 32-byte zero reserved value
// when the coinbase has a witness commitment but no witness. The block id does not change (the
// witness is not part of the txid); the stored block has the witness. A block relayed over P2P
// gets no such help, so the pool still builds the witness itself.
TEST_F(BlockAssemblyTest, SubmitblockAddsAMissingCoinbaseWitness) {
    const std::string txid =
        pair()
            .wallet_rpc("sendtoaddress", json::array({pair().new_address("bech32"), 1}))
            .get<std::string>();
    auto t = template_containing(txid);
    ASSERT_TRUE(t.default_witness_commitment);
    const Bytes payout = payout_script();

    Recipe no_witness;
    no_witness.witness_reserved_value = false;
    auto bare = assemble(t, payout, no_witness);
    auto r = submit(bare);
    EXPECT_EQ(r.verdict, node::SubmitVerdict::accepted) << reason(r);
    EXPECT_FALSE(r.answer.reject_reason) << reason(r);

    Recipe with_witness;
    with_witness.first_nonce = bare.header.nonce;
    auto full = assemble(t, payout, with_witness);
    ASSERT_EQ(full.hash, bare.hash);
    EXPECT_NE(full.block, bare.block);
    EXPECT_EQ(pair().rpc("getblock", json::array({bare.hash, 0})).get<std::string>(),
              to_hex(full.block));
}

TEST_F(BlockAssemblyTest, SubmitterReportsTheNodesThatAnswer) {
    const node::RpcEndpoint dead{fmt::format("http://127.0.0.1:{}", test::free_tcp_port()), "u",
                                 "p", ""};
    {
        node::BlockSubmitter only_dead({dead}, 5s);
        std::promise<node::SubmitResult> done;
        only_dead.submit("00", std::string(64, '0'),
                         [&](const node::SubmitResult& r) { done.set_value(r); });
        auto r = done.get_future().get();
        EXPECT_EQ(r.verdict, node::SubmitVerdict::unreachable);
        EXPECT_FALSE(r.answer.answered);
        EXPECT_NE(r.answer.error.find(dead.url), std::string::npos) << r.answer.error;
        auto c = only_dead.counters();
        EXPECT_EQ(c.submitted, 1u);
        EXPECT_EQ(c.unreachable, 1u);
        EXPECT_EQ(c.node_failures, 1u);
    }
    // A dead first node does not hold the block back: the live one takes it.
    node::BlockSubmitter mixed({dead, pair().endpoint(RegtestNode::a)}, 5s);
    auto t = fetch_template();
    auto a = assemble(t, payout_script(), {});
    std::promise<node::SubmitResult> done;
    mixed.submit(to_hex(a.block), a.hash, [&](const node::SubmitResult& r) { done.set_value(r); });
    auto r = done.get_future().get();
    EXPECT_EQ(r.verdict, node::SubmitVerdict::accepted);
    EXPECT_EQ(r.answer.url, pair().endpoint(RegtestNode::a).url);
    EXPECT_EQ(pair().rpc("getbestblockhash").get<std::string>(), a.hash);
}

// Runs last in this file: it moves the chain past MWEB activation.
// The pool's coinbase-only template for a tip found elsewhere, made from the node's previous
// template and the new tip's header while the node's mempool is full: the node accepts its block.
TEST_F(BlockAssemblyTest, CoinbaseOnlyBlockOnANewTipIsAccepted) {
    const auto& coin = *chain::find_coin("litecoin", chain::Network::regtest);
    for (int i = 0; i < 5; ++i)
        pair().wallet_rpc("sendtoaddress", json::array({pair().new_address(), 0.5}));
    auto base = template_containing(
        pair()
            .wallet_rpc("sendtoaddress", json::array({pair().new_address(), 0.5}))
            .get<std::string>());
    ASSERT_EQ(base.transactions.size(), 6u);
    // An empty block on B (generateblock mines only what it is given), taken by A.
    json made = pair().rpc(RegtestNode::b, "generateblock",
                           json::array({pair().new_address(), json::array()}));
    const std::string tip_hash = made["hash"].get<std::string>();
    test::wait_until([&] { return pair().rpc("getbestblockhash").get<std::string>() == tip_hash; },
                     60s, "A to take B's block");
    auto tip = node::parse_tip_header(pair().rpc("getblockheader", json::array({tip_hash, true})));
    ASSERT_TRUE(tip) << tip.error().message;
    auto fast = node::coinbase_only_template(base, *tip, coin, std::time(nullptr));
    ASSERT_TRUE(fast) << fast.error().message;
    EXPECT_EQ(fast->height, base.height + 1);
    EXPECT_TRUE(fast->transactions.empty());

    submit_and_expect_tip(*fast, assemble(*fast, payout_script(), {}));
    // The node's own template on the same tip would have paid the same subsidy plus the fees.
    EXPECT_EQ(pair().rpc("getmempoolinfo")["size"].get<int>(), 6);
    pair().generate(1);  // leave an empty mempool to the tests that follow
}

TEST_F(BlockAssemblyTest, MwebBlocksCarryTheMwebBlockAfterA01Byte) {
    pair().mine_until(431);
    // The peg-in that lets the first HogEx exist (see RegtestPair::activate_mweb).
    pair().wallet_rpc("sendtoaddress", json::array({pair().new_address("mweb"), 2}));
    auto t = fetch_template();
    ASSERT_EQ(t.height, 432);
    ASSERT_TRUE(t.mweb);
    ASSERT_EQ(t.transactions.size(), 2u);  // the peg-in, then the HogEx
    ASSERT_TRUE(t.transactions.back().is_hogex);
    const Bytes payout = payout_script();
    // The pool cannot make a coinbase-only template once every block must carry the MWEB block.
    {
        auto tip = node::parse_tip_header(
            pair().rpc("getblockheader", json::array({pair().rpc("getbestblockhash"), true})));
        ASSERT_TRUE(tip) << tip.error().message;
        auto fast = node::coinbase_only_template(
            t, *tip, *chain::find_coin("litecoin", chain::Network::regtest), std::time(nullptr));
        ASSERT_FALSE(fast);
        EXPECT_NE(fast.error().message.find("MWEB"), std::string::npos);
    }

    // Without the MWEB bytes the HogEx is followed by nothing: the node cannot even decode it.
    Recipe no_mweb;
    no_mweb.include_mweb = false;
    no_mweb.first_nonce = 100;
    auto r = submit(assemble(t, payout, no_mweb));
    EXPECT_EQ(r.verdict, node::SubmitVerdict::rejected);
    EXPECT_EQ(reason(r), "Block decode failed");

    // Without the 0x01 presence byte the node reads the MWEB block as absent.
    Recipe no_marker;
    no_marker.mweb_marker = false;
    no_marker.first_nonce = 200;
    auto unmarked = assemble(t, payout, no_marker);
    r = submit(unmarked);
    EXPECT_EQ(r.verdict, node::SubmitVerdict::rejected);
    EXPECT_EQ(reason(r), "mweb-missing");
    EXPECT_TRUE(r.answer.known);  // the header is kept...
    EXPECT_EQ(r.answer.confirmations, -1);

    // ...but not marked invalid: the same header with the MWEB block correctly encoded is
    // accepted, so a pool may resubmit a solved block after fixing its encoding.
    Recipe same_header;
    same_header.first_nonce = unmarked.header.nonce;
    auto a = assemble(t, payout, same_header);
    ASSERT_EQ(a.hash, unmarked.hash);
    std::vector<Bytes> others;
    for (const auto& tx : t.transactions)
        others.push_back(tx.data);
    EXPECT_EQ(chain::serialize_block(a.header, a.coinbase, others, *t.mweb), a.block);
    // The 0x01 byte, then the template's MWEB bytes, end the block.
    ASSERT_GT(a.block.size(), t.mweb->size() + 1);
    EXPECT_EQ(a.block[a.block.size() - t.mweb->size() - 1], 0x01);
    EXPECT_TRUE(std::equal(t.mweb->begin(), t.mweb->end(), a.block.end() - t.mweb->size()));
    submit_and_expect_tip(t, a);

    // Activated: the pair's helper has nothing left to do, and the next blocks need no peg-in.
    pair().activate_mweb();
    const std::string txid =
        pair()
            .wallet_rpc("sendtoaddress", json::array({pair().new_address("bech32"), 1}))
            .get<std::string>();
    auto next = template_containing(txid);
    ASSERT_EQ(next.height, 433);
    ASSERT_TRUE(next.mweb);
    ASSERT_EQ(next.transactions.size(), 2u);
    EXPECT_FALSE(next.transactions.front().is_hogex);
    EXPECT_TRUE(next.transactions.back().is_hogex);
    submit_and_expect_tip(next, assemble(next, payout, {}));
}

}  // namespace
}  // namespace viddhana
