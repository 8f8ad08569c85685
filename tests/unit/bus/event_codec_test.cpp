// The event batch codec: exact layout, round trips, and rejection of every truncation and of
// random corruption (fixed seed) without reading out of bounds.
#include "bus/event_codec.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>
#include <random>

namespace viddhana::bus {
namespace {

ShareEvent make_share(uint64_t seq, const std::string& login) {
    ShareEvent s;
    s.time_ms = 1'700'000'000'000 + static_cast<int64_t>(seq);
    s.login = login;
    s.worker = "rig" + std::to_string(seq % 3);
    s.difficulty = 65536.0;
    s.actual_difficulty = 70123.25;
    s.result = static_cast<ShareResult>(seq % 5);
    s.height = 2'500'000;
    s.network_difficulty = 3.1e7;
    s.block_hash = seq % 7 == 0 ? "00000000deadbeef" : "";
    s.ip = "10.0.0." + std::to_string(seq % 4);
    s.node_id = 3;
    s.sequence = seq;
    return s;
}

FoundBlock make_block() {
    FoundBlock b;
    b.found_ms = 1'700'000'123'456;
    b.height = 2'500'001;
    b.hash = "0000000000000000000abc";
    b.finder_login = "ltc1qexampleaddress";
    b.finder_worker = "rig0";
    b.reward = 625'000'000;
    b.network_difficulty = 3.1e7;
    b.share_difficulty = 4.2e7;
    b.accepted = false;
    b.node_answer = "high-hash";
    b.coinbase_txid = "aa11";
    b.node_id = 3;
    return b;
}

uint64_t bits(double d) {
    return std::bit_cast<uint64_t>(d);
}

void expect_same_share(const ShareEvent& a, const ShareEvent& b) {
    EXPECT_EQ(a.time_ms, b.time_ms);
    EXPECT_EQ(a.login, b.login);
    EXPECT_EQ(a.worker, b.worker);
    EXPECT_EQ(bits(a.difficulty), bits(b.difficulty));
    EXPECT_EQ(bits(a.actual_difficulty), bits(b.actual_difficulty));
    EXPECT_EQ(a.result, b.result);
    EXPECT_EQ(a.height, b.height);
    EXPECT_EQ(bits(a.network_difficulty), bits(b.network_difficulty));
    EXPECT_EQ(a.block_hash, b.block_hash);
    EXPECT_EQ(a.ip, b.ip);
    EXPECT_EQ(a.node_id, b.node_id);
    EXPECT_EQ(a.sequence, b.sequence);
}

void expect_same_block(const FoundBlock& a, const FoundBlock& b) {
    EXPECT_EQ(a.found_ms, b.found_ms);
    EXPECT_EQ(a.height, b.height);
    EXPECT_EQ(a.hash, b.hash);
    EXPECT_EQ(a.finder_login, b.finder_login);
    EXPECT_EQ(a.finder_worker, b.finder_worker);
    EXPECT_EQ(a.reward, b.reward);
    EXPECT_EQ(bits(a.network_difficulty), bits(b.network_difficulty));
    EXPECT_EQ(bits(a.share_difficulty), bits(b.share_difficulty));
    EXPECT_EQ(a.accepted, b.accepted);
    EXPECT_EQ(a.node_answer, b.node_answer);
    EXPECT_EQ(a.coinbase_txid, b.coinbase_txid);
    EXPECT_EQ(a.node_id, b.node_id);
}

void expect_same_batch(const EventBatch& a, const EventBatch& b) {
    ASSERT_EQ(a.shares.size(), b.shares.size());
    ASSERT_EQ(a.blocks.size(), b.blocks.size());
    for (size_t i = 0; i < a.shares.size(); ++i)
        expect_same_share(a.shares[i], b.shares[i]);
    for (size_t i = 0; i < a.blocks.size(); ++i)
        expect_same_block(a.blocks[i], b.blocks[i]);
}

EventBatch sample_batch() {
    EventBatch batch;
    for (uint64_t i = 0; i < 50; ++i)
        batch.shares.push_back(make_share(i, "ltc1q" + std::to_string(i % 6)));
    batch.blocks.push_back(make_block());
    FoundBlock accepted = make_block();
    accepted.accepted = true;
    accepted.node_answer.clear();
    batch.blocks.push_back(accepted);
    return batch;
}

TEST(EventCodec, EncodesTheDocumentedLayout) {
    ShareEvent s;
    s.time_ms = 0x0102030405060708;
    s.login = "L";
    s.worker = "";
    s.difficulty = 1.0;
    s.actual_difficulty = 0.0;
    s.result = ShareResult::stale;
    s.height = 7;
    s.network_difficulty = 2.0;
    s.block_hash = "";
    s.ip = "ip";
    s.node_id = 9;
    s.sequence = 0x1122334455667788;
    std::vector<ShareEvent> shares{s};
    std::string got = encode_events(shares, {});

    std::string want;
    auto u32 = [&](uint32_t v) {
        for (int i = 0; i < 4; ++i)
            want.push_back(static_cast<char>(v >> (8 * i)));
    };
    auto u64 = [&](uint64_t v) {
        for (int i = 0; i < 8; ++i)
            want.push_back(static_cast<char>(v >> (8 * i)));
    };
    want.push_back(1);  // version
    u32(3);             // strings: "L", "", "ip" (first appearance order)
    u32(1);
    want += "L";
    u32(0);
    u32(2);
    want += "ip";
    u32(1);  // one share
    u64(0x0102030405060708);
    u32(0);                   // login -> "L"
    u32(1);                   // worker -> ""
    u64(0x3ff0000000000000);  // 1.0
    u64(0);                   // 0.0
    want.push_back(1);        // stale
    u64(7);
    u64(0x4000000000000000);  // 2.0
    u32(1);                   // block_hash -> ""
    u32(2);                   // ip -> "ip"
    u32(9);
    u64(0x1122334455667788);
    u32(0);  // no blocks
    EXPECT_EQ(got, want);
}

TEST(EventCodec, EmptyBatchIsThirteenBytesAndRoundTrips) {
    std::string bytes = encode_events({}, {});
    EXPECT_EQ(bytes.size(), 13u);
    auto decoded = decode_events(bytes);
    ASSERT_TRUE(decoded.ok()) << decoded.error().message;
    EXPECT_TRUE(decoded->empty());
}

TEST(EventCodec, RoundTripsSharesAndBlocks) {
    EventBatch batch = sample_batch();
    auto decoded = decode_events(encode_events(batch));
    ASSERT_TRUE(decoded.ok()) << decoded.error().message;
    expect_same_batch(batch, *decoded);
}

TEST(EventCodec, RoundTripsExtremeValues) {
    ShareEvent s;
    s.time_ms = std::numeric_limits<int64_t>::min();
    s.height = std::numeric_limits<int64_t>::max();
    s.sequence = std::numeric_limits<uint64_t>::max();
    s.node_id = std::numeric_limits<uint32_t>::max();
    s.difficulty = std::numeric_limits<double>::infinity();
    s.actual_difficulty = std::numeric_limits<double>::quiet_NaN();
    s.network_difficulty = -0.0;
    s.login = std::string("z\0y", 3) + "\xf0\x9f\x98\x80";  // NUL and UTF-8 are plain bytes
    s.worker = std::string(70'000, 'w');                    // longer than 16 bits
    s.result = ShareResult::invalid;
    FoundBlock b;
    b.reward = std::numeric_limits<int64_t>::min();
    b.accepted = true;
    std::vector<ShareEvent> shares{s};
    std::vector<FoundBlock> blocks{b};
    auto decoded = decode_events(encode_events(shares, blocks));
    ASSERT_TRUE(decoded.ok()) << decoded.error().message;
    EventBatch want{shares, blocks};
    expect_same_batch(want, *decoded);
}

TEST(EventCodec, RepeatedStringsAreStoredOnce) {
    std::vector<ShareEvent> shares;
    for (uint64_t i = 0; i < 1000; ++i) {
        ShareEvent s = make_share(i, "ltc1qsameaddressforeveryshare0000000000000");
        s.worker = "rig";
        s.ip = "192.168.1.10";
        s.block_hash.clear();
        shares.push_back(s);
    }
    std::string bytes = encode_events(shares, {});
    // 4 distinct strings ("login", "rig", "", ip): the shares cost 69 bytes each.
    size_t table = 4 * 4 + shares[0].login.size() + 3 + 0 + 12;
    EXPECT_EQ(bytes.size(), 1 + 4 + table + 4 + 1000 * 69 + 4);
}

TEST(EventCodec, RejectsEveryTruncation) {
    std::string bytes = encode_events(sample_batch());
    for (size_t n = 0; n < bytes.size(); ++n) {
        auto decoded = decode_events(std::string_view(bytes).substr(0, n));
        ASSERT_FALSE(decoded.ok()) << "prefix of " << n << " bytes decoded";
        EXPECT_EQ(decoded.error().message.rfind("event batch: ", 0), 0u);
    }
}

TEST(EventCodec, RejectsTrailingBytes) {
    std::string bytes = encode_events(sample_batch()) + "x";
    auto decoded = decode_events(bytes);
    ASSERT_FALSE(decoded.ok());
    EXPECT_NE(decoded.error().message.find("1 unexpected bytes"), std::string::npos)
        << decoded.error().message;
}

TEST(EventCodec, RejectsAnUnknownVersion) {
    std::string bytes = encode_events(sample_batch());
    bytes[0] = 2;
    auto decoded = decode_events(bytes);
    ASSERT_FALSE(decoded.ok());
    EXPECT_NE(decoded.error().message.find("unsupported format version 2"), std::string::npos);
}

TEST(EventCodec, RejectsAnUnknownShareResult) {
    std::vector<ShareEvent> shares{make_share(1, "a")};
    std::string bytes = encode_events(shares, {});
    // The result byte follows version, table and count, then time, login, worker, diff, actual.
    size_t table = 4 + (4 + 1) + (4 + 4) + (4 + 0) + (4 + 8);  // "a", "rig1", "", "10.0.0.1"
    size_t at = 1 + table + 4 + 8 + 4 + 4 + 8 + 8;
    ASSERT_EQ(static_cast<uint8_t>(bytes[at]), 1);
    bytes[at] = 5;
    auto decoded = decode_events(bytes);
    ASSERT_FALSE(decoded.ok());
    EXPECT_NE(decoded.error().message.find("unknown result 5"), std::string::npos)
        << decoded.error().message;
}

TEST(EventCodec, RejectsAStringIndexOutsideTheTable) {
    std::vector<ShareEvent> shares{make_share(1, "a")};
    std::string bytes = encode_events(shares, {});
    size_t table = 4 + (4 + 1) + (4 + 4) + (4 + 0) + (4 + 8);
    size_t login_at = 1 + table + 4 + 8;
    bytes[login_at] = 4;  // the table has 4 strings: 0..3
    auto decoded = decode_events(bytes);
    ASSERT_FALSE(decoded.ok());
    EXPECT_NE(decoded.error().message.find("login string index 4 out of range"), std::string::npos)
        << decoded.error().message;
}

TEST(EventCodec, RejectsAnAcceptedFlagOtherThanZeroOrOne) {
    std::vector<FoundBlock> blocks{make_block()};
    std::string bytes = encode_events({}, blocks);
    const FoundBlock& b = blocks[0];
    size_t at = 1 + 4 + 4 + 4 + 8 + 8 + (4 + b.hash.size()) + (4 + b.finder_login.size()) +
                (4 + b.finder_worker.size()) + 8 + 8 + 8;
    ASSERT_EQ(bytes[at], 0);
    bytes[at] = 2;
    auto decoded = decode_events(bytes);
    ASSERT_FALSE(decoded.ok());
    EXPECT_NE(decoded.error().message.find("accepted flag 2"), std::string::npos);
}

TEST(EventCodec, RejectsHugeCountsWithoutAllocating) {
    std::string bytes = encode_events({}, {});
    // share count = 0xffffffff with nothing behind it
    for (int i = 0; i < 4; ++i)
        bytes[5 + i] = '\xff';
    auto decoded = decode_events(bytes);
    ASSERT_FALSE(decoded.ok());
    EXPECT_NE(decoded.error().message.find("share count 4294967295 exceeds"), std::string::npos)
        << decoded.error().message;

    std::string strings = encode_events({}, {});
    for (int i = 0; i < 4; ++i)
        strings[1 + i] = '\xff';
    decoded = decode_events(strings);
    ASSERT_FALSE(decoded.ok());
    EXPECT_NE(decoded.error().message.find("string count"), std::string::npos);
}

// Random batches, fixed seed: every one round-trips.
TEST(EventCodec, RandomBatchesRoundTrip) {
    std::mt19937_64 rng(20240601);
    auto text = [&](size_t max) {
        std::string s(rng() % (max + 1), '\0');
        for (auto& c : s)
            c = static_cast<char>(rng());
        return s;
    };
    for (int round = 0; round < 200; ++round) {
        EventBatch batch;
        size_t n = rng() % 300;
        for (size_t i = 0; i < n; ++i) {
            ShareEvent s;
            s.time_ms = static_cast<int64_t>(rng());
            s.login = text(3);  // short: collisions exercise the string table
            s.worker = text(5);
            s.difficulty = std::bit_cast<double>(rng());
            s.actual_difficulty = std::bit_cast<double>(rng());
            s.result = static_cast<ShareResult>(rng() % 5);
            s.height = static_cast<int64_t>(rng());
            s.network_difficulty = std::bit_cast<double>(rng());
            s.block_hash = rng() % 10 == 0 ? text(64) : "";
            s.ip = text(2);
            s.node_id = static_cast<uint32_t>(rng());
            s.sequence = rng();
            batch.shares.push_back(s);
        }
        for (size_t i = rng() % 3; i > 0; --i) {
            FoundBlock b = make_block();
            b.hash = text(64);
            b.accepted = rng() % 2;
            b.reward = static_cast<int64_t>(rng());
            batch.blocks.push_back(b);
        }
        auto decoded = decode_events(encode_events(batch));
        ASSERT_TRUE(decoded.ok()) << decoded.error().message;
        expect_same_batch(batch, *decoded);
    }
}

// Random corruption, fixed seed: decoding never crashes or overreads (run under the sanitizer
// build to check the latter); what it accepts is a well-formed batch that survives another round
// trip, and what it rejects comes with a message.
TEST(EventCodec, RandomCorruptionIsRejectedOrDecodesConsistently) {
    const std::string valid = encode_events(sample_batch());
    std::mt19937_64 rng(7);
    int rejected = 0;
    int accepted = 0;
    for (int round = 0; round < 20'000; ++round) {
        std::string bytes = valid;
        switch (rng() % 4) {
            case 0:  // flip a few bytes
                for (int k = 1 + static_cast<int>(rng() % 4); k > 0; --k) {
                    bytes[rng() % bytes.size()] = static_cast<char>(rng());
                }
                break;
            case 1:  // cut somewhere
                bytes.resize(rng() % bytes.size());
                break;
            case 2:  // insert garbage
                bytes.insert(rng() % bytes.size(),
                             std::string(1 + rng() % 8, static_cast<char>(rng())));
                break;
            default:  // overwrite a 4-byte field-sized run with a large value
                if (bytes.size() > 4) {
                    size_t at = rng() % (bytes.size() - 4);
                    for (int i = 0; i < 4; ++i)
                        bytes[at + i] = static_cast<char>(0xf0 | (rng() & 0xf));
                }
        }
        auto decoded = decode_events(bytes);
        if (!decoded.ok()) {
            ++rejected;
            ASSERT_EQ(decoded.error().message.rfind("event batch: ", 0), 0u);
            ASSERT_GT(decoded.error().message.size(), std::string("event batch: ").size());
            continue;
        }
        ++accepted;
        auto again = decode_events(encode_events(*decoded));
        ASSERT_TRUE(again.ok()) << again.error().message;
        expect_same_batch(*decoded, *again);
    }
    // Most corruptions hit structure; flips inside doubles or strings decode to other values.
    EXPECT_GT(rejected, 10'000);
    EXPECT_GT(accepted, 0);
}

}  // namespace
}  // namespace viddhana::bus
