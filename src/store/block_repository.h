// Found blocks from submission until confirmed or orphaned, and the rounds (PPLNS windows and
// per-miner credits) that say which shares each block paid.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/expected.h"
#include "bus/found_block.h"
#include "ledger/payout/scheme_kind.h"
#include "store/records.h"

namespace viddhana::store {

// How many blocks a miner found (any status).
struct FinderCount {
    std::string login;
    int64_t blocks = 0;
};

class BlockRepository {
  public:
    virtual ~BlockRepository() = default;

    // Stores a found block as pending, credited later by `scheme`. A second block with the same
    // hash is an error.
    virtual Expected<Block> add_block(const bus::FoundBlock& block,
                                      ledger::payout::SchemeKind scheme) = 0;
    virtual std::optional<Block> find_block(int64_t id) = 0;
    virtual std::optional<Block> find_block_by_hash(const std::string& hash) = 0;
    // Newest first (found_ms, then id); only one status when given.
    virtual Expected<std::vector<Block>> blocks(
        Page page, std::optional<BlockStatus> status = std::nullopt) = 0;

    // Pending blocks only.
    virtual Expected<Block> update_confirmations(int64_t block_id, int64_t confirmations,
                                                 int64_t now_ms) = 0;
    // pending -> confirmed: its credits become mature.
    virtual Expected<Block> mark_confirmed(int64_t block_id, int64_t confirmations,
                                           int64_t now_ms) = 0;
    // pending -> orphaned, and in the same transaction an orphan_reversal row per miner that
    // cancels what the block credited, so its balance rows sum to zero.
    virtual Expected<Block> mark_orphaned(int64_t block_id, int64_t now_ms) = 0;

    // Stores the round of a block with its credits, and the block_credit (and fee) balance rows,
    // in one transaction. One round per block; credits must not exceed the block reward.
    virtual Expected<Round> record_round(const NewRound& round) = 0;
    virtual std::optional<Round> round_for_block(int64_t block_id) = 0;

    // The block the pool found just before this one (by found time, then id), whatever its status.
    virtual std::optional<Block> previous_block(int64_t block_id) = 0;
    // Pending or confirmed blocks without a round, oldest first.
    virtual Expected<std::vector<Block>> uncredited_blocks(int64_t limit) = 0;

    // Blocks found since `since_ms` per finder, most first (ties by login); one miner's when
    // `login` is given.
    virtual std::vector<FinderCount> finder_counts(int64_t since_ms,
                                                   const std::optional<std::string>& login) = 0;
};

}  // namespace viddhana::store
