// The record log: entries survive reopening in order, reading is bounded, a delivery mark makes a
// replay after a failure continue where it stopped, delivered entries are compacted away, a torn
// last record (cut at every byte offset) is dropped, a damaged record in the middle is set aside,
// and a foreign, differently tagged or busy file is refused.
#include "base/record_log.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace viddhana {
namespace {

namespace fs = std::filesystem;

class RecordLogTest : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "viddhana-log-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
        path_ = dir_ / "events.log";
    }
    void TearDown() override { fs::remove_all(dir_); }

    RecordLogOptions options(uint64_t compact_bytes = 64u << 20) const {
        RecordLogOptions o;
        o.tag = "test entries";
        o.compact_bytes = compact_bytes;
        return o;
    }
    static std::vector<std::string> entries(int from, int n) {
        std::vector<std::string> out;
        for (int i = from; i < from + n; ++i)
            out.push_back("entry-" + std::to_string(i) + std::string(i % 7, 'x'));
        return out;
    }
    static void append(RecordLog& log, const std::vector<std::string>& e) {
        std::vector<std::string_view> v(e.begin(), e.end());
        log.append(v);
    }
    static std::vector<std::string> read_all(RecordLog& log) {
        std::vector<std::string> out;
        for (;;) {
            auto chunk = log.read(3, 1 << 20);
            if (chunk.empty()) return out;
            out.insert(out.end(), chunk.begin(), chunk.end());
        }
    }
    std::string file_bytes() const {
        std::ifstream in(path_, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
    void write_file(const std::string& bytes) const {
        std::ofstream out(path_, std::ios::binary | std::ios::trunc);
        out << bytes;
    }

    fs::path dir_;
    fs::path path_;
};

TEST_F(RecordLogTest, NewFileHoldsOnlyItsHeader) {
    RecordLog log(path_, options());
    EXPECT_TRUE(log.empty());
    EXPECT_EQ(fs::file_size(path_), 8u + 4 + std::string("test entries").size() + 4);
    EXPECT_TRUE(log.read(10, 1 << 20).empty());
}

TEST_F(RecordLogTest, EntriesSurviveReopeningInOrder) {
    auto e = entries(0, 20);
    {
        RecordLog log(path_, options());
        append(log, std::vector<std::string>(e.begin(), e.begin() + 7));
        append(log, std::vector<std::string>(e.begin() + 7, e.end()));
        EXPECT_EQ(log.undelivered(), 20u);
    }
    RecordLog log(path_, options());
    EXPECT_EQ(log.truncated_bytes(), 0u);
    EXPECT_EQ(log.undelivered(), 20u);
    EXPECT_EQ(read_all(log), e);
}

TEST_F(RecordLogTest, ReadStopsAtTheEntryAndByteLimitsButReturnsAtLeastOne) {
    RecordLog log(path_, options());
    std::vector<std::string> e{std::string(100, 'a'), std::string(100, 'b'), std::string(100, 'c'),
                               std::string(100, 'd')};
    append(log, e);
    EXPECT_EQ(log.read(2, 1 << 20), std::vector<std::string>(e.begin(), e.begin() + 2));
    EXPECT_EQ(log.read(10, 10), std::vector<std::string>{e[2]});  // one, though over the bytes
    log.rewind();
    EXPECT_EQ(log.read(10, 250).size(), 2u);
    EXPECT_EQ(log.undelivered(), 4u);  // reading consumes nothing
}

TEST_F(RecordLogTest, AMarkMakesAReplayContinueWhereItStopped) {
    auto e = entries(0, 10);
    {
        RecordLog log(path_, options());
        append(log, e);
        ASSERT_EQ(log.read(5, 1 << 20).size(), 5u);
        log.mark_delivered(3);  // the fourth failed
        EXPECT_EQ(log.undelivered(), 7u);
        log.rewind();
        EXPECT_EQ(log.read(1, 1 << 20), std::vector<std::string>{e[3]});
    }
    RecordLog log(path_, options());
    EXPECT_EQ(log.undelivered(), 7u);
    EXPECT_EQ(read_all(log), std::vector<std::string>(e.begin() + 3, e.end()));
}

TEST_F(RecordLogTest, MarksAndNewEntriesInterleave) {
    RecordLog log(path_, options());
    append(log, entries(0, 4));
    log.read(2, 1 << 20);
    log.mark_delivered(2);
    append(log, entries(4, 3));
    log.read(1, 1 << 20);
    log.mark_delivered(1);
    append(log, entries(7, 1));
    EXPECT_EQ(read_all(log), entries(3, 5));
}

TEST_F(RecordLogTest, InterleavedMarksReopenAtTheLastOne) {
    {
        RecordLog log(path_, options());
        append(log, entries(0, 4));
        log.read(2, 1 << 20);
        log.mark_delivered(2);
        append(log, entries(4, 3));
        log.read(1, 1 << 20);
        log.mark_delivered(1);
    }
    RecordLog log(path_, options());
    EXPECT_EQ(log.undelivered(), 4u);
    EXPECT_EQ(read_all(log), entries(3, 4));
}

TEST_F(RecordLogTest, DeliveringEverythingCutsTheFileBackToItsHeader) {
    RecordLog log(path_, options());
    const auto header = log.file_size();
    append(log, entries(0, 5));
    EXPECT_GT(fs::file_size(path_), header);
    EXPECT_EQ(read_all(log).size(), 5u);
    log.mark_delivered(5);
    EXPECT_TRUE(log.empty());
    EXPECT_EQ(fs::file_size(path_), header);
    append(log, entries(5, 1));
    EXPECT_EQ(read_all(log), entries(5, 1));
}

TEST_F(RecordLogTest, ADeliveredPrefixIsCompactedAwayAndReadsCarryOn) {
    auto e = entries(0, 100);
    RecordLog log(path_, options(/*compact_bytes=*/200));
    append(log, e);
    const auto full = fs::file_size(path_);
    ASSERT_EQ(log.read(70, 1 << 20).size(), 70u);
    log.mark_delivered(60);  // 60 delivered, 10 read but not marked
    EXPECT_EQ(log.compactions(), 1u);
    EXPECT_LT(fs::file_size(path_), full / 2);
    EXPECT_EQ(log.undelivered(), 40u);
    // The ten read before the compaction can still be marked, and reading carries on after them.
    log.mark_delivered(10);
    EXPECT_EQ(read_all(log), std::vector<std::string>(e.begin() + 70, e.end()));
    log.rewind();
    EXPECT_EQ(read_all(log), std::vector<std::string>(e.begin() + 70, e.end()));
}

TEST_F(RecordLogTest, CompactedFileReopensWithTheUndeliveredEntries) {
    auto e = entries(0, 50);
    {
        RecordLog log(path_, options(/*compact_bytes=*/100));
        append(log, e);
        log.read(40, 1 << 20);
        log.mark_delivered(40);
        ASSERT_GE(log.compactions(), 1u);
    }
    EXPECT_FALSE(fs::exists(path_.string() + ".compact"));
    RecordLog log(path_, options());
    EXPECT_EQ(log.undelivered(), 10u);
    EXPECT_EQ(read_all(log), std::vector<std::string>(e.begin() + 40, e.end()));
}

TEST_F(RecordLogTest, ATornRecordIsDroppedAtEveryByteOffset) {
    auto e = entries(0, 6);
    {
        RecordLog log(path_, options());
        append(log, e);
    }
    const std::string whole = file_bytes();
    // Where each record starts: the header, then 9 bytes of frame and the payload.
    std::vector<size_t> starts;
    size_t pos = whole.size();
    for (auto it = e.rbegin(); it != e.rend(); ++it) {
        pos -= RecordLog::kRecordHeader + it->size();
        starts.insert(starts.begin(), pos);
    }
    starts.push_back(whole.size());
    for (size_t r = 0; r < e.size(); ++r) {
        for (size_t cut = starts[r] + 1; cut < starts[r + 1]; ++cut) {
            write_file(whole.substr(0, cut));
            RecordLog log(path_, options());
            ASSERT_EQ(log.truncated_bytes(), cut - starts[r]) << "record " << r << " cut " << cut;
            ASSERT_EQ(log.undelivered(), r) << "cut " << cut;
            ASSERT_EQ(fs::file_size(path_), starts[r]);
            ASSERT_EQ(read_all(log), std::vector<std::string>(e.begin(), e.begin() + r));
            // The log takes new entries after the cut.
            log.append("next");
            log.rewind();
            auto all = read_all(log);
            ASSERT_EQ(all.back(), "next");
        }
    }
}

TEST_F(RecordLogTest, ATornHeaderStartsTheLogAfresh) {
    { RecordLog log(path_, options()); }
    const std::string whole = file_bytes();
    for (size_t cut = 1; cut < whole.size(); ++cut) {
        write_file(whole.substr(0, cut));
        RecordLog log(path_, options());
        EXPECT_EQ(log.truncated_bytes(), cut);
        EXPECT_TRUE(log.empty());
        EXPECT_EQ(file_bytes(), whole);
    }
}

TEST_F(RecordLogTest, ADamagedRecordInTheMiddleIsSetAsideAndTheRestKept) {
    auto e = entries(0, 5);
    {
        RecordLog log(path_, options());
        append(log, e);
    }
    std::string bytes = file_bytes();
    // Flip a payload byte of the third record.
    size_t header = 8 + 4 + std::string("test entries").size() + 4;
    size_t third = header;
    for (int i = 0; i < 2; ++i)
        third += RecordLog::kRecordHeader + e[i].size();
    bytes[third + RecordLog::kRecordHeader + 1] ^= 0x40;
    write_file(bytes);
    RecordLog log(path_, options());
    EXPECT_EQ(log.damaged_records(), 1u);
    EXPECT_EQ(log.truncated_bytes(), 0u);
    EXPECT_EQ(log.undelivered(), 4u);
    EXPECT_EQ(read_all(log), (std::vector<std::string>{e[0], e[1], e[3], e[4]}));
    EXPECT_TRUE(fs::exists(path_.string() + ".damaged"));
    EXPECT_EQ(fs::file_size(path_.string() + ".damaged"), RecordLog::kRecordHeader + e[2].size());
}

TEST_F(RecordLogTest, AForeignFileIsRefusedAndLeftAlone) {
    write_file("hello, world: not a log");
    EXPECT_THROW(RecordLog(path_, options()), std::runtime_error);
    EXPECT_EQ(file_bytes(), "hello, world: not a log");
}

TEST_F(RecordLogTest, ALogOfAnotherKindIsRefusedByName) {
    {
        RecordLogOptions o;
        o.tag = "found blocks";
        RecordLog log(path_, o);
    }
    try {
        RecordLog log(path_, options());
        FAIL() << "opened a log of another kind";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("\"found blocks\""), std::string::npos) << e.what();
    }
}

TEST_F(RecordLogTest, OneWriterAtATime) {
    RecordLog log(path_, options());
    EXPECT_THROW(RecordLog(path_, options()), std::runtime_error);
}

TEST_F(RecordLogTest, PageCacheOnlyLogsKeepTheirEntriesAcrossReopening) {
    auto o = options();
    o.sync = false;
    {
        RecordLog log(path_, o);
        append(log, entries(0, 3));
        log.read(1, 100);
        log.mark_delivered(1);
    }
    RecordLog log(path_, o);
    EXPECT_EQ(read_all(log), entries(1, 2));
}

}  // namespace
}  // namespace viddhana
