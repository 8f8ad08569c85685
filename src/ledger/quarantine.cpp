#include "ledger/quarantine.h"

#include <spdlog/spdlog.h>

#include "base/crc32.h"
#include "base/hex.h"
#include "bus/event_codec.h"
#include "store/share_batch.h"

namespace viddhana::ledger {
namespace {

std::string hex_of(std::string_view bytes) {
    return to_hex(std::span(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
}

}  // namespace

std::string quarantine_subject(const bus::ShareEvent& s) {
    return "node " + std::to_string(s.node_id) + " sequence " + std::to_string(s.sequence);
}

void Quarantine::add(store::NewQuarantined q) {
    auto added = store_.quarantine().add(q);
    if (!added) {
        // Only a subject or reason out of bounds gets here; neither comes from outside.
        spdlog::critical("cannot quarantine {} {}: {}", store::to_string(q.kind), q.subject,
                         added.error().message);
        return;
    }
    if (!*added) return;  // a replay: already set aside
    added_.fetch_add(1, std::memory_order_relaxed);
    spdlog::error("quarantined {} {}: {} (`viddhana quarantine list` shows it)",
                  store::to_string(q.kind), q.subject, q.reason);
}

void Quarantine::share(const bus::ShareEvent& share, const std::string& reason, int64_t now_ms) {
    add({store::QuarantineKind::share, quarantine_subject(share), reason,
         hex_of(bus::encode_events(std::span(&share, 1), {})), now_ms});
}

void Quarantine::block(const bus::FoundBlock& block, const std::string& reason, int64_t now_ms) {
    std::string subject = block.hash.empty() ? "block at height " + std::to_string(block.height)
                                             : block.hash.substr(0, 128);
    add({store::QuarantineKind::block, subject, reason,
         hex_of(bus::encode_events({}, std::span(&block, 1))), now_ms});
}

void Quarantine::record(std::string_view bytes, const std::string& reason, int64_t now_ms) {
    char name[64];
    std::snprintf(name, sizeof name, "record crc32 %08x, %zu bytes", crc32(bytes), bytes.size());
    add({store::QuarantineKind::record, name, reason, hex_of(bytes), now_ms});
}

Expected<std::string> Quarantine::retry(int64_t id, int64_t now_ms) {
    auto q = store_.quarantine().find(id);
    if (!q) return make_error("no quarantined record with id " + std::to_string(id));
    auto refused = [&](const std::string& why) -> Expected<std::string> {
        (void)store_.quarantine().set_reason(id, why);
        return make_error(why);
    };
    auto bytes = from_hex(q->payload);
    if (!bytes) return refused("the quarantined payload is not hex");
    auto batch = bus::decode_events(
        std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()));
    if (!batch) return refused(batch.error().message);
    for (const auto& s : batch->shares) {
        if (auto error = store::validate_share(s)) return refused(error->message);
    }
    if (!batch->shares.empty()) {
        auto stored = store_.shares().restore_shares(batch->shares);
        if (!stored) return refused(stored.error().message);
    }
    for (const auto& b : batch->blocks) {
        if (store_.blocks().find_block_by_hash(b.hash)) continue;
        auto added = store_.blocks().add_block(b, scheme_);
        if (!added) return refused(added.error().message);
    }
    (void)store_.quarantine().remove(id);
    (void)store_.events().add_event({"quarantine_retried", q->subject, store::EventSeverity::info,
                                     "stored from the quarantine", now_ms});
    return std::string(store::to_string(q->kind)) + " " + q->subject + " stored";
}

Expected<std::string> Quarantine::drop(int64_t id, int64_t now_ms) {
    auto q = store_.quarantine().find(id);
    if (!q) return make_error("no quarantined record with id " + std::to_string(id));
    auto removed = store_.quarantine().remove(id);
    if (!removed) return removed.error();
    (void)store_.events().add_event(
        {"quarantine_dropped", q->subject, store::EventSeverity::warning,
         "dropped from the quarantine; it was refused because: " + q->reason, now_ms});
    return std::string(store::to_string(q->kind)) + " " + q->subject + " dropped";
}

}  // namespace viddhana::ledger
