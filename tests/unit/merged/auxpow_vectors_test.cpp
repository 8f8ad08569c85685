// The AuxPoW cases recorded on a real dogecoind (tests/data/merged): the library builds the exact
// bytes dogecoind accepted, parses and re-serializes every recorded AuxPoW, and its own verdict
// agrees with the node's on every case, with the node's reason for each refusal.
#include <gtest/gtest.h>

#include "chain/block.h"
#include "chain/pow.h"
#include "merged/aux_block.h"
#include "merged/aux_chain.h"
#include "merged/aux_merkle_tree.h"
#include "merged/auxpow.h"
#include "merged/auxpow_check.h"
#include "merged_vectors.h"

namespace viddhana::merged {
namespace {

using nlohmann::json;
using testing::hex;

const AuxChainParams& regtest() {
    return *find_aux_chain("dogecoin", chain::Network::regtest);
}

bool node_accepted(const json& c) {
    return c.at("submitauxblock") == true;
}

TEST(AuxPowVectors, TheRecordingCoversAcceptedAndRefusedCases) {
    const auto& cases = testing::dogecoin_recording().at("cases");
    int accepted = 0, refused = 0;
    for (const auto& c : cases)
        (node_accepted(c) ? accepted : refused)++;
    EXPECT_GE(accepted, 3);
    EXPECT_GE(refused, 10);
}

TEST(AuxPowVectors, ParseAndSerializeRoundTrip) {
    for (const auto& c : testing::dogecoin_recording().at("cases")) {
        const Bytes raw = hex(c.at("auxpow").get<std::string>());
        auto parsed = AuxPow::parse(raw);
        ASSERT_TRUE(parsed) << c.at("name") << ": " << parsed.error().message;
        EXPECT_EQ(parsed->serialize(), raw) << c.at("name");
        EXPECT_EQ(to_hex(parsed->parent_coinbase), c.at("parent").at("coinbase"));
        EXPECT_EQ(to_hex(parsed->parent_header.serialize()), c.at("parent").at("header"));
    }
}

// The cases built without tampering are rebuilt here from their ingredients, byte for byte.
TEST(AuxPowVectors, TheLibraryBuildsTheRecordedBytes) {
    int rebuilt = 0;
    for (const auto& c : testing::dogecoin_recording().at("cases")) {
        if (c.at("mutated") == true) continue;
        const auto& t = c.at("tree");
        AuxTreeShape shape{t.at("height").get<unsigned>(), t.at("nonce").get<uint32_t>(),
                           t.at("slots").get<std::vector<uint32_t>>()};
        std::vector<chain::Uint256> leaves;
        for (const auto& h : t.at("leaves"))
            leaves.push_back(testing::internal_hash(h.get<std::string>()));
        auto aux = parse_aux_block(c.at("aux_block"), regtest());
        ASSERT_TRUE(aux) << aux.error().message;
        EXPECT_EQ(leaves.at(0), aux->hash) << c.at("name");
        auto tree = AuxMerkleTree::build(shape, leaves);
        ASSERT_TRUE(tree) << tree.error().message;
        EXPECT_EQ(to_hex(tree->root().bytes()), t.at("root")) << c.at("name");

        const Bytes header_bytes = hex(c.at("parent").at("header").get<std::string>());
        ASSERT_EQ(header_bytes.size(), 80u);
        const auto header = chain::BlockHeader::parse(std::span<const uint8_t, 80>(header_bytes));
        std::vector<chain::Uint256> branch;
        for (const auto& h : c.at("parent").at("coinbase_branch"))
            branch.push_back(testing::internal_hash(h.get<std::string>()));
        auto auxpow = make_auxpow(hex(c.at("parent").at("coinbase").get<std::string>()), branch,
                                  header, *tree, c.at("dogecoin_slot").get<uint32_t>());
        ASSERT_TRUE(auxpow) << auxpow.error().message;
        EXPECT_EQ(to_hex(auxpow->serialize()), c.at("auxpow")) << c.at("name");
        ++rebuilt;
    }
    EXPECT_GE(rebuilt, 8);
}

// dogecoind answers submitauxblock with a bare true or false and logs why it refused: the
// library's check gives the same verdict, and its reason is among the node's ERROR lines.
TEST(AuxPowVectors, TheCheckAgreesWithDogecoind) {
    chain::PowHasher hasher(chain::PowAlgorithm::scrypt);
    int compared = 0;
    for (const auto& c : testing::dogecoin_recording().at("cases")) {
        const json& verdict = c.at("submitauxblock");
        if (verdict.is_object()) continue;  // an RPC error: the node never judged the AuxPoW
        auto aux = parse_aux_block(c.at("aux_block"), regtest());
        ASSERT_TRUE(aux);
        auto auxpow = AuxPow::parse(hex(c.at("auxpow").get<std::string>()));
        ASSERT_TRUE(auxpow);
        auto refusal = check_auxpow(*auxpow, aux->hash, aux->bits, regtest(), hasher);
        if (verdict == true) {
            EXPECT_FALSE(refusal) << c.at("name") << ": " << refusal->message;
        } else {
            ASSERT_TRUE(refusal) << c.at("name") << " was refused by dogecoind";
            bool logged = false;
            for (const auto& line : c.at("debug_log"))
                logged =
                    logged || line.get<std::string>().find(refusal->message) != std::string::npos;
            EXPECT_TRUE(logged) << c.at("name") << ": \"" << refusal->message
                                << "\" not in dogecoind's log " << c.at("debug_log").dump();
        }
        ++compared;
    }
    EXPECT_GE(compared, 12);
}

TEST(AuxPowVectors, RefusalReasons) {
    // Each refusal for the reason it was built to show, as dogecoind logged it.
    const std::pair<const char*, const char*> expected[] = {
        {"missing_commitment", "Aux POW missing chain merkle root in parent coinbase"},
        {"two_commitments", "Multiple merged mining headers in coinbase"},
        {"marker_apart_from_root", "Merged mining header is not just before chain merkle root"},
        {"tree_size_mismatch", "Aux POW merkle branch size does not match parent coinbase"},
        {"wrong_slot", "Aux POW wrong index"},
        {"slot_of_other_chain_id", "Aux POW wrong index"},
        {"parent_has_our_chain_id", "Aux POW parent has our chain ID"},
        {"parent_pow_above_target", "AUX proof of work failed"},
        {"wrong_aux_branch", "Aux POW missing chain merkle root in parent coinbase"},
        {"wrong_coinbase_branch", "Aux POW merkle root incorrect"},
        {"coinbase_index_not_zero", "AuxPow is not a generate"},
    };
    for (const auto& [name, reason] : expected) {
        const auto& c = testing::recorded_case(name);
        EXPECT_EQ(c.at("submitauxblock"), false) << name;
        EXPECT_NE(c.at("debug_log").dump().find(reason), std::string::npos)
            << name << ": " << c.at("debug_log").dump();
    }
}

TEST(AuxPowVectors, WhatTheNodeSaysAroundSubmission) {
    const auto& rec = testing::dogecoin_recording();
    // A hash the node never handed out is an RPC error, not false.
    const auto& unknown = testing::recorded_case("unknown_block_hash").at("submitauxblock");
    ASSERT_TRUE(unknown.is_object());
    EXPECT_EQ(unknown.at("error").at("code"), -8);
    EXPECT_EQ(unknown.at("error").at("message"), "block hash unknown");
    // The refusals did not spoil the block: the same hash was accepted afterwards and became the
    // tip, and its parent was a valid Litecoin block (submitblock answered null).
    const auto& accepted = testing::recorded_case("single_chain_accepted");
    EXPECT_EQ(accepted.at("aux_block").at("hash"),
              testing::recorded_case("missing_commitment").at("aux_block").at("hash"));
    EXPECT_EQ(accepted.at("dogecoin_tip_is_block"), true);
    for (const char* name :
         {"single_chain_accepted", "three_chains_accepted", "eight_slots_accepted"}) {
        EXPECT_TRUE(testing::recorded_case(name).at("parent_submitblock").is_null()) << name;
    }
    // A stale aux block's AuxPoW is still taken (a side branch, not the tip) until a
    // createauxblock call after the tip moved makes the node forget the hash.
    const auto& stale = testing::recorded_case("stale_after_tip_moved");
    EXPECT_EQ(stale.at("submitauxblock"), true);
    EXPECT_EQ(stale.at("dogecoin_tip_is_block"), false);
    EXPECT_EQ(rec.at("stale_after_new_createauxblock").at("submitauxblock").at("error").at("code"),
              -8);
}

}  // namespace
}  // namespace viddhana::merged
