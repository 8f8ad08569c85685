// Spool files of earlier versions, taken over by the ledger's event spool (event_spool.h) so an
// upgrade in the middle of a database outage loses nothing: the share spool ("VDSPOOL1": u32
// length, u32 CRC-32, one encoded share per record) that lived at the spool's path, and the
// block spool (one JSON object per line) at the same path plus ".blocks". Read as streams, a
// record at a time; a torn last record or line is skipped, as those versions did.
#pragma once
#include <filesystem>
#include <functional>

#include "bus/event_bus.h"

namespace viddhana::ledger {

// When `path` holds an earlier version's share spool, renames it to `path` + ".v1".
void set_aside_legacy_share_spool(const std::filesystem::path& path);

// Hands the events of `path` + ".v1" and `path` + ".blocks" to `append` (in batches), then
// removes those files. Safe to repeat after a crash half way: the store skips what it has.
void import_legacy_spools(const std::filesystem::path& path,
                          const std::function<void(const bus::EventBatch&)>& append);

}  // namespace viddhana::ledger
