#include "store/spool_record.h"

#include <string>

#include "base/byte_reader.h"
#include "base/byte_writer.h"
#include "base/crc32.h"
#include "base/little_endian.h"

namespace viddhana::store {
namespace {

constexpr uint8_t kPayloadVersion = 1;

}  // namespace

std::vector<uint8_t> encode_share(const bus::ShareEvent& s) {
    std::vector<uint8_t> out;
    out.reserve(96 + s.login.size() + s.worker.size() + s.block_hash.size() + s.ip.size());
    ByteWriter(out)
        .u8(kPayloadVersion)
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
    return out;
}

Expected<bus::ShareEvent> decode_share(std::span<const uint8_t> payload) {
    ByteReader r(payload);
    uint8_t version = 0;
    bool ok = r.u8(version);
    if (ok && version != kPayloadVersion) {
        return make_error("spooled share has unknown payload version " + std::to_string(version));
    }
    bus::ShareEvent s;
    uint8_t result = 0;
    ok = ok && r.i64le(s.time_ms) && r.str32(s.login) && r.str32(s.worker) &&
         r.f64le(s.difficulty) && r.f64le(s.actual_difficulty) && r.u8(result) &&
         r.i64le(s.height) && r.f64le(s.network_difficulty) && r.str32(s.block_hash) &&
         r.str32(s.ip) && r.u32le(s.node_id) && r.u64le(s.sequence);
    if (!ok) return make_error("spooled share is truncated");
    if (r.remaining() != 0) return make_error("spooled share has trailing bytes");
    if (result > static_cast<uint8_t>(bus::ShareResult::invalid)) {
        return make_error("spooled share has unknown result code " + std::to_string(result));
    }
    s.result = static_cast<bus::ShareResult>(result);
    return s;
}

void append_record(std::vector<uint8_t>& out, std::span<const uint8_t> payload) {
    ByteWriter(out)
        .u32le(static_cast<uint32_t>(payload.size()))
        .u32le(crc32(payload))
        .bytes(payload);
}

SpoolScan scan_records(std::span<const uint8_t> bytes) {
    SpoolScan scan;
    size_t pos = 0;
    while (pos < bytes.size()) {
        if (bytes.size() - pos < kSpoolRecordHeader) break;
        uint32_t size = load_le<uint32_t>(bytes.data() + pos);
        uint32_t crc = load_le<uint32_t>(bytes.data() + pos + 4);
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
