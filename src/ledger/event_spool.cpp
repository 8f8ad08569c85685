#include "ledger/event_spool.h"

#include <iterator>

#include "bus/event_codec.h"
#include "ledger/legacy_spools.h"

namespace viddhana::ledger {
namespace {

RecordLogOptions spool_options() {
    RecordLogOptions o;
    o.tag = "ledger events";
    return o;
}

}  // namespace

EventSpool::EventSpool(std::filesystem::path path)
    : log_(
          [&] {
              // An earlier version's share spool at this path moves aside before the log is made.
              set_aside_legacy_share_spool(path);
              return std::move(path);
          }(),
          spool_options()) {
    import_legacy_spools(log_.path(), [this](const bus::EventBatch& b) { append(b); });
}

void EventSpool::append(const bus::EventBatch& batch) {
    if (batch.empty()) return;
    log_.append(bus::encode_events(batch));
}

size_t EventSpool::replay_chunk(
    const std::function<void(const bus::EventBatch&)>& store,
    const std::function<void(std::string_view, const std::string&)>& undecodable,
    SpoolReplayLimits limits) {
    log_.rewind();
    auto records = log_.read(limits.max_batches, limits.max_bytes);
    if (records.empty()) return 0;
    bus::EventBatch merged;
    for (const auto& r : records) {
        auto batch = bus::decode_events(r);
        if (!batch) {
            undecodable(r, batch.error().message);
            continue;
        }
        if (merged.empty()) {
            merged = std::move(*batch);
            continue;
        }
        std::move(batch->shares.begin(), batch->shares.end(), std::back_inserter(merged.shares));
        std::move(batch->blocks.begin(), batch->blocks.end(), std::back_inserter(merged.blocks));
    }
    if (!merged.empty()) store(merged);
    log_.mark_delivered(records.size());
    return records.size();
}

}  // namespace viddhana::ledger
