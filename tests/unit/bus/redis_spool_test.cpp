// The publisher's spool: entries survive reopening in order, peeking consumes nothing, delivery
// marks resume where delivery stopped, a torn tail is cut off, a foreign or busy file is refused,
// and an earlier version's spool file is taken over from its last delivery mark. (The record
// log's own cases, a tail torn at every byte among them, are tests/unit/base/record_log_test.)
#include "bus/redis_spool.h"

#include "base/byte_writer.h"
#include "base/crc32.h"

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

TEST_F(PublishSpoolTest, EntriesSurviveReopeningInOrder) {
    auto e = entries(0, 20);
    {
        PublishSpool spool(path_);
        EXPECT_TRUE(spool.empty());
        EXPECT_TRUE(spool.peek(10, 1 << 20).empty());
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
        spool.peek(3, 1 << 20);
        spool.mark_delivered(3);
        spool.peek(5, 1 << 20);
        spool.mark_delivered(4);  // of the five sent, four reached Redis
        EXPECT_EQ(spool.undelivered(), 3u);
        EXPECT_EQ(spool.peek(10, 1 << 20), std::vector<std::string>(e.begin() + 7, e.end()));
    }
    PublishSpool spool(path_);
    EXPECT_EQ(spool.undelivered(), 3u);
    EXPECT_EQ(spool.peek(10, 1 << 20), std::vector<std::string>(e.begin() + 7, e.end()));
}

TEST_F(PublishSpoolTest, DeliveringEverythingEmptiesTheFile) {
    PublishSpool spool(path_);
    const auto empty_size = fs::file_size(path_);
    append(spool, entries(0, 5));
    spool.peek(2, 1 << 20);
    spool.mark_delivered(2);
    EXPECT_GT(fs::file_size(path_), empty_size);
    spool.peek(10, 1 << 20);
    spool.mark_delivered(3);
    EXPECT_TRUE(spool.empty());
    EXPECT_EQ(fs::file_size(path_), empty_size);
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
    // A crash in the middle of writing the last record: its last 3 bytes never reached the disk.
    fs::resize_file(path_, fs::file_size(path_) - 3);
    PublishSpool spool(path_);
    EXPECT_EQ(spool.undelivered(), 3u);
    EXPECT_GT(spool.truncated_bytes(), 0u);
    EXPECT_EQ(spool.peek(10, 1 << 20), std::vector<std::string>(e.begin(), e.begin() + 3));
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
        EXPECT_NE(std::string(e.what()).find("in use by another process"), std::string::npos);
    }
}

// A record of the earlier versions' spool: u8 type, u32 length, u32 CRC-32 of both and the
// payload, payload.
std::string legacy_record(uint8_t type, std::string_view payload) {
    std::string head;
    ByteWriter(head).u8(type).u32le(static_cast<uint32_t>(payload.size()));
    std::string out = head;
    ByteWriter(out).u32le(crc32(payload, crc32(head))).bytes(payload);
    return out;
}

TEST_F(PublishSpoolTest, TakesOverAnEarlierVersionsSpoolFromItsLastMark) {
    auto e = entries(0, 6);
    std::string file = "VDEVSPL1";
    std::vector<uint64_t> offsets;
    for (const auto& entry : e) {
        offsets.push_back(file.size());
        file += legacy_record(1, entry);
    }
    std::string mark;
    ByteWriter(mark).u64le(offsets[2]);  // the first two reached Redis
    file += legacy_record(2, mark);
    file += legacy_record(1, "torn").substr(0, 7);  // a crash mid-append
    std::ofstream(path_, std::ios::binary) << file;

    {
        PublishSpool spool(path_);
        EXPECT_FALSE(fs::exists(path_.string() + ".v1"));
        EXPECT_EQ(spool.truncated_bytes(), 7u);
        EXPECT_EQ(spool.undelivered(), 4u);
        EXPECT_EQ(spool.peek(10, 1 << 20), std::vector<std::string>(e.begin() + 2, e.end()));
    }
    // The file is the spool's own format now.
    PublishSpool spool(path_);
    EXPECT_EQ(spool.undelivered(), 4u);
}

}  // namespace
}  // namespace viddhana::bus
