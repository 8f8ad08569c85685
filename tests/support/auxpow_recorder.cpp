// The merged-mining cases run against dogecoind and litecoind (see auxpow_recorder.h). Refusals
// come first on one aux block, then the same block is accepted: a refused AuxPoW does not spoil
// the aux block it was for.
#include "auxpow_recorder.h"

#include <chrono>
#include <ctime>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "chain/address.h"
#include "chain/block.h"
#include "chain/coin.h"
#include "chain/merkle.h"
#include "chain/pow.h"
#include "chain/serialize.h"
#include "chain/sha256.h"
#include "chain/transaction.h"
#include "merged/aux_block.h"
#include "merged/aux_chain.h"
#include "merged/aux_merkle_tree.h"
#include "merged/aux_tree_shape.h"
#include "merged/auxpow.h"
#include "merged/merged_mining_commitment.h"
#include "node/block_template.h"

namespace viddhana::test {

using chain::Uint256;
using nlohmann::json;

namespace {

constexpr int32_t kDogecoinChainId = 98;

const merged::AuxChainParams& dogecoin() {
    return *merged::find_aux_chain("dogecoin", chain::Network::regtest);
}

Uint256 label_hash(const std::string& label) {
    return chain::sha256d(std::span(reinterpret_cast<const uint8_t*>(label.data()), label.size()));
}

json hashes_json(const std::vector<Uint256>& hashes) {
    json out = json::array();
    for (const auto& h : hashes)
        out.push_back(to_hex(h.bytes()));
    return out;
}

// What a parent coinbase carries between its height and its extranonce.
struct ParentOptions {
    std::vector<Bytes> pushes;  // script bytes (the commitment push, or stand-ins)
    uint64_t extranonce = 0;
    std::optional<int32_t> version;  // instead of the template's
    bool meets_aux_target = true;    // false: grind for a hash above the aux target
};

struct ParentBlock {
    Bytes coinbase;  // without witness: the AuxPoW's copy, and the txid's preimage
    std::vector<Uint256> branch;
    chain::BlockHeader header;
    Bytes block;  // with the coinbase's witness reserved value: what submitblock takes
};

// A Litecoin block on a litecoind template, its coinbase laid out as a Stratum job's: height,
// the pushes, an 8-byte extranonce, the pool tag; payout and witness commitment outputs.
ParentBlock build_parent(const node::BlockTemplate& t, const Bytes& payout,
                         const ParentOptions& options, const Uint256& aux_target,
                         chain::PowHasher& hasher) {
    chain::Transaction tx;
    tx.version = 1;
    chain::TxIn in;
    in.prevout.index = 0xffffffff;
    chain::append_script_number(in.script_sig, t.height);
    for (const Bytes& push : options.pushes)
        in.script_sig.insert(in.script_sig.end(), push.begin(), push.end());
    Bytes extranonce(8);
    for (int i = 0; i < 8; ++i)
        extranonce[i] = static_cast<uint8_t>(options.extranonce >> (8 * i));
    chain::append_script_push(in.script_sig, extranonce);
    const std::string tag = "/Viddhana/";
    chain::append_script_push(in.script_sig,
                              std::span(reinterpret_cast<const uint8_t*>(tag.data()), tag.size()));
    tx.inputs.push_back(in);
    tx.outputs.push_back({t.coinbase_value, payout});
    if (t.default_witness_commitment) tx.outputs.push_back({0, *t.default_witness_commitment});

    ParentBlock p;
    p.coinbase = tx.serialize(false, false);
    std::vector<Uint256> txids;
    std::vector<Bytes> others;
    for (const auto& other : t.transactions) {
        txids.push_back(other.txid);
        others.push_back(other.data);
    }
    p.branch = chain::coinbase_merkle_branch(txids);
    p.header.version = options.version.value_or(t.version);
    p.header.prev_block = t.previous_block;
    p.header.merkle_root = chain::merkle_root_from_branch(tx.txid(), p.branch);
    p.header.time = static_cast<uint32_t>(t.cur_time);
    p.header.bits = t.bits;
    for (p.header.nonce = 0;; ++p.header.nonce) {
        const auto raw = p.header.serialize();
        const Uint256 pow = hasher.hash(raw.data());
        const bool meets = pow <= aux_target && pow <= t.target;
        if (options.meets_aux_target ? meets : pow > aux_target) break;
        if (p.header.nonce == 0xffffffff) throw std::runtime_error("no parent nonce found");
    }
    if (t.default_witness_commitment) tx.inputs[0].witness = {Bytes(32, 0)};
    static const Bytes kNoMweb;
    p.block =
        chain::serialize_block(p.header, tx.serialize(true), others, t.mweb ? *t.mweb : kNoMweb);
    return p;
}

class Recorder {
  public:
    Recorder(DogecoinRegtest& doge, RegtestPair& ltc)
        : doge_(doge), ltc_(ltc), hasher_(chain::PowAlgorithm::scrypt) {}

