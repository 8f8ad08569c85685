// The Redis publisher's disk buffer: stream entries (encoded event batches) that could not be
// delivered while Redis was unreachable, so that a Stratum process that dies during an outage
// loses none of them. A RecordLog (base/record_log.h) tagged "redis events": entries fdatasync'd
// before they count, a delivery mark after each pipeline that reached Redis, a torn tail cut off
// when the file is opened. A crash between a delivery and its mark sends those entries again:
// delivery is at-least-once and consumers de-duplicate by (node_id, sequence).
//
// The spool file of earlier versions ("VDEVSPL1", the same record framing without the tag) is
// taken over when the spool opens: its undelivered entries move into the log.
// Not thread-safe: the publisher thread owns it. Holds an exclusive lock on the file.
#pragma once
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/record_log.h"

namespace viddhana::bus {

class PublishSpool {
  public:
    // Opens or creates the file. Throws std::system_error on I/O failure and std::runtime_error
    // when the file is not a spool or another process holds it.
    explicit PublishSpool(std::filesystem::path path);

    // Appends the entries, durable on return. On failure (std::system_error) nothing
    // half-written stays.
    void append(std::span<const std::string_view> entries) { log_.append(entries); }

    // Up to max_entries undelivered entries (but at least one when any), oldest first, stopping
    // before max_bytes is exceeded. Does not consume them: each peek starts at the oldest.
    std::vector<std::string> peek(size_t max_entries, size_t max_bytes);

    // The first n entries of the last peek reached Redis.
    void mark_delivered(size_t n) { log_.mark_delivered(n); }

    size_t undelivered() const { return log_.undelivered(); }
    bool empty() const { return log_.empty(); }
    // Bytes cut off when the file was opened (a torn or corrupt tail), 0 normally.
    uint64_t truncated_bytes() const { return log_.truncated_bytes() + legacy_truncated_; }
    uint64_t file_size() const { return log_.file_size(); }
    const std::filesystem::path& path() const { return log_.path(); }

  private:
    uint64_t legacy_truncated_ = 0;
    RecordLog log_;
};

}  // namespace viddhana::bus
