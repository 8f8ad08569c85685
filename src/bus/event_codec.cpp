#include "bus/event_codec.h"

#include <bit>
#include <limits>
#include <unordered_map>
#include <vector>

#include "base/byte_reader.h"
#include "base/byte_writer.h"

namespace viddhana::bus {
namespace {

constexpr size_t kShareRecordSize = 8 + 4 + 4 + 8 + 8 + 1 + 8 + 8 + 4 + 4 + 4 + 8;
// A block record with every string empty.
constexpr size_t kMinBlockRecordSize = 8 + 8 + 4 + 4 + 4 + 8 + 8 + 8 + 1 + 4 + 4 + 4;
static_assert(kShareRecordSize == 69);

// The byte reader with the codec's error reporting: the first field that cannot be read names
// itself and where it was wanted; later reads return zeros, so a decoder can read a whole record
// and check once.
class FieldReader {
  public:
    explicit FieldReader(std::string_view in) : in_(in) {}

    bool failed() const { return !error_.empty(); }
    const std::string& error() const { return error_; }
    size_t offset() const { return in_.position(); }
    size_t remaining() const { return in_.remaining(); }
    void fail(const std::string& what) {
        if (error_.empty()) error_ = what + " at byte " + std::to_string(offset());
    }

    uint8_t u8(const char* field) {
        uint8_t v = 0;
        if (!failed() && !in_.u8(v)) truncated(field, 1);
        return v;
    }
    uint32_t u32(const char* field) {
        uint32_t v = 0;
        if (!failed() && !in_.u32le(v)) truncated(field, 4);
        return v;
    }
    uint64_t u64(const char* field) {
        uint64_t v = 0;
        if (!failed() && !in_.u64le(v)) truncated(field, 8);
        return v;
    }
    int64_t i64(const char* field) { return static_cast<int64_t>(u64(field)); }
    double f64(const char* field) { return std::bit_cast<double>(u64(field)); }
    std::string str(const char* field) {
        uint32_t n = u32(field);
        if (failed()) return {};
        std::span<const uint8_t> bytes;
        if (!in_.bytes(n, bytes)) {
            fail(std::string(field) + " length " + std::to_string(n) + " exceeds the " +
                 std::to_string(remaining()) + " bytes left");
            return {};
        }
        return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    }

  private:
    void truncated(const char* field, size_t n) {
        fail(std::string("truncated input: ") + field + " needs " + std::to_string(n) + " bytes, " +
             std::to_string(remaining()) + " left");
    }

    ByteReader in_;
    std::string error_;
};

// Interns the strings of a batch's shares; indexes point into `strings`.
class StringTable {
  public:
    uint32_t index(const std::string& s) {
        auto [it, inserted] = index_.try_emplace(std::string_view(s), 0);
        if (inserted) {
            it->second = static_cast<uint32_t>(strings_.size());
            strings_.push_back(std::string_view(s));
            bytes_ += 4 + s.size();
        }
        return it->second;
    }
    const std::vector<std::string_view>& strings() const { return strings_; }
    size_t encoded_size() const { return bytes_; }

