#include "merged/aux_work.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "merged_vectors.h"

namespace viddhana::merged {
namespace {

using nlohmann::json;
using testing::hex;

const AuxChainParams& regtest() {
    return *find_aux_chain("dogecoin", chain::Network::regtest);
}

// The blocks a recorded case committed to: Dogecoin's from its createauxblock answer, the other
// chains' from their recorded leaves.
std::vector<AuxBlockTemplate> blocks_of(const json& c) {
    auto doge = parse_aux_block(c.at("aux_block"), regtest());
    EXPECT_TRUE(doge);
    std::vector<AuxBlockTemplate> blocks = {*doge};
    const auto& ids = c.at("tree").at("chain_ids");
    for (size_t i = 1; i < ids.size(); ++i) {
        AuxBlockTemplate other = *doge;
        other.chain_id = ids[i].get<int32_t>();
        other.hash = testing::internal_hash(c.at("tree").at("leaves")[i].get<std::string>());
        blocks.push_back(other);
    }
    return blocks;
}

chain::BlockHeader header_of(const json& c) {
    const Bytes raw = hex(c.at("parent").at("header").get<std::string>());
    EXPECT_EQ(raw.size(), 80u);
    return chain::BlockHeader::parse(std::span<const uint8_t, 80>(raw.data(), 80));
}

// The work for Dogecoin alone and for three chains gives the commitment found in the parent
// coinbases dogecoind accepted, and the very AuxPoW it accepted.
TEST(AuxWork, ReproducesWhatDogecoindAccepted) {
    for (const char* name : {"single_chain_accepted", "three_chains_accepted"}) {
        SCOPED_TRACE(name);
        const auto& c = testing::recorded_case(name);
        auto work = AuxWork::build(blocks_of(c));
        ASSERT_TRUE(work) << work.error().message;
        EXPECT_EQ(to_hex(work->commitment().root.bytes()), c.at("tree").at("root"));
        EXPECT_EQ(work->commitment().tree_size, 1u << c.at("tree").at("height").get<unsigned>());
        EXPECT_EQ(work->slot(0), c.at("dogecoin_slot").get<uint32_t>());

        const Bytes coinbase = hex(c.at("parent").at("coinbase").get<std::string>());
        const Bytes push = work->commitment().script_push();
        EXPECT_NE(std::search(coinbase.begin(), coinbase.end(), push.begin(), push.end()),
                  coinbase.end());
        std::vector<chain::Uint256> branch;
        for (const auto& h : c.at("parent").at("coinbase_branch"))
            branch.push_back(testing::internal_hash(h.get<std::string>()));
        auto auxpow = work->auxpow(0, coinbase, branch, header_of(c));
        ASSERT_TRUE(auxpow) << auxpow.error().message;
        EXPECT_EQ(to_hex(auxpow->serialize()), c.at("auxpow"));
        EXPECT_FALSE(
            work->auxpow(c.at("tree").at("chain_ids").size(), coinbase, branch, header_of(c)));
    }
}

TEST(AuxWork, RefusesWhatNoTreeCanHold) {
    EXPECT_FALSE(AuxWork::build({}));
    const auto& c = testing::recorded_case("single_chain_accepted");
    auto blocks = blocks_of(c);
    blocks.push_back(blocks[0]);  // two Dogecoin blocks
    auto twice = AuxWork::build(blocks);
    ASSERT_FALSE(twice);
    EXPECT_NE(twice.error().message.find("98 is listed twice"), std::string::npos);
}

}  // namespace
}  // namespace viddhana::merged
