// Merged mining against a real dogecoind regtest node (VIDDHANA_DOGECOIND; skipped without it)
// and a litecoind regtest pair: the AuxPoW cases of tests/support/auxpow_recorder.h run live. Every
// AuxPoW the library builds honestly is accepted (and its parent block by litecoind), every
// tampered one refused, and the library's own check agrees with the node on each, reason included.
#include <gtest/gtest.h>

#include "chain/pow.h"
#include "merged/aux_block.h"
#include "merged/aux_chain.h"
#include "merged/auxpow.h"
#include "merged/auxpow_check.h"
#include "support/auxpow_recorder.h"
#include "support/dogecoin_regtest.h"
#include "support/regtest_pair.h"

namespace viddhana {
namespace {

using nlohmann::json;

TEST(MergedDogecoind, AuxPowCasesLive) {
    auto binary = test::DogecoinRegtest::binary();
    if (!binary) GTEST_SKIP() << "VIDDHANA_DOGECOIND is not set (docs/testing.md)";
    test::DogecoinRegtest dogecoin(*binary);
    test::RegtestPair litecoin;
    const json recording = test::record_auxpow_cases(dogecoin, litecoin);

    const auto& params = *merged::find_aux_chain("dogecoin", chain::Network::regtest);
    chain::PowHasher hasher(chain::PowAlgorithm::scrypt);
    int accepted = 0, refused = 0;
    for (const auto& c : recording.at("cases")) {
        SCOPED_TRACE(c.at("name").get<std::string>());
        const json& verdict = c.at("submitauxblock");
        if (verdict.is_object()) {
            // Only a hash the node never handed out is an RPC error.
            EXPECT_EQ(c.at("name"), "unknown_block_hash");
            EXPECT_EQ(verdict.at("error").at("code"), -8);
            continue;
        }
        auto aux = merged::parse_aux_block(c.at("aux_block"), params);
        ASSERT_TRUE(aux) << aux.error().message;
        auto auxpow = merged::AuxPow::parse(*from_hex(c.at("auxpow").get<std::string>()));
        ASSERT_TRUE(auxpow) << auxpow.error().message;
        auto refusal = merged::check_auxpow(*auxpow, aux->hash, aux->bits, params, hasher);
        if (verdict == true) {
            ++accepted;
            EXPECT_FALSE(refusal) << refusal->message;
            EXPECT_TRUE(c.at("parent_submitblock").is_null()) << c.at("parent_submitblock");
        } else {
            ++refused;
            ASSERT_TRUE(refusal);
            EXPECT_NE(c.at("debug_log").dump().find(refusal->message), std::string::npos)
                << refusal->message << " not in " << c.at("debug_log").dump();
        }
    }
    EXPECT_EQ(accepted, 4);  // one chain, three chains, eight slots, and the stale block
    EXPECT_EQ(refused, 11);
    EXPECT_EQ(
        recording.at("stale_after_new_createauxblock").at("submitauxblock").at("error").at("code"),
        -8);
}

}  // namespace
}  // namespace viddhana