    json run();

  private:
    struct Tree {
        std::vector<int32_t> chain_ids;  // Dogecoin first
        merged::AuxTreeShape shape;
    };
    struct Case {
        std::string name = {};
        std::string what = {};
        Tree tree = {};
        // Where Dogecoin's hash goes; default: its slot in the shape.
        std::optional<uint32_t> slot = std::nullopt;
        // What the coinbase carries before the extranonce; default: the commitment.
        std::function<std::vector<Bytes>(const merged::MergedMiningCommitment&)> pushes = {};
        std::optional<int32_t> parent_version = std::nullopt;
        bool meets_aux_target = true;
        std::function<void(merged::AuxPow&)> mutate = {};  // applied to the AuxPoW before sending
        bool submit_parent = false;
    };

    json create_aux_block();
    node::BlockTemplate parent_template();
    void add_parent_transactions(int n);
    json submit_aux(const std::string& hash_hex, const Bytes& auxpow);
    json run_case(const json& aux_answer, const Case& c);
    static Tree single_tree();
    static Tree tree_for(std::vector<int32_t> chain_ids);

    DogecoinRegtest& doge_;
    RegtestPair& ltc_;
    chain::PowHasher hasher_;
    std::string aux_address_;
    Bytes parent_payout_;
    uint64_t extranonce_ = 0;
};

json Recorder::create_aux_block() {
    return doge_.rpc("createauxblock", json::array({aux_address_}));
}

node::BlockTemplate Recorder::parent_template() {
    json answer = ltc_.rpc(RegtestNode::a, "getblocktemplate",
                           json::array({json{{"rules", json::array({"mweb", "segwit"})}}}));
    auto t = node::parse_block_template(answer);
    if (!t) throw std::runtime_error("litecoind template: " + t.error().message);
    return std::move(t).value();
}

// Transactions in the parent block give its coinbase a real merkle branch.
void Recorder::add_parent_transactions(int n) {
    for (int i = 0; i < n; ++i)
        ltc_.wallet_rpc("sendtoaddress", json::array({ltc_.new_address("bech32"), 0.5}));
}

json Recorder::submit_aux(const std::string& hash_hex, const Bytes& auxpow) {
    size_t offset = doge_.debug_log_size();
    json verdict;
    try {
        verdict = doge_.rpc("submitauxblock", json::array({hash_hex, to_hex(auxpow)}));
    } catch (const node::RpcError& e) {
        verdict = json{{"error", {{"code", e.code()}, {"message", e.what()}}}};
    }
    json errors = json::array();
    for (const auto& line : doge_.debug_log_lines_since(offset))
        if (line.find("ERROR") != std::string::npos) errors.push_back(line);
    return json{{"submitauxblock", verdict}, {"debug_log", errors}};
}

Recorder::Tree Recorder::single_tree() {
    return tree_for({kDogecoinChainId});
}

Recorder::Tree Recorder::tree_for(std::vector<int32_t> chain_ids) {
    auto shape = merged::plan_aux_tree(chain_ids);
    if (!shape) throw std::runtime_error(shape.error().message);
    return Tree{std::move(chain_ids), std::move(shape).value()};
}

json Recorder::run_case(const json& aux_answer, const Case& c) {
    auto aux = merged::parse_aux_block(aux_answer, dogecoin());
    if (!aux) throw std::runtime_error("createauxblock answer: " + aux.error().message);

    // Dogecoin's leaf is its block; the other chains' leaves stand in for their blocks (dogecoind
    // checks only its own branch).
    std::vector<Uint256> leaves = {aux->hash};
    for (size_t i = 1; i < c.tree.chain_ids.size(); ++i)
        leaves.push_back(label_hash(fmt::format("aux chain {} block", c.tree.chain_ids[i])));
    merged::AuxTreeShape shape = c.tree.shape;
    const uint32_t slot = c.slot.value_or(shape.slots[0]);
    if (slot != shape.slots[0]) {
        // Dogecoin's hash in another chain's slot, that chain's in Dogecoin's.
        for (auto& s : shape.slots)
            if (s == slot) s = shape.slots[0];
        shape.slots[0] = slot;
    }
    auto tree = merged::AuxMerkleTree::build(shape, leaves);
    if (!tree) throw std::runtime_error(tree.error().message);
    const merged::MergedMiningCommitment commitment{tree->root(), shape.size(), shape.nonce};

    ParentOptions options;
    options.pushes = c.pushes ? c.pushes(commitment) : std::vector<Bytes>{commitment.script_push()};
    options.extranonce = ++extranonce_;
    options.version = c.parent_version;
    options.meets_aux_target = c.meets_aux_target;
    const node::BlockTemplate parent_work = parent_template();
    const ParentBlock parent =
        build_parent(parent_work, parent_payout_, options, aux->target, hasher_);

    auto auxpow = merged::make_auxpow(parent.coinbase, parent.branch, parent.header, *tree, slot);
    if (!auxpow) throw std::runtime_error(auxpow.error().message);
    if (c.mutate) c.mutate(*auxpow);
    const Bytes auxpow_bytes = auxpow->serialize();

    json record = {
        {"name", c.name},
        {"what", c.what},
        {"aux_block", aux_answer},
        {"tree",
         {{"chain_ids", c.tree.chain_ids},
          {"height", shape.height},
          {"nonce", shape.nonce},
          {"slots", shape.slots},
          {"leaves", hashes_json(leaves)},
          {"root", to_hex(tree->root().bytes())}}},
        {"dogecoin_slot", slot},
        {"parent",
         {{"coinbase", to_hex(parent.coinbase)},
          {"coinbase_branch", hashes_json(parent.branch)},
          {"header", to_hex(parent.header.serialize())}}},
        {"mutated", static_cast<bool>(c.mutate)},
        {"auxpow", to_hex(auxpow_bytes)},
    };
    record.update(submit_aux(aux->hash_hex, auxpow_bytes));
    if (c.submit_parent) {
        json parent_verdict =
            ltc_.rpc(RegtestNode::a, "submitblock", json::array({to_hex(parent.block)}));
        record["parent_submitblock"] = parent_verdict;
        record["dogecoin_tip_is_block"] =
            doge_.rpc("getbestblockhash").get<std::string>() == aux->hash_hex;
    }
    return record;
}

json Recorder::run() {
    json out;
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    out["captured_at"] = date;
    out["dogecoind"] = doge_.rpc("getnetworkinfo").at("subversion");
    out["litecoind"] = ltc_.rpc(RegtestNode::a, "getnetworkinfo").at("subversion");

    // createauxblock before AuxPoW starts, then mined one block at a time until it answers.
    aux_address_ = doge_.new_address();
    json create = json::object();
    json refusals = json::array();
    for (;;) {
        const int64_t height = doge_.height();
        try {
            json first = create_aux_block();
            create["first_answer"] = first;
            create["first_answer_at_tip_height"] = height;
            break;
        } catch (const node::RpcError& e) {
            refusals.push_back(
                {{"tip_height", height}, {"error", {{"code", e.code()}, {"message", e.what()}}}});
        }
        if (height > 100) throw std::runtime_error("createauxblock still refused at height 100");
        doge_.generate(1);
    }
    create["refused_before_auxpow_start"] = refusals;
    if (doge_.height() < 20) doge_.generate(static_cast<int>(20 - doge_.height()));
    try {
        doge_.rpc("createauxblock", json::array({"not-an-address"}));
        create["invalid_address"] = "accepted";
    } catch (const node::RpcError& e) {
        create["invalid_address"] = {{"code", e.code()}, {"message", e.what()}};
    }
    const json t1 = create_aux_block();
    create["same_address_same_block"] = create_aux_block().at("hash") == t1.at("hash");
    create["other_address_other_block"] =
        doge_.rpc("createauxblock", json::array({doge_.new_address()})).at("hash") != t1.at("hash");
    out["createauxblock"] = create;

    // The address createauxblock paid, and the script dogecoind says it stands for.
    json validated = doge_.rpc("validateaddress", json::array({aux_address_}));
    out["address"] = {{"address", aux_address_}, {"scriptPubKey", validated.at("scriptPubKey")}};

    // The parent chain: a payout script from litecoind's wallet, transactions for a branch.
    auto payout = chain::decode_address(ltc_.new_address("bech32"),
                                        *chain::find_coin("litecoin", chain::Network::regtest));
    if (!payout) throw std::runtime_error(payout.error().message);
    parent_payout_ = payout->script_pubkey;
    add_parent_transactions(3);

    json cases = json::array();
    const Tree single = single_tree();
    const Tree three = tree_for({kDogecoinChainId, 1, 7});
    using Commitment = merged::MergedMiningCommitment;

    // Refusals, all for the aux block t1.
    cases.push_back(
        run_case(t1, {.name = "missing_commitment",
                      .what = "the parent coinbase carries no commitment",
                      .tree = single,
                      .pushes = [](const Commitment&) { return std::vector<Bytes>{}; }}));
    cases.push_back(run_case(t1, {.name = "two_commitments",
                                  .what = "the parent coinbase carries the commitment twice",
                                  .tree = single,
                                  .pushes = [](const Commitment& c) {
                                      return std::vector<Bytes>{c.script_push(), c.script_push()};
                                  }}));
    cases.push_back(run_case(t1, {.name = "marker_apart_from_root",
                                  .what = "one byte between the fabe6d6d marker and the root",
                                  .tree = single,
                                  .pushes = [](const Commitment& c) {
                                      auto bytes = c.serialize();
                                      Bytes data(bytes.begin(), bytes.begin() + 4);
                                      data.push_back(0x00);
                                      data.insert(data.end(), bytes.begin() + 4, bytes.end());
                                      Bytes push;
                                      chain::append_script_push(push, data);
                                      return std::vector<Bytes>{push};
                                  }}));
    cases.push_back(
        run_case(t1, {.name = "tree_size_mismatch",
                      .what = "the commitment announces a tree of 2 for a branch of length 0",
                      .tree = single,
                      .pushes = [](const Commitment& c) {
                          Commitment bigger = c;
                          bigger.tree_size = 2;
                          return std::vector<Bytes>{bigger.script_push()};
                      }}));
    {
        // Dogecoin's hash in another chain's slot (the tree and commitment are otherwise right).
        const uint32_t other_slot = three.shape.slots[1];
        cases.push_back(run_case(t1, {.name = "wrong_slot",
                                      .what = "Dogecoin's block in the slot of chain id 1",
                                      .tree = three,
                                      .slot = other_slot}));
    }
    {
        // The slots as if Dogecoin's chain id were 96 (96, 1 and 7 differ modulo 4 too): the
        // chain id enters the slot choice.
        auto shape = merged::aux_tree_shape(std::vector<int32_t>{96, 1, 7}, three.shape.height,
                                            three.shape.nonce);
        if (!shape) throw std::runtime_error(shape.error().message);
        const Tree wrong_id{three.chain_ids, *shape};
        cases.push_back(run_case(t1, {.name = "slot_of_other_chain_id",
                                      .what = "the tree placed as if Dogecoin's chain id were 96",
                                      .tree = wrong_id}));
    }
    cases.push_back(run_case(t1, {.name = "parent_has_our_chain_id",
                                  .what = "the parent header's version carries chain id 98",
                                  .tree = single,
                                  .parent_version = (kDogecoinChainId << 16) | 2}));
    cases.push_back(run_case(t1, {.name = "parent_pow_above_target",
                                  .what = "the parent header's scrypt hash is above the aux target",
                                  .tree = single,
                                  .meets_aux_target = false}));
    cases.push_back(
        run_case(t1, {.name = "wrong_aux_branch",
                      .what = "one bit flipped in the first hash of the aux branch",
                      .tree = three,
                      .mutate = [](merged::AuxPow& a) { a.aux_branch.at(0).data()[0] ^= 1; }}));
    cases.push_back(run_case(
        t1, {.name = "wrong_coinbase_branch",
             .what = "one bit flipped in the first hash of the parent coinbase branch",
             .tree = single,
             .mutate = [](merged::AuxPow& a) { a.coinbase_branch.at(0).data()[0] ^= 1; }}));
    cases.push_back(run_case(t1, {.name = "coinbase_index_not_zero",
                                  .what = "the AuxPoW says the coinbase is transaction 1",
                                  .tree = single,
                                  .mutate = [](merged::AuxPow& a) { a.coinbase_index = 1; }}));
    {
        json unknown = t1;
        unknown["hash"] = label_hash("a block dogecoind never handed out").display_hex();
        cases.push_back(run_case(unknown, {.name = "unknown_block_hash",
                                           .what = "an aux block hash the node never handed out",
                                           .tree = single}));
    }

    // The same aux block, now with a valid AuxPoW, then the same AuxPoW again.
    json accepted = run_case(t1, {.name = "single_chain_accepted",
                                  .what = "Dogecoin alone: a tree of 1, the root is the block hash",
                                  .tree = single,
                                  .submit_parent = true});
    out["resubmitted_accepted"] = submit_aux(t1.at("hash").get<std::string>(),
                                             *from_hex(accepted.at("auxpow").get<std::string>()));
    out["accepted_block"] = doge_.rpc("getblock", json::array({t1.at("hash"), true}));
    cases.push_back(accepted);

    add_parent_transactions(2);
    cases.push_back(run_case(create_aux_block(),
                             {.name = "three_chains_accepted",
                              .what = "Dogecoin with two other chain ids (1, 7) in a planned tree",
                              .tree = three,
                              .submit_parent = true}));
    {
        // Five chains (ids distinct modulo 8) in a tree of 8, with a nonce that puts Dogecoin in
        // an odd slot above 4: the branch is hashed on both sides.
        Tree eight{{kDogecoinChainId, 1, 7, 16, 43}, {}};
        for (uint32_t nonce = 0; eight.shape.slots.empty(); ++nonce) {
            auto shape = merged::plan_aux_tree(eight.chain_ids, nonce);
            if (!shape) throw std::runtime_error(shape.error().message);
            if (shape->height == 3 && shape->slots[0] % 2 == 1 && shape->slots[0] >= 5)
                eight.shape = *shape;
            if (nonce > 1000) throw std::runtime_error("no nonce puts Dogecoin in slot 5 or 7");
        }
        add_parent_transactions(1);
        cases.push_back(run_case(create_aux_block(),
                                 {.name = "eight_slots_accepted",
                                  .what = "five chains in a tree of 8, Dogecoin in slot 5 or 7",
                                  .tree = eight,
                                  .submit_parent = true}));
    }

    // An aux block whose parent is no longer the tip: the node still takes its AuxPoW (a side
    // branch), until a createauxblock call after the tip moved makes it forget the hash.
    {
        const json stale = create_aux_block();
        doge_.generate(1);
        json late = run_case(stale, {.name = "stale_after_tip_moved",
                                     .what = "submitted after another block became the tip",
                                     .tree = single,
                                     .submit_parent = true});
        cases.push_back(late);
        create_aux_block();
        out["stale_after_new_createauxblock"] = submit_aux(
            stale.at("hash").get<std::string>(), *from_hex(late.at("auxpow").get<std::string>()));
    }
    out["cases"] = cases;
    return out;
}

}  // namespace

json record_auxpow_cases(DogecoinRegtest& dogecoin, RegtestPair& litecoin) {
    return Recorder(dogecoin, litecoin).run();
}

}  // namespace viddhana::test
