#include "store/spool_record.h"

#include <array>
#include <bit>
#include <cstring>
#include <string>

namespace viddhana::store {
namespace {

constexpr std::array<uint32_t, 256> make_crc_table() {
    std::array<uint32_t, 256> table{};
    for (uint32_t i = 0; i < 256; ++i) {
        uint32_t c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    return table;
}
constexpr auto kCrcTable = make_crc_table();
constexpr uint8_t kPayloadVersion = 1;

void put_u32(std::vector<uint8_t>& out, uint32_t v) {
    for (int i = 0; i < 4; ++i)
        out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
void put_u64(std::vector<uint8_t>& out, uint64_t v) {
    for (int i = 0; i < 8; ++i)
        out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
void put_f64(std::vector<uint8_t>& out, double v) {
    put_u64(out, std::bit_cast<uint64_t>(v));
}
void put_str(std::vector<uint8_t>& out, const std::string& s) {
    put_u32(out, static_cast<uint32_t>(s.size()));
    out.insert(out.end(), s.begin(), s.end());
}

uint32_t get_u32_at(std::span<const uint8_t> in, size_t at) {
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
        v |= static_cast<uint32_t>(in[at + i]) << (8 * i);
    return v;
}

class Reader {
  public:
    explicit Reader(std::span<const uint8_t> in) : in_(in) {}
    bool ok() const { return ok_; }
    bool at_end() const { return pos_ == in_.size(); }
    uint8_t u8() {
        if (!need(1)) return 0;
        return in_[pos_++];
    }
    uint32_t u32() {
        if (!need(4)) return 0;
        uint32_t v = get_u32_at(in_, pos_);
        pos_ += 4;
        return v;
    }
    uint64_t u64() {
        if (!need(8)) return 0;
        uint64_t v = 0;
        for (int i = 0; i < 8; ++i)
            v |= static_cast<uint64_t>(in_[pos_ + i]) << (8 * i);
        pos_ += 8;
        return v;
    }
    double f64() { return std::bit_cast<double>(u64()); }
    std::string str() {
        uint32_t n = u32();
        if (!need(n)) return {};
        std::string s(reinterpret_cast<const char*>(in_.data() + pos_), n);
        pos_ += n;
        return s;
    }

  private:
    bool need(size_t n) {
        if (!ok_ || in_.size() - pos_ < n) {
            ok_ = false;
            return false;
        }
        return true;
    }
    std::span<const uint8_t> in_;
    size_t pos_ = 0;
    bool ok_ = true;
};

}  // namespace

uint32_t crc32(std::span<const uint8_t> data) {
    uint32_t c = 0xFFFFFFFFu;
    for (uint8_t b : data)
        c = kCrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

std::vector<uint8_t> encode_share(const bus::ShareEvent& s) {
    std::vector<uint8_t> out;
    out.reserve(96 + s.login.size() + s.worker.size() + s.block_hash.size() + s.ip.size());
    out.push_back(kPayloadVersion);
    put_u64(out, static_cast<uint64_t>(s.time_ms));
    put_str(out, s.login);
    put_str(out, s.worker);
    put_f64(out, s.difficulty);
    put_f64(out, s.actual_difficulty);
    out.push_back(static_cast<uint8_t>(s.result));
    put_u64(out, static_cast<uint64_t>(s.height));
    put_f64(out, s.network_difficulty);
    put_str(out, s.block_hash);
    put_str(out, s.ip);
    put_u32(out, s.node_id);
    put_u64(out, s.sequence);
    return out;
}

Expected<bus::ShareEvent> decode_share(std::span<const uint8_t> payload) {
    Reader r(payload);
    uint8_t version = r.u8();
    if (r.ok() && version != kPayloadVersion) {
        return make_error("spooled share has unknown payload version " + std::to_string(version));
    }
    bus::ShareEvent s;
    s.time_ms = static_cast<int64_t>(r.u64());
    s.login = r.str();
    s.worker = r.str();
    s.difficulty = r.f64();
    s.actual_difficulty = r.f64();
    uint8_t result = r.u8();
    s.height = static_cast<int64_t>(r.u64());
    s.network_difficulty = r.f64();
    s.block_hash = r.str();
    s.ip = r.str();
    s.node_id = r.u32();
    s.sequence = r.u64();
    if (!r.ok()) return make_error("spooled share is truncated");
    if (!r.at_end()) return make_error("spooled share has trailing bytes");
    if (result > static_cast<uint8_t>(bus::ShareResult::invalid)) {
        return make_error("spooled share has unknown result code " + std::to_string(result));
    }
    s.result = static_cast<bus::ShareResult>(result);
    return s;
}

void append_record(std::vector<uint8_t>& out, std::span<const uint8_t> payload) {
    put_u32(out, static_cast<uint32_t>(payload.size()));
    put_u32(out, crc32(payload));
    out.insert(out.end(), payload.begin(), payload.end());
}

SpoolScan scan_records(std::span<const uint8_t> bytes) {
    SpoolScan scan;
    size_t pos = 0;
    while (pos < bytes.size()) {
        if (bytes.size() - pos < kSpoolRecordHeader) break;
        uint32_t size = get_u32_at(bytes, pos);
        uint32_t crc = get_u32_at(bytes, pos + 4);
        if (size == 0 || size > kSpoolMaxPayload) break;
        if (bytes.size() - pos - kSpoolRecordHeader < size) break;
        auto payload = bytes.subspan(pos + kSpoolRecordHeader, size);
        if (crc32(payload) != crc) break;
        if (!decode_share(payload)) break;
        scan.records.push_back({pos + kSpoolRecordHeader, size});
        pos += kSpoolRecordHeader + size;
    }
    scan.valid_bytes = pos;
    scan.damaged_tail = pos < bytes.size();
    return scan;
}

}  // namespace viddhana::store
