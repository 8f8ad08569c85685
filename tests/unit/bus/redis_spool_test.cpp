// The publisher's spool file: entries survive reopening in order, delivery marks resume where
// delivery stopped, a torn or corrupt tail is cut off, and a foreign or busy file is refused.
#include "bus/redis_spool.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace viddhana::bus {
namespace {

namespace fs = std::filesystem;

class PublishSpoolTest : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "viddhana-spool-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
        path_ = dir_ / "events.spool";
    }
    void TearDown() override { fs::remove_all(dir_); }

    static std::vector<std::string_view> views(const std::vector<std::string>& v) {
        return {v.begin(), v.end()};
    }
    std::vector<std::string> entries(int from, int n) {
        std::vector<std::string> out;
        for (int i = from; i < from + n; ++i)
            out.push_back("entry-" + std::to_string(i) + std::string(i % 5, 'x'));
        return out;
    }
    void append(PublishSpool& spool, const std::vector<std::string>& e) {
        auto v = views(e);
        spool.append(v);
    }

    fs::path dir_;
    fs::path path_;
};

TEST_F(PublishSpoolTest, NewFileHoldsOnlyItsMagic) {
    PublishSpool spool(path_);
    EXPECT_TRUE(spool.empty());
    EXPECT_EQ(fs::file_size(path_), 8u);
    EXPECT_TRUE(spool.peek(10, 1 << 20).empty());
}

TEST_F(PublishSpoolTest, EntriesSurviveReopeningInOrder) {
    auto e = entries(0, 20);
    {
        PublishSpool spool(path_);
        append(spool, std::vector<std::string>(e.begin(), e.begin() + 7));
        append(spool, std::vector<std::string>(e.begin() + 7, e.end()));
        EXPECT_EQ(spool.undelivered(), 20u);
    }
    PublishSpool spool(path_);
    EXPECT_EQ(spool.truncated_bytes(), 0u);
    EXPECT_EQ(spool.undelivered(), 20u);
    EXPECT_EQ(spool.peek(100, 1 << 20), e);
}

TEST_F(PublishSpoolTest, PeekStopsAtTheEntryAndByteLimitsButReturnsAtLeastOne) {
    PublishSpool spool(path_);
    std::vector<std::string> e{std::string(100, 'a'), std::string(100, 'b'), std::string(100, 'c')};
    append(spool, e);
    EXPECT_EQ(spool.peek(2, 1 << 20).size(), 2u);
    EXPECT_EQ(spool.peek(10, 250).size(), 2u);
    auto one = spool.peek(10, 10);
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one[0], e[0]);
    EXPECT_EQ(spool.undelivered(), 3u);  // peeking consumes nothing
}

TEST_F(PublishSpoolTest, DeliveryMarksResumeAfterReopening) {
    auto e = entries(0, 10);
    {
        PublishSpool spool(path_);
        append(spool, e);
        spool.mark_delivered(3);
        spool.mark_delivered(4);
        EXPECT_EQ(spool.undelivered(), 3u);
        EXPECT_EQ(spool.peek(10, 1 << 20), std::vector<std::string>(e.begin() + 7, e.end()));
    }
    PublishSpool spool(path_);
    EXPECT_EQ(spool.undelivered(), 3u);
    EXPECT_EQ(spool.peek(10, 1 << 20), std::vector<std::string>(e.begin() + 7, e.end()));
}

TEST_F(PublishSpoolTest, DeliveringEverythingEmptiesTheFile) {
    PublishSpool spool(path_);
    append(spool, entries(0, 5));
    spool.mark_delivered(2);
    EXPECT_GT(fs::file_size(path_), 8u);
    spool.mark_delivered(3);
    EXPECT_TRUE(spool.empty());
    EXPECT_EQ(fs::file_size(path_), 8u);
    // and it is usable afterwards
    auto more = entries(100, 2);
    append(spool, more);
    EXPECT_EQ(spool.peek(10, 1 << 20), more);
}

TEST_F(PublishSpoolTest, ATornTailRecordIsDropped) {
    auto e = entries(0, 4);
    {
        PublishSpool spool(path_);
        append(spool, e);
    }
    auto full = fs::file_size(path_);
    // A crash in the middle of writing the last record: its last 3 bytes never reached the disk.
    fs::resize_file(path_, full - 3);
    PublishSpool spool(path_);
    EXPECT_EQ(spool.undelivered(), 3u);
    EXPECT_EQ(spool.truncated_bytes(), 9 + e[3].size() - 3);
    EXPECT_EQ(spool.peek(10, 1 << 20), std::vector<std::string>(e.begin(), e.begin() + 3));
    EXPECT_EQ(fs::file_size(path_), full - 9 - e[3].size());
}

TEST_F(PublishSpoolTest, ATornHeaderIsDropped) {
    auto e = entries(0, 2);
    {
        PublishSpool spool(path_);
        append(spool, e);
    }
    {
        std::ofstream f(path_, std::ios::binary | std::ios::app);
        f.write("\x01\x05", 2);  // the start of a third record's header
    }
    PublishSpool spool(path_);
    EXPECT_EQ(spool.truncated_bytes(), 2u);
    EXPECT_EQ(spool.peek(10, 1 << 20), e);
}

TEST_F(PublishSpoolTest, ACorruptRecordCutsTheFileThere) {
    auto e = entries(0, 3);
    {
        PublishSpool spool(path_);
        append(spool, e);
    }
    // Flip one payload byte of the second record: its CRC no longer matches.
    uint64_t second = 8 + 9 + e[0].size();
    {
        std::fstream f(path_, std::ios::binary | std::ios::in | std::ios::out);
        f.seekp(static_cast<std::streamoff>(second + 9 + 2));
        f.put('#');
    }
    PublishSpool spool(path_);
    EXPECT_EQ(spool.undelivered(), 1u);
    EXPECT_EQ(spool.truncated_bytes(), 9 + e[1].size() + 9 + e[2].size());
    EXPECT_EQ(spool.peek(10, 1 << 20), std::vector<std::string>{e[0]});
}

TEST_F(PublishSpoolTest, AnAbsurdLengthIsTreatedAsDamage) {
    {
        PublishSpool spool(path_);
        append(spool, entries(0, 1));
    }
    {
        std::ofstream f(path_, std::ios::binary | std::ios::app);
        const char header[9] = {1, '\xff', '\xff', '\xff', '\x7f', 0, 0, 0, 0};
        f.write(header, 9);
    }
    PublishSpool spool(path_);
    EXPECT_EQ(spool.undelivered(), 1u);
    EXPECT_EQ(spool.truncated_bytes(), 9u);
}

TEST_F(PublishSpoolTest, ATornCreationStartsAfresh) {
    {
        std::ofstream f(path_, std::ios::binary);
        f.write("VDEV", 4);
    }
    PublishSpool spool(path_);
    EXPECT_TRUE(spool.empty());
    EXPECT_EQ(spool.truncated_bytes(), 4u);
    EXPECT_EQ(fs::file_size(path_), 8u);
}

TEST_F(PublishSpoolTest, RefusesAForeignFile) {
    {
        std::ofstream f(path_, std::ios::binary);
        f << "this is not a spool";
    }
    EXPECT_THROW(PublishSpool spool(path_), std::runtime_error);
    EXPECT_EQ(fs::file_size(path_), 19u);  // left alone
}

TEST_F(PublishSpoolTest, RefusesASecondOwner) {
    PublishSpool first(path_);
    try {
        PublishSpool second(path_);
        FAIL() << "a second owner opened the spool";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("in use by another publisher"), std::string::npos);
    }
}

}  // namespace
}  // namespace viddhana::bus
