// The share spool: record framing, CRC, and recovery from a torn tail after a crash.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "store/share_spool.h"
#include "store/spool_record.h"

namespace viddhana::store {
namespace {

namespace fs = std::filesystem;

class TempDir {
  public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "viddhana-spool-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

bus::ShareEvent sample(uint64_t seq) {
    bus::ShareEvent s;
    s.time_ms = 1'700'000'000'000 + static_cast<int64_t>(seq);
    s.login = "ltc1qminer" + std::to_string(seq % 3);
    s.worker = "rig" + std::to_string(seq % 2);
    s.difficulty = 1024.5;
    s.actual_difficulty = 5000.25;
    s.result = seq % 5 == 0 ? bus::ShareResult::stale : bus::ShareResult::accepted;
    s.height = 2'500'000;
    s.network_difficulty = 3.5e7;
    s.block_hash = seq == 7 ? "00000000abcdef" : "";
    s.ip = "10.0.0.1";
    s.node_id = 2;
    s.sequence = seq;
    return s;
}

void expect_same(const bus::ShareEvent& a, const bus::ShareEvent& b) {
    EXPECT_EQ(a.time_ms, b.time_ms);
    EXPECT_EQ(a.login, b.login);
    EXPECT_EQ(a.worker, b.worker);
    EXPECT_EQ(a.difficulty, b.difficulty);
    EXPECT_EQ(a.actual_difficulty, b.actual_difficulty);
    EXPECT_EQ(a.result, b.result);
    EXPECT_EQ(a.height, b.height);
    EXPECT_EQ(a.network_difficulty, b.network_difficulty);
    EXPECT_EQ(a.block_hash, b.block_hash);
    EXPECT_EQ(a.ip, b.ip);
    EXPECT_EQ(a.node_id, b.node_id);
    EXPECT_EQ(a.sequence, b.sequence);
}

TEST(SpoolRecord, ShareRoundTrips) {
    for (uint64_t seq : {1u, 5u, 7u}) {
        auto decoded = decode_share(encode_share(sample(seq)));
        ASSERT_TRUE(decoded.ok()) << decoded.error().message;
        expect_same(*decoded, sample(seq));
    }
}

TEST(SpoolRecord, DecodeRejectsTruncatedAndTrailingBytes) {
    auto bytes = encode_share(sample(1));
    auto cut = bytes;
    cut.pop_back();
    EXPECT_FALSE(decode_share(cut).ok());
    auto longer = bytes;
    longer.push_back(0);
    EXPECT_FALSE(decode_share(longer).ok());
    auto version = bytes;
    version[0] = 99;
    EXPECT_FALSE(decode_share(version).ok());
}

TEST(SpoolRecord, ScanStopsAtACorruptRecord) {
    std::vector<uint8_t> bytes;
    append_record(bytes, encode_share(sample(1)));
    size_t first_end = bytes.size();
    append_record(bytes, encode_share(sample(2)));
    append_record(bytes, encode_share(sample(3)));
    bytes[first_end + kSpoolRecordHeader + 3] ^= 0x40;  // flip a bit in record 2's payload
    SpoolScan scan = scan_records(bytes);
    EXPECT_EQ(scan.records.size(), 1u);
    EXPECT_EQ(scan.valid_bytes, first_end);
    EXPECT_TRUE(scan.damaged_tail);
}

TEST(ShareSpool, AppendsAndReadsBackInOrderAcrossReopen) {
    TempDir dir;
    fs::path file = dir.path() / "shares.spool";
    {
        ShareSpool spool(file);
        EXPECT_TRUE(spool.empty());
        std::vector<bus::ShareEvent> a{sample(1), sample(2)};
        std::vector<bus::ShareEvent> b{sample(3)};
        spool.append(a);
        spool.append(b);
        EXPECT_EQ(spool.record_count(), 3u);
    }
    ShareSpool reopened(file);
    EXPECT_EQ(reopened.record_count(), 3u);
    EXPECT_EQ(reopened.truncated_bytes(), 0u);
    auto all = reopened.read_all();
    ASSERT_EQ(all.size(), 3u);
    for (size_t i = 0; i < 3; ++i)
        expect_same(all[i], sample(i + 1));
}

TEST(ShareSpool, TornTailIsCutOffOnOpenAndAppendsContinue) {
    TempDir dir;
    fs::path file = dir.path() / "shares.spool";
    std::vector<bus::ShareEvent> two{sample(1), sample(2)};
    {
        ShareSpool spool(file);
        spool.append(two);
    }
    auto good_size = fs::file_size(file);
    {
        // A crash in the middle of writing the third record: its header and half its payload.
        std::vector<uint8_t> torn;
        append_record(torn, encode_share(sample(3)));
        torn.resize(kSpoolRecordHeader + (torn.size() - kSpoolRecordHeader) / 2);
        std::ofstream out(file, std::ios::binary | std::ios::app);
        out.write(reinterpret_cast<const char*>(torn.data()),
                  static_cast<std::streamsize>(torn.size()));
    }
    ASSERT_GT(fs::file_size(file), good_size);
    {
        ShareSpool spool(file);
        EXPECT_EQ(spool.record_count(), 2u);
        EXPECT_GT(spool.truncated_bytes(), 0u);
        EXPECT_EQ(fs::file_size(file), good_size);
        std::vector<bus::ShareEvent> next{sample(4)};
        spool.append(next);
    }
    ShareSpool spool(file);
    EXPECT_EQ(spool.truncated_bytes(), 0u);
    auto all = spool.read_all();
    ASSERT_EQ(all.size(), 3u);
    expect_same(all[0], sample(1));
    expect_same(all[1], sample(2));
    expect_same(all[2], sample(4));
}

TEST(ShareSpool, TornTailInsideTheLengthPrefixIsCutOff) {
    TempDir dir;
    fs::path file = dir.path() / "shares.spool";
    std::vector<bus::ShareEvent> one{sample(1)};
    {
        ShareSpool spool(file);
        spool.append(one);
    }
    auto good_size = fs::file_size(file);
    {
        std::ofstream out(file, std::ios::binary | std::ios::app);
        out.write("\x10\x00", 2);
    }
    ShareSpool spool(file);
    EXPECT_EQ(spool.truncated_bytes(), 2u);
    EXPECT_EQ(fs::file_size(file), good_size);
    EXPECT_EQ(spool.read_all().size(), 1u);
}

TEST(ShareSpool, ReplayHandsBatchesInOrderThenEmpties) {
    TempDir dir;
    ShareSpool spool(dir.path() / "s.spool");
    std::vector<bus::ShareEvent> five;
    for (uint64_t i = 1; i <= 5; ++i)
        five.push_back(sample(i));
    spool.append(five);
    std::vector<std::vector<uint64_t>> seen;
    size_t n = spool.replay(
        [&](std::span<const bus::ShareEvent> batch) {
            std::vector<uint64_t> seqs;
            for (const auto& s : batch)
                seqs.push_back(s.sequence);
            seen.push_back(seqs);
        },
        2);
    EXPECT_EQ(n, 5u);
    EXPECT_EQ(seen, (std::vector<std::vector<uint64_t>>{{1, 2}, {3, 4}, {5}}));
    EXPECT_TRUE(spool.empty());
    EXPECT_TRUE(spool.read_all().empty());
}

TEST(ShareSpool, FailedReplayKeepsEverything) {
    TempDir dir;
    ShareSpool spool(dir.path() / "s.spool");
    std::vector<bus::ShareEvent> three{sample(1), sample(2), sample(3)};
    spool.append(three);
    int calls = 0;
    EXPECT_THROW(spool.replay(
                     [&](std::span<const bus::ShareEvent>) {
                         if (++calls == 2) throw std::runtime_error("database down");
                     },
                     1),
                 std::runtime_error);
    EXPECT_EQ(spool.record_count(), 3u);
    EXPECT_EQ(spool.read_all().size(), 3u);
}

TEST(ShareSpool, RefusesAForeignFile) {
    TempDir dir;
    fs::path file = dir.path() / "not-a-spool";
    {
        std::ofstream out(file);
        out << "hello world, this is not a spool";
    }
    EXPECT_THROW(ShareSpool{file}, std::runtime_error);
}

}  // namespace
}  // namespace viddhana::store
