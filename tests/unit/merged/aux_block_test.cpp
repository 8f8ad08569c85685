#include "merged/aux_block.h"

#include <gtest/gtest.h>

#include "merged_vectors.h"

namespace viddhana::merged {
namespace {

using nlohmann::json;

const AuxChainParams& regtest() {
    return *find_aux_chain("dogecoin", chain::Network::regtest);
}

const json& first_answer() {
    return testing::dogecoin_recording().at("createauxblock").at("first_answer");
}

TEST(AuxBlock, ParsesDogecoindsAnswers) {
    int parsed = 0;
    for (const auto& c : testing::dogecoin_recording().at("cases")) {
        const json& answer = c.at("aux_block");
        auto t = parse_aux_block(answer, regtest());
        ASSERT_TRUE(t) << t.error().message;
        EXPECT_EQ(t->hash.display_hex(), answer.at("hash"));
        EXPECT_EQ(t->hash_hex, answer.at("hash"));
        EXPECT_EQ(t->chain_id, 98);
        EXPECT_EQ(t->height, answer.at("height").get<int64_t>());
        EXPECT_EQ(t->coinbase_value, answer.at("coinbasevalue").get<int64_t>());
        EXPECT_EQ(t->bits, 0x207fffffu);
        EXPECT_EQ(t->target, *chain::Uint256::from_compact(0x207fffff));
        ++parsed;
    }
    EXPECT_GE(parsed, 10);
}

TEST(AuxBlock, TheFirstAnswerComesAtTheAuxPowStart) {
    const auto& create = testing::dogecoin_recording().at("createauxblock");
    // The node answers once the next block may carry AuxPoW (height 20 on regtest).
    EXPECT_EQ(create.at("first_answer").at("height").get<int64_t>(), regtest().auxpow_start_height);
    ASSERT_FALSE(create.at("refused_before_auxpow_start").empty());
    EXPECT_TRUE(parse_aux_block(first_answer(), regtest()));
    json early = first_answer();
    early["height"] = regtest().auxpow_start_height - 1;
    auto refused = parse_aux_block(early, regtest());
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("before dogecoin's AuxPoW start"), std::string::npos);
}

TEST(AuxBlock, NamesTheBadField) {
    struct Case {
        const char* field;
        json value;  // null: removed
        const char* message;
    };
    const Case cases[] = {
        {"hash", nullptr, "hash missing"},
        {"hash", "12ab", "hash is not a 64-digit hex hash"},
        {"chainid", 1, "chainid 1 is not dogecoin's 98"},
        {"chainid", "98", "chainid missing or not an integer"},
        {"previousblockhash", nullptr, "previousblockhash missing"},
        {"coinbasevalue", 0, "coinbasevalue must be positive"},
        {"bits", "207fff", "bits missing or not 8 hex digits"},
        {"bits", "00000000", "bits 00000000 is not a valid target"},
        {"bits", "1e0fffff", "target does not match bits 1e0fffff"},
        {"target", nullptr, "target missing"},
        {"target", "00", "target is not 64 hex digits"},
    };
    for (const Case& c : cases) {
        json answer = first_answer();
        if (c.value.is_null()) {
            answer.erase(c.field);
        } else {
            answer[c.field] = c.value;
        }
        auto t = parse_aux_block(answer, regtest());
        ASSERT_FALSE(t) << c.field;
        EXPECT_EQ(t.error().message, c.message);
    }
    EXPECT_FALSE(parse_aux_block(json::array(), regtest()));
}

TEST(AuxBlock, AcceptsNamecoinsTargetName) {
    json answer = first_answer();
    answer["_target"] = answer.at("target");
    answer.erase("target");
    auto t = parse_aux_block(answer, regtest());
    ASSERT_TRUE(t) << t.error().message;
    EXPECT_EQ(t->target, *chain::Uint256::from_compact(0x207fffff));
}

TEST(AuxBlock, TheSameBlockUntilTheTipMoves) {
    const auto& create = testing::dogecoin_recording().at("createauxblock");
    EXPECT_EQ(create.at("same_address_same_block"), true);
    EXPECT_EQ(create.at("other_address_other_block"), true);
    auto a =
        parse_aux_block(testing::recorded_case("missing_commitment").at("aux_block"), regtest());
    auto b =
        parse_aux_block(testing::recorded_case("three_chains_accepted").at("aux_block"), regtest());
    ASSERT_TRUE(a && b);
    EXPECT_TRUE(same_aux_block(*a, *a));
    EXPECT_FALSE(same_aux_block(*a, *b));
}

}  // namespace
}  // namespace viddhana::merged
