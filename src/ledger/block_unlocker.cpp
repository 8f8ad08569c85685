#include "ledger/block_unlocker.h"

#include <spdlog/spdlog.h>

namespace viddhana::ledger {

BlockDecision decide_block(const store::Block& block, const BlockObservation& seen,
                           int maturity_confirmations, int64_t grace_ms, int64_t now_ms) {
    if (block.status != store::BlockStatus::pending) return BlockDecision::keep_waiting;
    if (!seen.state.known) {
        // Submitted but unknown to the node: it was refused, or the node lost it.
        return now_ms - block.found_ms >= grace_ms ? BlockDecision::orphan
                                                   : BlockDecision::keep_waiting;
    }
    if (seen.state.confirmations < 1) {
        // On a side chain. Only an active chain that has passed the height decides it: while the
        // tip is lower the node may still be switching over.
        bool replaced = seen.active_hash_at_height && *seen.active_hash_at_height != block.hash &&
                        seen.tip_height >= block.height;
        return replaced ? BlockDecision::orphan : BlockDecision::keep_waiting;
    }
    if (seen.state.confirmations >= maturity_confirmations) return BlockDecision::confirm;
    return seen.state.confirmations != block.confirmations ? BlockDecision::update_confirmations
                                                           : BlockDecision::keep_waiting;
}

BlockUnlocker::BlockUnlocker(store::Store& store, ChainView& chain, const LedgerConfig& config)
    : store_(store), chain_(chain), config_(config) {}

UnlockerPassResult BlockUnlocker::pass(int64_t now_ms) {
    UnlockerPassResult result;
    const int64_t grace_ms = int64_t{config_.unknown_block_grace_seconds} * 1000;
    // Gather first: deciding changes statuses, which would shift the pages under the reader.
    std::vector<store::Block> pending;
    for (int64_t offset = 0;; offset += 1000) {
        auto page = store_.blocks().blocks({1000, offset}, store::BlockStatus::pending);
        if (!page) throw std::runtime_error("reading pending blocks: " + page.error().message);
        pending.insert(pending.end(), page->begin(), page->end());
        if (page->size() < 1000) break;
    }
    if (pending.empty()) return result;
    const int64_t tip = chain_.tip_height();
    for (const auto& block : pending) {
        BlockObservation seen;
        seen.state = chain_.block_state(block.hash);
        seen.tip_height = tip;
        if (seen.state.confirmations < 1) seen.active_hash_at_height = chain_.hash_at(block.height);
        ++result.checked;
        switch (decide_block(block, seen, config_.maturity_confirmations, grace_ms, now_ms)) {
            case BlockDecision::keep_waiting:
                break;
            case BlockDecision::update_confirmations:
                if (auto r = store_.blocks().update_confirmations(block.id,
                                                                  seen.state.confirmations, now_ms);
                    !r) {
                    spdlog::error("block {}: {}", block.hash, r.error().message);
                }
                break;
            case BlockDecision::confirm:
                if (auto r = store_.blocks().mark_confirmed(block.id, seen.state.confirmations,
                                                            now_ms)) {
                    ++result.confirmed;
                    spdlog::info("block {} at height {} confirmed: its credits are mature",
                                 block.hash, block.height);
                } else {
                    spdlog::error("block {}: {}", block.hash, r.error().message);
                }
                break;
            case BlockDecision::orphan:
                if (auto r = store_.blocks().mark_orphaned(block.id, now_ms)) {
                    ++result.orphaned;
                    spdlog::warn("block {} at height {} orphaned: its credits are reversed",
                                 block.hash, block.height);
                    (void)store_.events().add_event(
                        {"block_orphaned", block.hash, store::EventSeverity::warning,
                         "block at height " + std::to_string(block.height) +
                             " is not in the active chain: its credits were reversed",
                         now_ms});
                } else {
                    spdlog::error("block {}: {}", block.hash, r.error().message);
                }
                break;
        }
    }
    return result;
}

}  // namespace viddhana::ledger
