#include "ledger/event_recorder.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "bus/event_codec.h"
#include "store/share_batch.h"

namespace viddhana::ledger {
namespace {

// While the store is down, the spool is offered to it this often at first, then less often.
constexpr int64_t kFirstRetryMs = 250;
constexpr int64_t kMaxRetryMs = 5'000;

}  // namespace

bool block_worth_tracking(const bus::FoundBlock& b) {
    if (b.accepted) return true;
    const std::string& a = b.node_answer;
    // submitblock's own rejection reasons are short tokens such as "high-hash" or
    // "bad-txnmrklroot"; anything else (transport failures, "inconclusive") leaves the block
    // possibly valid, and the unlocker settles it against the chain.
    if (a == "duplicate" || a == "inconclusive" || a == "duplicate-inconclusive") return true;
    bool token = !a.empty() && a.find(' ') == std::string::npos;
    return !token;
}

EventRecorder::EventRecorder(store::Store& store, const LedgerConfig& config, EventSpool& spool,
                             Quarantine& quarantine)
    : store_(store), config_(config), spool_(spool), quarantine_(quarantine) {}

void EventRecorder::store_shares(std::span<const bus::ShareEvent> shares, int64_t now_ms) {
    auto r = store_.shares().append_shares(shares);
    if (!r) {
        // Refused: the shares that are bad input go to the quarantine, the others are stored.
        std::vector<bus::ShareEvent> good;
        good.reserve(shares.size());
        size_t bad = 0;
        for (const auto& s : shares) {
            if (auto error = store::validate_share(s)) {
                quarantine_.share(s, error->message, now_ms);
                ++bad;
            } else {
                good.push_back(s);
            }
        }
        stats_.shares_quarantined += bad;
        if (good.empty()) return;
        if (bad > 0) r = store_.shares().append_shares(good);
        if (!r) {
            // Refused for a reason no single share explains: the batch is set aside whole.
            quarantine_.record(bus::encode_events(good, {}), r.error().message, now_ms);
            stats_.shares_quarantined += good.size();
            return;
        }
    }
    stats_.shares_written += r->written;
    stats_.shares_duplicate += r->duplicates;
}

void EventRecorder::store_block(const bus::FoundBlock& b, int64_t now_ms) {
    if (!block_worth_tracking(b)) {
        ++stats_.blocks_rejected;
        spdlog::warn("block {} at height {} was rejected by the node ({}): not tracked", b.hash,
                     b.height, b.node_answer);
        (void)store_.events().add_event({"block_rejected", b.hash, store::EventSeverity::warning,
                                         "the node rejected the block: " + b.node_answer,
                                         b.found_ms});
        return;
    }
    if (store_.blocks().find_block_by_hash(b.hash)) return;  // replayed
    auto added = store_.blocks().add_block(b, config_.payout.scheme);
    if (!added) {
        quarantine_.block(b, added.error().message, now_ms);
        return;
    }
    ++stats_.blocks_recorded;
    spdlog::info("block {} at height {} found by {}.{}: pending", b.hash, b.height, b.finder_login,
                 b.finder_worker);
}

void EventRecorder::store_batch(const bus::EventBatch& batch, int64_t now_ms) {
    if (!batch.shares.empty()) store_shares(batch.shares, now_ms);
    for (const auto& b : batch.blocks)
        store_block(b, now_ms);
}

void EventRecorder::went_down(const std::exception& e, int64_t now_ms) {
    if (store_available_) {
        spdlog::error("store unavailable, spooling events to {}: {}", spool_.log().path().string(),
                      e.what());
        backoff_ms_ = kFirstRetryMs;
    } else {
        backoff_ms_ = std::min(backoff_ms_ * 2, kMaxRetryMs);
    }
    store_available_ = false;
    next_attempt_ms_ = now_ms + backoff_ms_;
}

bool EventRecorder::drain(int64_t now_ms, size_t max_chunks) {
    if (spool_.empty()) return true;
    if (!store_available_ && now_ms < next_attempt_ms_) return false;
    try {
        for (size_t i = 0; i < max_chunks && !spool_.empty(); ++i) {
            spool_.replay_chunk([&](const bus::EventBatch& batch) { store_batch(batch, now_ms); },
                                [&](std::string_view bytes, const std::string& why) {
                                    quarantine_.record(
                                        bytes, "spooled record does not decode: " + why, now_ms);
                                });
        }
        if (!store_available_) spdlog::info("store reachable again: replaying the spool");
        store_available_ = true;
        if (spool_.empty()) spdlog::info("spool replayed: events go to the store directly again");
    } catch (const store::StoreUnavailable& e) {
        went_down(e, now_ms);
    }
    return spool_.empty();
}

void EventRecorder::record(const bus::EventBatch& batch, int64_t now_ms) {
    if (batch.empty()) return;
    if (spool_.empty()) {
        try {
            store_batch(batch, now_ms);
            store_available_ = true;
            return;
        } catch (const store::StoreUnavailable& e) {
            went_down(e, now_ms);
        }
    }
    // Behind what the spool holds; a replay skips what was stored before the store went away.
    spool_.append(batch);
    stats_.shares_spooled += batch.shares.size();
}

}  // namespace viddhana::ledger
