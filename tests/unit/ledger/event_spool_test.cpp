// The ledger's event spool: batches survive a restart in order, a replay hands the store bounded
// chunks and continues where a failed one stopped, a record that no longer decodes is handed to
// the caller with the reason and skipped, and the spool files of earlier versions (the binary
// share spool and the block spool's JSON lines) are taken over, a torn last record dropped.
#include "ledger/event_spool.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "base/byte_writer.h"
#include "base/crc32.h"

namespace viddhana::ledger {
namespace {

namespace fs = std::filesystem;

bus::ShareEvent share(uint64_t sequence) {
    bus::ShareEvent s;
    s.node_id = 2;
    s.sequence = sequence;
    s.time_ms = 1'700'000'000'000 + static_cast<int64_t>(sequence);
    s.login = "ltc1qminer";
    s.worker = "rig" + std::to_string(sequence % 3);
    s.difficulty = 16;
    s.actual_difficulty = 20.5;
    s.result = bus::ShareResult::accepted;
    s.height = 500;
    s.network_difficulty = 1234.5;
    s.ip = "192.0.2.7";
    return s;
}

bus::EventBatch batch(uint64_t first, size_t n) {
    bus::EventBatch b;
    for (uint64_t i = first; i < first + n; ++i)
        b.shares.push_back(share(i));
    return b;
}

std::vector<uint64_t> sequences(const bus::EventBatch& b) {
    std::vector<uint64_t> out;
    for (const auto& s : b.shares)
        out.push_back(s.sequence);
    return out;
}

std::vector<uint64_t> range(uint64_t first, uint64_t last) {
    std::vector<uint64_t> out;
    for (uint64_t i = first; i <= last; ++i)
        out.push_back(i);
    return out;
}

class EventSpoolTest : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "viddhana-spool-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
        path_ = dir_ / "ledger-spool.bin";
    }
    void TearDown() override { fs::remove_all(dir_); }

    static void never_undecodable(std::string_view, const std::string& why) {
        FAIL() << "unexpected undecodable record: " << why;
    }
    // Replays everything, one chunk per call; the sequences of each chunk.
    static std::vector<std::vector<uint64_t>> replay_all(EventSpool& spool,
                                                         SpoolReplayLimits limits) {
        std::vector<std::vector<uint64_t>> chunks;
        while (!spool.empty()) {
            size_t n = spool.replay_chunk(
                [&](const bus::EventBatch& b) { chunks.push_back(sequences(b)); },
                never_undecodable, limits);
            if (n == 0) break;
        }
        return chunks;
    }

    fs::path dir_;
    fs::path path_;
};

TEST_F(EventSpoolTest, BatchesSurviveReopeningAndReplayInBoundedChunksInOrder) {
    {
        EventSpool spool(path_);
        for (uint64_t i = 0; i < 5; ++i)
            spool.append(batch(i * 10 + 1, 10));
        EXPECT_EQ(spool.batches(), 5u);
    }
    EventSpool spool(path_);
    EXPECT_EQ(spool.batches(), 5u);
    auto chunks = replay_all(spool, {2, 1u << 20});
    ASSERT_EQ(chunks.size(), 3u);  // 2 + 2 + 1 batches
    EXPECT_EQ(chunks[0], range(1, 20));
    EXPECT_EQ(chunks[1], range(21, 40));
    EXPECT_EQ(chunks[2], range(41, 50));
    EXPECT_TRUE(spool.empty());
    EXPECT_EQ(spool.bytes(), 0u);
}

TEST_F(EventSpoolTest, AChunkIsAtLeastOneBatchAndStopsAtTheByteLimit) {
    EventSpool spool(path_);
    spool.append(batch(1, 100));
    spool.append(batch(101, 100));
    // A byte limit smaller than one batch still delivers one batch per chunk.
    auto chunks = replay_all(spool, {256, 16});
    ASSERT_EQ(chunks.size(), 2u);
    EXPECT_EQ(chunks[0], range(1, 100));
    EXPECT_EQ(chunks[1], range(101, 200));
}

