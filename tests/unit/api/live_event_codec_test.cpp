// Live events between processes: what the ledger publishes is what an API node relays, and a
// message of any other shape is refused whole. Also a Stratum batch as live events.
#include "api/live_event_codec.h"

#include <gtest/gtest.h>

namespace viddhana::api {
namespace {

TEST(LiveEventCodec, RoundTrips) {
    std::vector<LiveEvent> events{
        {{"blocks", "miner:Q1"}, "block.found", {{"hash", "00ab"}, {"height", 7}}},
        {{"miner:Q2"}, "payment.sent", {{"amount", 125000}, {"txid", "ff"}}},
    };
    auto decoded = decode_live_events(encode_live_events(events));
    ASSERT_TRUE(decoded) << decoded.error().message;
    ASSERT_EQ(decoded->size(), 2u);
    for (size_t i = 0; i < events.size(); ++i) {
        EXPECT_EQ((*decoded)[i].channels, events[i].channels);
        EXPECT_EQ((*decoded)[i].type, events[i].type);
        EXPECT_EQ((*decoded)[i].data, events[i].data);
    }
}

TEST(LiveEventCodec, RefusesOtherShapesWhole) {
    for (const char* bad : {
             "not json",
             "[]",
             R"({"nothing":1})",
             R"({"events":{}})",
             R"({"events":[{"type":"x"}]})",
             R"({"events":[{"channels":[],"type":"x"}]})",
             R"({"events":[{"channels":["blocks"],"type":""}]})",
             R"({"events":[{"channels":["blocks"],"type":"ok"},{"channels":[5],"type":"x"}]})",
         }) {
        auto decoded = decode_live_events(bad);
        EXPECT_FALSE(decoded) << bad;
        if (!decoded) {
            EXPECT_NE(decoded.error().message.find("live events"), std::string::npos);
        }
    }
}

TEST(BatchEvents, AcceptedBlocksAndShareCountsOfWatchedMiners) {
    bus::EventBatch batch;
    bus::FoundBlock found;
    found.hash = "00cd";
    found.finder_login = "Q1";
    found.accepted = true;
    bus::FoundBlock refused = found;
    refused.hash = "00ce";
    refused.accepted = false;
    batch.blocks = {found, refused};
    for (auto [login, result] : std::vector<std::pair<std::string, bus::ShareResult>>{
             {"Q1", bus::ShareResult::accepted},
             {"Q1", bus::ShareResult::accepted},
             {"Q1", bus::ShareResult::stale},
             {"Q2", bus::ShareResult::accepted}}) {
        bus::ShareEvent s;
        s.login = login;
        s.result = result;
        batch.shares.push_back(s);
    }
    auto all = batch_events(batch);
    ASSERT_EQ(all.size(), 3u);  // one block (the refused one is no event), two miners
    EXPECT_EQ(all[0].type, "block.found");
    EXPECT_EQ(all[0].channels, (std::vector<std::string>{"blocks", "miner:Q1"}));
    EXPECT_EQ(all[1].type, "miner.shares");
    EXPECT_EQ(all[1].channels, std::vector<std::string>{"miner:Q1"});
    EXPECT_EQ(all[1].data, (nlohmann::json{{"accepted", 2}, {"rejected", 1}}));

    auto watched = batch_events(batch, [](const std::string& c) { return c == "miner:Q2"; });
    ASSERT_EQ(watched.size(), 2u);
    EXPECT_EQ(watched[1].channels, std::vector<std::string>{"miner:Q2"});
    EXPECT_EQ(watched[1].data, (nlohmann::json{{"accepted", 1}, {"rejected", 0}}));
}

}  // namespace
}  // namespace viddhana::api
