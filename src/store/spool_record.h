// The on-disk form of spooled shares: each record is [u32 length][u32 CRC-32 of payload]
// [payload], little-endian (base/byte_writer.h, base/crc32.h), payload = one encoded ShareEvent.
// Pure: the file I/O is ShareSpool's.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "base/expected.h"
#include "bus/share_event.h"

namespace viddhana::store {

constexpr std::string_view kSpoolMagic = "VDSPOOL1";
constexpr size_t kSpoolRecordHeader = 8;
constexpr uint32_t kSpoolMaxPayload = 1u << 20;

std::vector<uint8_t> encode_share(const bus::ShareEvent& share);
Expected<bus::ShareEvent> decode_share(std::span<const uint8_t> payload);

// Appends one framed record holding `payload`.
void append_record(std::vector<uint8_t>& out, std::span<const uint8_t> payload);

struct SpoolScan {
    struct Record {
        size_t offset = 0;  // of the payload, in the scanned bytes
        size_t size = 0;
    };
    std::vector<Record> records;  // the valid prefix
    size_t valid_bytes = 0;       // where the valid prefix ends
    bool damaged_tail = false;    // bytes after valid_bytes: a torn or corrupt record
};

// Scans framed records (the bytes after the file's magic), stopping at the first record that
// is incomplete, too long, fails its CRC or does not decode.
SpoolScan scan_records(std::span<const uint8_t> bytes);

}  // namespace viddhana::store