TEST_F(EventSpoolTest, AFailedChunkIsReplayedAgainAndTheRestContinuesFromThere) {
    {
        EventSpool spool(path_);
        for (uint64_t i = 0; i < 4; ++i)
            spool.append(batch(i * 5 + 1, 5));
        // The first chunk reaches the store; the second fails (the database went away again).
        EXPECT_EQ(
            spool.replay_chunk([](const bus::EventBatch&) {}, never_undecodable, {1, 1u << 20}),
            1u);
        EXPECT_THROW(spool.replay_chunk(
                         [](const bus::EventBatch&) { throw std::runtime_error("store down"); },
                         never_undecodable, {1, 1u << 20}),
                     std::runtime_error);
        EXPECT_EQ(spool.batches(), 3u);
    }
    // After a restart too, delivery continues after the first batch, not from the start.
    EventSpool spool(path_);
    EXPECT_EQ(spool.batches(), 3u);
    auto chunks = replay_all(spool, {8, 1u << 20});
    ASSERT_EQ(chunks.size(), 1u);
    EXPECT_EQ(chunks[0], range(6, 20));
}

TEST_F(EventSpoolTest, ARecordThatNoLongerDecodesIsHandedOverWithItsReasonAndSkipped) {
    {
        RecordLogOptions o;
        o.tag = "ledger events";
        RecordLog log(path_, o);
        log.append(std::string_view("not an event batch"));
    }
    EventSpool spool(path_);
    spool.append(batch(1, 3));
    std::vector<std::string> undecodable;
    std::vector<uint64_t> stored;
    spool.replay_chunk([&](const bus::EventBatch& b) { stored = sequences(b); },
                       [&](std::string_view bytes, const std::string& why) {
                           EXPECT_FALSE(why.empty());
                           undecodable.emplace_back(bytes);
                       });
    ASSERT_EQ(undecodable.size(), 1u);
    EXPECT_EQ(undecodable[0], "not an event batch");
    EXPECT_EQ(stored, range(1, 3));
    EXPECT_TRUE(spool.empty());
}

TEST_F(EventSpoolTest, AnotherLogIsNotTakenForTheSpool) {
    {
        RecordLogOptions o;
        o.tag = "found blocks";
        RecordLog log(path_, o);
    }
    EXPECT_THROW(EventSpool spool(path_), std::runtime_error);
}

// The share spool of earlier versions: "VDSPOOL1", then per share u32 length, u32 CRC-32 and
// the share (version 1).
std::string legacy_share_record(const bus::ShareEvent& s) {
    std::string p;
    ByteWriter w(p);
    w.u8(1)
        .i64le(s.time_ms)
        .str32(s.login)
        .str32(s.worker)
        .f64le(s.difficulty)
        .f64le(s.actual_difficulty)
        .u8(static_cast<uint8_t>(s.result))
        .i64le(s.height)
        .f64le(s.network_difficulty)
        .str32(s.block_hash)
        .str32(s.ip)
        .u32le(s.node_id)
        .u64le(s.sequence);
    std::string out;
    ByteWriter(out).u32le(static_cast<uint32_t>(p.size())).u32le(crc32(p)).bytes(p);
    return out;
}

TEST_F(EventSpoolTest, TakesOverAnEarlierVersionsSpoolsDroppingTheirTornTails) {
    std::string shares = "VDSPOOL1";
    for (uint64_t i = 1; i <= 5; ++i)
        shares += legacy_share_record(share(i));
    shares += legacy_share_record(share(6)).substr(0, 20);  // torn by a crash
    std::ofstream(path_, std::ios::binary) << shares;
    std::ofstream(path_.string() + ".blocks")
        << R"({"time_ms":1700000000500,"height":500,"hash":"00ab","login":"ltc1qminer",)"
        << R"("worker":"rig1","reward":625000000,"network_difficulty":1234.5,)"
        << R"("share_difficulty":2000.0,"accepted":true,"node_answer":"",)"
        << R"("coinbase_txid":"cd01","node_id":2})"
        << "\n"
        << R"({"time_ms":1700000000600,"height":501,"ha)";  // torn line

    EventSpool spool(path_);
    EXPECT_FALSE(fs::exists(path_.string() + ".v1"));
    EXPECT_FALSE(fs::exists(path_.string() + ".blocks"));
    std::vector<uint64_t> stored;
    std::vector<bus::FoundBlock> blocks;
    while (!spool.empty()) {
        spool.replay_chunk(
            [&](const bus::EventBatch& b) {
                auto seq = sequences(b);
                stored.insert(stored.end(), seq.begin(), seq.end());
                blocks.insert(blocks.end(), b.blocks.begin(), b.blocks.end());
            },
            never_undecodable);
    }
    EXPECT_EQ(stored, range(1, 5));
    ASSERT_EQ(blocks.size(), 1u);
    EXPECT_EQ(blocks[0].hash, "00ab");
    EXPECT_EQ(blocks[0].reward, 625000000);
    EXPECT_TRUE(blocks[0].accepted);
    EXPECT_EQ(blocks[0].node_id, 2u);
}

}  // namespace
}  // namespace viddhana::ledger
