#include "merged/merged_mining_commitment.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "chain/transaction.h"
#include "merged_vectors.h"

namespace viddhana::merged {
namespace {

using testing::hex;

MergedMiningCommitment sample() {
    return MergedMiningCommitment{
        testing::display_hash("a1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00"),
        4, 0x01020304};
}

TEST(Commitment, Layout) {
    const auto bytes = sample().serialize();
    EXPECT_EQ(to_hex(bytes),
              "fabe6d6d"
              "a1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00"  // display order
              "04000000"                                                          // size, LE
              "04030201");                                                        // nonce, LE
    const Bytes push = sample().script_push();
    ASSERT_EQ(push.size(), 45u);
    EXPECT_EQ(push[0], 0x2c);  // a direct push of 44 bytes
    EXPECT_TRUE(std::equal(bytes.begin(), bytes.end(), push.begin() + 1));
}

TEST(Commitment, FoundInAScript) {
    Bytes script = hex("03a0bb0d");  // a height push
    const Bytes push = sample().script_push();
    script.insert(script.end(), push.begin(), push.end());
    script.insert(script.end(), {0x08, 1, 2, 3, 4, 5, 6, 7, 8});
    auto found = MergedMiningCommitment::find_in(script);
    ASSERT_TRUE(found) << found.error().message;
    EXPECT_EQ(*found, sample());
}

TEST(Commitment, RefusesWhatTheNodeRefuses) {
    EXPECT_FALSE(MergedMiningCommitment::find_in(hex("03a0bb0d0800000000000000")));
    Bytes twice = sample().script_push();
    const Bytes again = sample().script_push();
    twice.insert(twice.end(), again.begin(), again.end());
    auto two = MergedMiningCommitment::find_in(twice);
    ASSERT_FALSE(two);
    EXPECT_NE(two.error().message.find("two"), std::string::npos);
    const auto full = sample().serialize();
    auto cut = MergedMiningCommitment::find_in(std::span(full).first(43));
    ASSERT_FALSE(cut);
    EXPECT_NE(cut.error().message.find("39 bytes after the marker"), std::string::npos)
        << cut.error().message;
}

// The coinbases dogecoind accepted carry the commitment as this library writes it; for Dogecoin
// alone, the root is the block hash itself, in the byte order createauxblock shows it.
TEST(Commitment, AsInTheCoinbasesDogecoindAccepted) {
    int checked = 0;
    for (const auto& c : testing::dogecoin_recording().at("cases")) {
        if (c.at("submitauxblock") != true) continue;
        auto tx = chain::Transaction::parse(hex(c.at("parent").at("coinbase").get<std::string>()));
        ASSERT_TRUE(tx) << tx.error().message;
        const Bytes& script = tx->inputs.at(0).script_sig;
        const auto& tree = c.at("tree");
        const MergedMiningCommitment expected{
            testing::internal_hash(tree.at("root").get<std::string>()),
            uint32_t{1} << tree.at("height").get<unsigned>(), tree.at("nonce").get<uint32_t>()};
        const Bytes push = expected.script_push();
        EXPECT_NE(std::search(script.begin(), script.end(), push.begin(), push.end()), script.end())
            << c.at("name");
        auto found = MergedMiningCommitment::find_in(script);
        ASSERT_TRUE(found) << c.at("name");
        EXPECT_EQ(*found, expected) << c.at("name");
        if (tree.at("height") == 0) {
            const auto serialized = expected.serialize();
            EXPECT_EQ(to_hex(std::span(serialized).subspan(4, 32)),
                      c.at("aux_block").at("hash").get<std::string>());
        }
        ++checked;
    }
    EXPECT_GE(checked, 3);
}

}  // namespace
}  // namespace viddhana::merged
