#include "bus/redis_spool.h"

#include <fstream>
#include <stdexcept>

#include "base/crc32.h"
#include "base/little_endian.h"

namespace viddhana::bus {
namespace {

// The earlier versions' format: "VDEVSPL1", then records of u8 type (1 entry, 2 delivery mark
// holding the u64 offset of the first undelivered entry), u32 length, u32 CRC-32 of type,
// length and payload, payload.
constexpr std::string_view kLegacyMagic = "VDEVSPL1";
constexpr size_t kLegacyHeader = 9;
constexpr uint32_t kLegacyMaxRecord = 1u << 30;

RecordLogOptions spool_options() {
    RecordLogOptions o;
    o.tag = "redis events";
    return o;
}

std::filesystem::path legacy_path(const std::filesystem::path& p) {
    std::filesystem::path out = p;
    out += ".v1";
    return out;
}

bool is_legacy(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string magic(kLegacyMagic.size(), '\0');
    return in.read(magic.data(), static_cast<std::streamsize>(magic.size())) &&
           magic == kLegacyMagic;
}

// Calls visit(offset, type, payload) for each valid record, a record at a time; returns the
// offset where the valid records end.
template <typename Visit>
uint64_t scan_legacy(std::ifstream& in, Visit&& visit) {
    in.clear();
    in.seekg(static_cast<std::streamoff>(kLegacyMagic.size()));
    uint64_t pos = kLegacyMagic.size();
    std::string payload;
    for (;;) {
        char h[kLegacyHeader];
        if (!in.read(h, kLegacyHeader)) break;
        const auto* b = reinterpret_cast<const uint8_t*>(h);
        uint8_t type = b[0];
        uint32_t length = load_le<uint32_t>(b + 1);
        if ((type != 1 && type != 2) || length > kLegacyMaxRecord) break;
        payload.resize(length);
        if (!in.read(payload.data(), length)) break;
        if (crc32(payload, crc32(std::string_view(h, 5))) != load_le<uint32_t>(b + 5)) break;
        if (!visit(pos, type, payload)) break;
        pos += kLegacyHeader + length;
    }
    return pos;
}

// Moves the undelivered entries of an earlier version's spool at `from` into `log`, a bounded
// batch at a time; returns the bytes of its damaged tail.
uint64_t take_over_legacy(const std::filesystem::path& from, RecordLog& log) {
    std::ifstream in(from, std::ios::binary);
    // First pass: where delivery had got to (the last mark naming an entry).
    uint64_t first_undelivered = kLegacyMagic.size();
    std::vector<uint64_t> entries;
    uint64_t end = scan_legacy(in, [&](uint64_t pos, uint8_t type, const std::string& p) {
        if (type == 1) {
            entries.push_back(pos);
            return true;
        }
        if (p.size() != 8) return false;
        uint64_t mark = load_le<uint64_t>(reinterpret_cast<const uint8_t*>(p.data()));
        if (mark < first_undelivered) return false;
        first_undelivered = mark;
        return true;
    });
    // Second pass: the entries from there on.
    std::vector<std::string> batch;
    size_t batch_bytes = 0;
    auto flush = [&] {
        std::vector<std::string_view> views(batch.begin(), batch.end());
        log.append(views);
        batch.clear();
        batch_bytes = 0;
    };
    scan_legacy(in, [&](uint64_t pos, uint8_t type, std::string& p) {
        if (pos >= end) return false;
        if (type == 1 && pos >= first_undelivered) {
            batch_bytes += p.size();
            batch.push_back(std::move(p));
            if (batch.size() >= 256 || batch_bytes >= (4u << 20)) flush();
        }
        return true;
    });
    if (!batch.empty()) flush();
    return std::filesystem::file_size(from) - end;
}

}  // namespace

PublishSpool::PublishSpool(std::filesystem::path path)
    : log_(
          [&] {
              // An earlier version's spool at this path moves aside before the log is made.
              if (is_legacy(path)) {
                  if (std::filesystem::exists(legacy_path(path))) {
                      throw std::runtime_error("both " + path.string() + " and " +
                                               legacy_path(path).string() +
                                               " hold an earlier version's event spool; move "
                                               "one away");
                  }
                  std::filesystem::rename(path, legacy_path(path));
              }
              return path;
          }(),
          spool_options()) {
    auto legacy = legacy_path(log_.path());
    if (std::filesystem::exists(legacy)) {
        // A crash during an earlier take-over appended part of it already: those entries go to
        // Redis twice, which consumers de-duplicate.
        legacy_truncated_ = take_over_legacy(legacy, log_);
        std::filesystem::remove(legacy);
    }
}

std::vector<std::string> PublishSpool::peek(size_t max_entries, size_t max_bytes) {
    log_.rewind();
    return log_.read(max_entries, max_bytes);
}

}  // namespace viddhana::bus
