// The Redis publisher's disk buffer: stream entries (encoded event batches) that could not be
// delivered while Redis was unreachable, so that a Stratum process that dies during an outage
// loses none of them. An append-only file:
//
//   "VDEVSPL1"                                   file magic
//   record*: u8 type, u32 length, u32 crc, payload   (little-endian; crc = CRC-32 of type,
//                                                      length and payload)
//     type 1: an entry (payload = encoded batch)
//     type 2: a delivery mark (payload = u64 file offset of the first undelivered entry)
//
// Appends are fsync'd before they count. Delivered entries are not rewritten: a mark records how
// far delivery got, and once everything is delivered the file is cut back to its magic. Opening
// the file scans it, cuts off a torn or corrupt tail (a crash mid-append) and resumes at the last
// mark. A crash between a delivery and its mark sends those entries again: delivery is
// at-least-once and consumers de-duplicate by (node_id, sequence).
// Not thread-safe: the publisher thread owns it. Holds an exclusive lock on the file.
#pragma once
#include <cstdint>
#include <deque>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace viddhana::bus {

class PublishSpool {
  public:
    // Opens or creates the file. Throws std::system_error on I/O failure and std::runtime_error
    // when the file is not a spool or another process holds it.
    explicit PublishSpool(std::filesystem::path path);
    ~PublishSpool();
    PublishSpool(const PublishSpool&) = delete;
    PublishSpool& operator=(const PublishSpool&) = delete;

    // Appends the entries and fsyncs. On failure (std::system_error) the file is cut back to
    // where it was, so nothing half-written stays.
    void append(std::span<const std::string_view> entries);

    // Up to max_entries undelivered entries (but at least one when any), oldest first, stopping
    // before max_bytes is exceeded. Does not consume them.
    std::vector<std::string> peek(size_t max_entries, size_t max_bytes) const;

    // The first n undelivered entries reached Redis: records a mark (fsync'd), or empties the
    // file when nothing is left undelivered.
    void mark_delivered(size_t n);

    size_t undelivered() const { return undelivered_.size(); }
    bool empty() const { return undelivered_.empty(); }
    // Bytes cut off when the file was opened (a torn or corrupt tail), 0 normally.
    uint64_t truncated_bytes() const { return truncated_bytes_; }
    uint64_t file_size() const { return end_; }
    const std::filesystem::path& path() const { return path_; }

  private:
    void scan();
    void write_records(const std::string& bytes);
    void cut_to(uint64_t size);

    std::filesystem::path path_;
    int fd_ = -1;
    uint64_t end_ = 0;
    // File offset and payload length of every undelivered entry record, oldest first.
    struct Slot {
        uint64_t offset;
        uint32_t length;
    };
    std::deque<Slot> undelivered_;
    uint64_t truncated_bytes_ = 0;
};

}  // namespace viddhana::bus
