#include "ledger/event_recorder.h"

#include <spdlog/spdlog.h>

namespace viddhana::ledger {

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

EventRecorder::EventRecorder(store::Store& store, const LedgerConfig& config,
                             store::ShareSpool& shares, BlockSpool& blocks)
    : store_(store), config_(config), share_spool_(shares), block_spool_(blocks) {}

void EventRecorder::store_shares(std::span<const bus::ShareEvent> shares) {
    auto r = store_.shares().append_shares(shares);
    if (!r) {
        spdlog::error("dropping a batch of {} shares the store refuses: {}", shares.size(),
                      r.error().message);
        return;
    }
    stats_.shares_written += r->written;
    stats_.shares_duplicate += r->duplicates;
}

void EventRecorder::store_block(const bus::FoundBlock& b) {
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
        spdlog::error("block {} not recorded: {}", b.hash, added.error().message);
        return;
    }
    ++stats_.blocks_recorded;
    spdlog::info("block {} at height {} found by {}.{}: pending", b.hash, b.height, b.finder_login,
                 b.finder_worker);
}

bool EventRecorder::drain(int64_t now_ms) {
    (void)now_ms;
    try {
        if (!share_spool_.empty()) {
            size_t n =
                share_spool_.replay([&](std::span<const bus::ShareEvent> s) { store_shares(s); });
            spdlog::info("store reachable again: {} spooled shares written", n);
        }
        if (!block_spool_.empty()) {
            for (const auto& b : block_spool_.read_all())
                store_block(b);
            block_spool_.clear();
        }
        store_available_ = true;
    } catch (const store::StoreUnavailable&) {
        store_available_ = false;
    }
    return store_available_;
}

void EventRecorder::record(const bus::EventBatch& batch, int64_t now_ms) {
    if (batch.empty()) return;
    bool spooled = !share_spool_.empty() || !block_spool_.empty();
    if (!spooled || drain(now_ms)) {
        try {
            if (!batch.shares.empty()) store_shares(batch.shares);
            for (const auto& b : batch.blocks)
                store_block(b);
            store_available_ = true;
            return;
        } catch (const store::StoreUnavailable& e) {
            if (store_available_)
                spdlog::error("store unavailable, spooling events to disk: {}", e.what());
            store_available_ = false;
        }
    }
    // Everything of the batch goes to the spools; replaying skips what was already stored.
    if (!batch.shares.empty()) {
        share_spool_.append(batch.shares);
        stats_.shares_spooled += batch.shares.size();
    }
    for (const auto& b : batch.blocks)
        block_spool_.append(b);
}

}  // namespace viddhana::ledger