  private:
    std::unordered_map<std::string_view, uint32_t> index_;
    std::vector<std::string_view> strings_;
    size_t bytes_ = 0;
};

}  // namespace

std::string encode_events(std::span<const ShareEvent> shares, std::span<const FoundBlock> blocks) {
    StringTable table;
    std::vector<uint32_t> refs;
    refs.reserve(shares.size() * 4);
    for (const auto& s : shares) {
        refs.push_back(table.index(s.login));
        refs.push_back(table.index(s.worker));
        refs.push_back(table.index(s.block_hash));
        refs.push_back(table.index(s.ip));
    }
    size_t size = 1 + 4 + table.encoded_size() + 4 + shares.size() * kShareRecordSize + 4;
    for (const auto& b : blocks) {
        size += kMinBlockRecordSize + b.hash.size() + b.finder_login.size() +
                b.finder_worker.size() + b.node_answer.size() + b.coinbase_txid.size();
    }

    std::string out;
    out.reserve(size);
    ByteWriter w(out);
    w.u8(kEventCodecVersion);
    w.u32le(static_cast<uint32_t>(table.strings().size()));
    for (auto s : table.strings())
        w.str32(s);

    w.u32le(static_cast<uint32_t>(shares.size()));
    const uint32_t* ref = refs.data();
    for (const auto& s : shares) {
        w.i64le(s.time_ms);
        w.u32le(ref[0]);
        w.u32le(ref[1]);
        w.f64le(s.difficulty);
        w.f64le(s.actual_difficulty);
        w.u8(static_cast<uint8_t>(s.result));
        w.i64le(s.height);
        w.f64le(s.network_difficulty);
        w.u32le(ref[2]);
        w.u32le(ref[3]);
        w.u32le(s.node_id);
        w.u64le(s.sequence);
        ref += 4;
    }

    w.u32le(static_cast<uint32_t>(blocks.size()));
    for (const auto& b : blocks) {
        w.i64le(b.found_ms);
        w.i64le(b.height);
        w.str32(b.hash);
        w.str32(b.finder_login);
        w.str32(b.finder_worker);
        w.i64le(b.reward);
        w.f64le(b.network_difficulty);
        w.f64le(b.share_difficulty);
        w.u8(b.accepted ? 1 : 0);
        w.str32(b.node_answer);
        w.str32(b.coinbase_txid);
        w.u32le(b.node_id);
    }
    return out;
}

Expected<EventBatch> decode_events(std::string_view bytes) {
    auto bad = [](const std::string& what) { return make_error("event batch: " + what); };
    FieldReader r(bytes);
    if (bytes.empty()) return bad("empty input");
    uint8_t version = r.u8("version");
    if (version != kEventCodecVersion) {
        return bad("unsupported format version " + std::to_string(version) + " (expected " +
                   std::to_string(kEventCodecVersion) + ")");
    }

    uint32_t string_count = r.u32("string count");
    if (!r.failed() && string_count > r.remaining() / 4) {
        r.fail("string count " + std::to_string(string_count) + " exceeds the bytes left");
    }
    std::vector<std::string> strings;
    if (!r.failed()) strings.reserve(string_count);
    for (uint32_t i = 0; i < string_count && !r.failed(); ++i)
        strings.push_back(r.str("string"));
    if (r.failed()) return bad(r.error());

    auto lookup = [&](uint32_t index, const char* field, std::string& out) {
        if (index >= strings.size()) {
            r.fail(std::string(field) + " string index " + std::to_string(index) +
                   " out of range (table has " + std::to_string(strings.size()) + ")");
            return;
        }
        out = strings[index];
    };

    EventBatch batch;
    uint32_t share_count = r.u32("share count");
    if (!r.failed() && share_count > r.remaining() / kShareRecordSize) {
        r.fail("share count " + std::to_string(share_count) + " exceeds the bytes left");
    }
    if (!r.failed()) batch.shares.resize(share_count);
    for (uint32_t i = 0; i < share_count && !r.failed(); ++i) {
        ShareEvent& s = batch.shares[i];
        s.time_ms = r.i64("time_ms");
        uint32_t login = r.u32("login");
        uint32_t worker = r.u32("worker");
        s.difficulty = r.f64("difficulty");
        s.actual_difficulty = r.f64("actual_difficulty");
        size_t result_at = r.offset();
        uint8_t result = r.u8("result");
        s.height = r.i64("height");
        s.network_difficulty = r.f64("network_difficulty");
        uint32_t block_hash = r.u32("block_hash");
        uint32_t ip = r.u32("ip");
        s.node_id = r.u32("node_id");
        s.sequence = r.u64("sequence");
        if (r.failed()) break;
        if (result > static_cast<uint8_t>(ShareResult::invalid)) {
            return bad("share " + std::to_string(i) + ": unknown result " + std::to_string(result) +
                       " at byte " + std::to_string(result_at));
        }
        s.result = static_cast<ShareResult>(result);
        lookup(login, "login", s.login);
        lookup(worker, "worker", s.worker);
        lookup(block_hash, "block_hash", s.block_hash);
        lookup(ip, "ip", s.ip);
    }
    if (r.failed()) return bad(r.error());

    uint32_t block_count = r.u32("block count");
    if (!r.failed() && block_count > r.remaining() / kMinBlockRecordSize) {
        r.fail("block count " + std::to_string(block_count) + " exceeds the bytes left");
    }
    if (!r.failed()) batch.blocks.resize(block_count);
    for (uint32_t i = 0; i < block_count && !r.failed(); ++i) {
        FoundBlock& b = batch.blocks[i];
        b.found_ms = r.i64("found_ms");
        b.height = r.i64("height");
        b.hash = r.str("hash");
        b.finder_login = r.str("finder_login");
        b.finder_worker = r.str("finder_worker");
        b.reward = r.i64("reward");
        b.network_difficulty = r.f64("network_difficulty");
        b.share_difficulty = r.f64("share_difficulty");
        size_t accepted_at = r.offset();
        uint8_t accepted = r.u8("accepted");
        b.node_answer = r.str("node_answer");
        b.coinbase_txid = r.str("coinbase_txid");
        b.node_id = r.u32("node_id");
        if (!r.failed() && accepted > 1) {
            return bad("block " + std::to_string(i) + ": accepted flag " +
                       std::to_string(accepted) + " is not 0 or 1 at byte " +
                       std::to_string(accepted_at));
        }
        b.accepted = accepted == 1;
    }
    if (r.failed()) return bad(r.error());
    if (r.remaining() != 0) {
        return bad(std::to_string(r.remaining()) +
                   " unexpected bytes after the last block at byte " + std::to_string(r.offset()));
    }
    return batch;
}

}  // namespace viddhana::bus
