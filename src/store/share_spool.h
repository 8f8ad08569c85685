// A disk buffer for shares the store could not take (database down): append-only file of
// CRC-checked, length-prefixed records, fsync'd on every append. Opening it cuts off a torn
// tail left by a crash mid-write; replay hands the shares back in order, in batches.
// Not thread-safe: one owner.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <vector>

#include "bus/share_event.h"

namespace viddhana::store {

class ShareSpool {
  public:
    // Opens or creates the file. Throws std::system_error on I/O failure and std::runtime_error
    // when the file exists but is not a share spool.
    explicit ShareSpool(std::filesystem::path path);
    ~ShareSpool();
    ShareSpool(const ShareSpool&) = delete;
    ShareSpool& operator=(const ShareSpool&) = delete;

    // Writes the shares and fsyncs before returning.
    void append(std::span<const bus::ShareEvent> shares);

    // Every spooled share, oldest first.
    std::vector<bus::ShareEvent> read_all() const;

    // Calls sink with consecutive batches of at most batch_size shares, oldest first, and
    // empties the spool once every batch was taken. If sink throws, the spool is left as it
    // was (the sink must tolerate seeing a batch again: append_shares does). Returns the
    // number of shares replayed.
    size_t replay(const std::function<void(std::span<const bus::ShareEvent>)>& sink,
                  size_t batch_size = 10'000);

    // Drops every record.
    void clear();

    size_t record_count() const { return records_; }
    bool empty() const { return records_ == 0; }
    // Bytes cut off when the file was opened (a torn or corrupt tail), 0 normally.
    uint64_t truncated_bytes() const { return truncated_bytes_; }
    const std::filesystem::path& path() const { return path_; }

  private:
    std::vector<uint8_t> read_file() const;

    std::filesystem::path path_;
    int fd_ = -1;
    size_t records_ = 0;
    uint64_t truncated_bytes_ = 0;
};

}  // namespace viddhana::store
