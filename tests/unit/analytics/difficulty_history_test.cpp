// Parsing the difficulty history files: the real Bitcoin and Litecoin epochs, per-block files, and
// every kind of malformed input rejected with the line that is wrong.
#include <gtest/gtest.h>

#include "analytics/difficulty_history.h"
#include "test_data.h"

namespace viddhana::analytics {
namespace {

TEST(DifficultyHistory, ReadsTheRealBitcoinEpochs) {
    auto h = load_difficulty_csv(testing::bitcoin_epochs_csv());
    ASSERT_TRUE(h) << h.error().message;
    ASSERT_EQ(h->size(), 355u);
    EXPECT_EQ(h->spacing, HistorySpacing::retarget_epochs);
    EXPECT_EQ(h->row_spacing_blocks, 2016);
    EXPECT_EQ(h->points.front().height, 2016);
    EXPECT_EQ(h->points.front().time_unix, 1233063531);
    EXPECT_EQ(h->points.front().bits, 0x1d00ffffu);
    EXPECT_DOUBLE_EQ(h->points.front().difficulty, 1.0);
    EXPECT_EQ(h->points.back().height, 715680);
    EXPECT_EQ(h->points.back().bits, 0x170b98abu);
}

TEST(DifficultyHistory, ReadsTheRealLitecoinEpochs) {
    auto h = load_difficulty_csv(testing::litecoin_epochs_csv());
    ASSERT_TRUE(h) << h.error().message;
    ASSERT_EQ(h->size(), 1083u);
    EXPECT_EQ(h->spacing, HistorySpacing::retarget_epochs);
    EXPECT_EQ(h->points.back().height, 2183328);
    EXPECT_NEAR(h->points.front().difficulty, 0.00024413713253701452, 1e-18);
}

TEST(DifficultyHistory, RowsNotOneEpochApartArePerRow) {
    auto h = load_difficulty_csv(testing::per_block_csv());
    ASSERT_TRUE(h) << h.error().message;
    EXPECT_EQ(h->spacing, HistorySpacing::per_row);
    EXPECT_EQ(h->row_spacing_blocks, 1);

    // 2016 apart but not on multiples of 2016: not retarget epochs either.
    auto shifted = parse_difficulty_csv(
        "height,time_unix,difficulty\n100,1000,1\n2116,2000,2\n4132,3000,3\n", "shifted");
    ASSERT_TRUE(shifted);
    EXPECT_EQ(shifted->spacing, HistorySpacing::per_row);
}

TEST(DifficultyHistory, ColumnsMayComeInAnyOrderAndExtrasAreIgnored) {
    auto h = parse_difficulty_csv(
        "note,difficulty,time_unix,height\nx,1.5,1000,2016\ny,2.5,2000,4032\nz,3,3000,6048\n",
        "inline");
    ASSERT_TRUE(h) << h.error().message;
    EXPECT_EQ(h->spacing, HistorySpacing::retarget_epochs);
    EXPECT_DOUBLE_EQ(h->points[1].difficulty, 2.5);
    EXPECT_EQ(h->points[2].time_unix, 3000);
}

struct BadCsv {
    const char* text;
    const char* message_part;
};

class DifficultyHistoryRejects : public ::testing::TestWithParam<BadCsv> {};

TEST_P(DifficultyHistoryRejects, WithAMessageNamingTheProblem) {
    auto h = parse_difficulty_csv(GetParam().text, "bad.csv");
    ASSERT_FALSE(h);
    EXPECT_NE(h.error().message.find(GetParam().message_part), std::string::npos)
        << h.error().message;
    EXPECT_NE(h.error().message.find("bad.csv"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DifficultyHistoryRejects,
    ::testing::Values(
        BadCsv{"", "no header"},
        BadCsv{"height,difficulty\n2016,1\n",
               "must name the columns height, time_unix and difficulty"},
        BadCsv{"height,time_unix,difficulty\n2016,1000,abc\n", "line 2: difficulty \"abc\""},
        BadCsv{"height,time_unix,difficulty\n2016,1000,-1\n", "line 2: difficulty \"-1\""},
        BadCsv{"height,time_unix,difficulty\n2016,1000,1\n20x6,1000,1\n",
               "line 3: height \"20x6\""},
        BadCsv{"height,time_unix,difficulty\n2016,1000,1\n4032,1000\n",
               "line 3: expected at least 3"},
        BadCsv{"height,time_unix,difficulty\n4032,1000,1\n2016,2000,1\n6048,3000,1\n",
               "line 3: height 2016 does not increase"},
        BadCsv{"height,time_unix,difficulty\n2016,1000,1\n4032,900,1\n6048,3000,1\n",
               "time_unix 900 does not increase"},
        BadCsv{"height,time_unix,bits_hex,difficulty\n2016,1000,1d00ff,1\n", "bits_hex \"1d00ff\""},
        BadCsv{"height,time_unix,difficulty\n2016,1000,1\n4032,2000,1\n", "2 data rows"}));

TEST(DifficultyHistory, MissingFileIsAnError) {
    auto h = load_difficulty_csv("/nonexistent/history.csv");
    ASSERT_FALSE(h);
    EXPECT_NE(h.error().message.find("cannot open"), std::string::npos);
}

}  // namespace
}  // namespace viddhana::analytics
