// Where the ledger keeps events the store could not take (database down) until it is back: a
// RecordLog (base/record_log.h) of event batches in the event bus's encoding (bus/event_codec.h),
// shares and found blocks together in the order they came, fdatasync'd before append() returns.
//
// Replay reads a bounded chunk at a time and marks it delivered once the store took it, so a
// replay that fails half way (the database went away again) continues from there, and memory
// never holds more than one chunk. Files of earlier versions (the share spool and the block
// spool's JSON lines) are taken over when the spool opens (legacy_spools.h).
// Not thread-safe: the ledger's record thread owns it.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "base/record_log.h"
#include "bus/event_bus.h"

namespace viddhana::ledger {

struct SpoolReplayLimits {
    size_t max_batches = 256;     // spooled batches per chunk
    size_t max_bytes = 4u << 20;  // encoded bytes per chunk (at least one batch)
};

class EventSpool {
  public:
    // Opens or creates the spool at `path`. Throws what RecordLog throws.
    explicit EventSpool(std::filesystem::path path);

    // Durable on return; throws std::system_error when the disk fails.
    void append(const bus::EventBatch& batch);

    // One chunk: the spooled batches merged in order into one batch, handed to `store`. Once it
    // returns, the chunk is marked delivered. When it throws, nothing of the chunk is marked and
    // the exception propagates: the next call replays the same chunk. A spooled record that no
    // longer decodes goes to `undecodable` (with why) and counts as delivered. Returns the
    // number of batches delivered (0 when the spool is empty).
    size_t replay_chunk(
        const std::function<void(const bus::EventBatch&)>& store,
        const std::function<void(std::string_view, const std::string&)>& undecodable,
        SpoolReplayLimits limits = {});

    bool empty() const { return log_.empty(); }
    size_t batches() const { return log_.undelivered(); }
    uint64_t bytes() const { return log_.undelivered_bytes(); }
    const RecordLog& log() const { return log_; }

  private:
    RecordLog log_;
};

}  // namespace viddhana::ledger
