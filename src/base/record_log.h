// The one on-disk log behind every spool and local record of the pool: an append-only file of
// framed, checksummed records with a persisted delivery mark, read back in bounded chunks.
//
//   header:  "VDRLOG01", u32 tag length, tag, u32 CRC-32 of everything before it
//   record*: u8 type, u32 length, u32 CRC-32 (of type, length and payload), payload
//     type 1: an entry (the owner's bytes)
//     type 2: a delivery mark (payload: u64 file offset where reading resumes)
//
// The tag names what the log holds ("ledger events", "found blocks"), so one log is never opened
// as another. Appends are fdatasync'd before they count (unless the owner asks for page-cache
// durability only: such a log survives a crash of the process, not of the machine). Delivered
// entries are not rewritten: a mark records how far delivery got, so a replay after a failure
// continues there. Once everything is delivered the file is cut back to its header; while
// entries remain, a delivered prefix larger than both compact_bytes and the undelivered rest is
// dropped by copying the rest to a new file (in bounded chunks), so the file never grows with
// what was delivered.
//
// Opening scans the file with a bounded buffer (never the whole file in memory). A damaged
// record followed by a valid one is skipped (counted in damaged_records()); a damaged or
// incomplete record with nothing valid after it is a torn tail from a crash mid-append and is
// cut off (truncated_bytes()). Not thread-safe: one owner. Holds an exclusive lock on the file,
// so two processes never write one log.
#pragma once
#include <cstdint>
#include <deque>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace viddhana {

struct RecordLogOptions {
    std::string tag;                     // what the log holds; a file with another tag is refused
    bool sync = true;                    // fdatasync every append and mark (false: page cache only)
    uint64_t compact_bytes = 64u << 20;  // delivered prefix that is worth a compaction
};

class RecordLog {
  public:
    static constexpr std::string_view kMagic = "VDRLOG01";
    static constexpr size_t kRecordHeader = 9;
    static constexpr uint32_t kMaxRecord = 1u << 30;

    // Opens or creates the file. Throws std::system_error on I/O failure and std::runtime_error
    // when the file is not a record log, holds another tag, or another process holds it.
    RecordLog(std::filesystem::path path, RecordLogOptions options);
    ~RecordLog();
    RecordLog(const RecordLog&) = delete;
    RecordLog& operator=(const RecordLog&) = delete;

    // Appends the entries (durable on return when options.sync). On failure (std::system_error)
    // the file is cut back to where it was, so nothing half-written stays. An entry larger than
    // kMaxRecord is std::length_error.
    void append(std::span<const std::string_view> entries);
    void append(std::string_view entry) { append(std::span<const std::string_view>(&entry, 1)); }

    // The next undelivered entries after those read before (at least one when any is left),
    // at most max_entries, stopping before max_bytes is exceeded. Reading consumes nothing:
    // mark_delivered() does.
    std::vector<std::string> read(size_t max_entries, size_t max_bytes);
    // The first n entries read since the last mark reached their destination: records a mark
    // (durable when options.sync) or empties the file when nothing is left undelivered.
    void mark_delivered(size_t n);
    // Forgets what was read and not marked: the next read() starts at the mark again.
    void rewind();

    size_t undelivered() const { return undelivered_; }
    bool empty() const { return undelivered_ == 0; }
    // Entries read and not yet marked delivered.
    size_t unmarked_reads() const { return read_ends_.size(); }
    // Payload bytes of the undelivered entries.
    uint64_t undelivered_bytes() const { return undelivered_bytes_; }
    uint64_t file_size() const { return end_; }
    // Bytes cut off when the file was opened (a torn or corrupt tail), 0 normally.
    uint64_t truncated_bytes() const { return truncated_bytes_; }
    // Damaged records skipped when the file was opened (a valid record followed them).
    uint64_t damaged_records() const { return damaged_records_; }
    uint64_t compactions() const { return compactions_; }
    const std::filesystem::path& path() const { return path_; }

  private:
    struct Frame {
        uint8_t type = 0;
        uint32_t length = 0;
    };
    void create_header();
    void scan();
    // The frame at `pos` if it is complete and its CRC holds.
    bool valid_frame(uint64_t pos, uint64_t size, Frame& frame, std::string& payload) const;
    void write_at_end(const std::string& bytes);
    void cut_to(uint64_t size);
    void compact();
    // Writes the entries from the mark on (less the records at `skip`, sorted) to a new file
    // that replaces this one.
    void compact_skipping(const std::vector<uint64_t>& skip);

    std::filesystem::path path_;
    RecordLogOptions options_;
    int fd_ = -1;
    uint64_t header_size_ = 0;
    uint64_t end_ = 0;
    uint64_t mark_ = 0;               // where reading resumes after a restart
    uint64_t read_pos_ = 0;           // where the next read() starts
    std::deque<uint64_t> read_ends_;  // end offset of each entry read since the mark
    std::deque<uint32_t> read_sizes_;
    size_t undelivered_ = 0;
    uint64_t undelivered_bytes_ = 0;
    uint64_t truncated_bytes_ = 0;
    uint64_t damaged_records_ = 0;
    uint64_t compactions_ = 0;
};

}  // namespace viddhana
