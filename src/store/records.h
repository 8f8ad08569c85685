// The rows the store hands out and takes in: miners, workers, shares, hashrate, blocks, rounds,
// balance changes, payments, events. Amounts are int64 base units; difficulty is double.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/expected.h"
#include "bus/share_event.h"
#include "ledger/payout/scheme_kind.h"

namespace viddhana::store {

// Offset paging of a list in time order: newest first unless oldest_first, optionally only
// the rows of [from_ms, to_ms) (0: unbounded).
struct Page {
    int64_t limit = 50;  // 1..1000
    int64_t offset = 0;  // >= 0
    bool oldest_first = false;
    int64_t from_ms = 0;
    int64_t to_ms = 0;
};
Expected<Page> validate(Page page);

// ---- miners and workers -----------------------------------------------------------------

struct Miner {
    std::string login;                          // the miner's coin address
    std::optional<int64_t> payout_threshold;    // none: the pool's default threshold
    std::optional<std::string> payout_address;  // none: pay to login
    int64_t created_ms = 0;
    // When payout_address last took a different value (the payout guard holds payouts to an
    // address set only just before); none: never changed.
    std::optional<int64_t> payout_address_changed_ms;
};

struct Worker {
    std::string login;
    std::string name;
    int64_t first_seen_ms = 0;
    int64_t last_seen_ms = 0;              // any share, rejected ones included
    std::optional<int64_t> last_share_ms;  // last accepted share
};

// ---- shares ---------------------------------------------------------------------------------

struct StoredShare {
    int64_t id = 0;
    bus::ShareEvent share;
};

struct AppendResult {
    size_t written = 0;     // new shares stored
    size_t duplicates = 0;  // skipped: at or below their node's high-water mark
};

// A position in the share log: shares are ordered by (time_ms, id).
struct ShareCursor {
    int64_t time_ms = 0;
    int64_t id = 0;
    friend bool operator==(const ShareCursor&, const ShareCursor&) = default;
};

struct MinerDifficulty {
    std::string login;
    double difficulty = 0;
    friend bool operator==(const MinerDifficulty&, const MinerDifficulty&) = default;
};

// The PPLNS window: accepted shares walked back from `newest` until `target` difficulty is
// summed. The oldest share counted (the boundary) contributes only the part that fits.
struct PplnsWindow {
    double target = 0;
    double counted = 0;  // == target when complete, less when the log ran out
    bool complete = false;
    std::optional<ShareCursor> newest;
    std::optional<ShareCursor> boundary;
    double boundary_fraction = 0;         // part of the boundary share's difficulty counted
    std::vector<MinerDifficulty> miners;  // sorted by login
};

struct RetentionResult {
    int64_t shares_removed = 0;  // rows (SQLite) or rows in dropped partitions (PostgreSQL)
    int64_t rollup_rows_removed = 0;
};

// ---- hashrate -------------------------------------------------------------------------------

// Sums over the minute buckets whose start lies in [from_ms, to_ms).
struct HashrateWindow {
    int64_t from_ms = 0;
    int64_t to_ms = 0;
    double accepted_difficulty = 0;
    int64_t accepted = 0;
    int64_t rejected = 0;
};
// Hashes per second for a window, given how many hashes one unit of difficulty stands for
// (2^32 for SHA-256d, 2^32 / 65536 for scrypt with the usual multiplier).
double hashes_per_second(const HashrateWindow& w, double hashes_per_difficulty);

struct WorkerHashrate {
    std::string worker;
    HashrateWindow window;
};

struct MinerHashrate {
    std::string login;
    HashrateWindow window;
};

struct HashratePoint {
    int64_t minute_ms = 0;
    double accepted_difficulty = 0;
    int64_t accepted = 0;
    int64_t rejected = 0;
};

// ---- blocks and rounds ----------------------------------------------------------------------

enum class BlockStatus { pending, confirmed, orphaned };

// A found block as stored: what Stratum reported (a bus::FoundBlock, added by
// BlockRepository::add_block) and what the ledger learned since. The node's verdict and the
// share's own difficulty stay on the bus: a stored block is one the node took or may have.
struct Block {
    int64_t id = 0;
    int64_t height = 0;
    std::string hash;
    int64_t reward = 0;  // base units
    double network_difficulty = 0;
    double effort = 0;  // round's share difficulty / network difficulty (0 until credited)
    std::string finder_login;
    std::string finder_worker;
    int64_t found_ms = 0;
    ledger::payout::SchemeKind scheme = ledger::payout::SchemeKind::pplns;
    BlockStatus status = BlockStatus::pending;
    int64_t confirmations = 0;
    int64_t updated_ms = 0;
    std::optional<int64_t> round_id;
};

struct RoundCredit {
    std::string login;
    double share_difficulty = 0;  // the miner's difficulty inside the window
    int64_t amount = 0;           // credited (block_credit row), >= 0
    int64_t fee = 0;              // pool fee charged to the miner (fee row, negative), >= 0
};

// Which shares paid which block: the window and per-miner totals.
struct NewRound {
    int64_t block_id = 0;
    ledger::payout::SchemeKind scheme = ledger::payout::SchemeKind::pplns;
    double window_target = 0;
    double window_counted = 0;
    std::optional<ShareCursor> newest;
    std::optional<ShareCursor> boundary;
    double boundary_fraction = 0;
    int64_t created_ms = 0;
    std::vector<RoundCredit> credits;
    // The round's effort (its work / network difficulty), stored on the block.
    double effort = 0;
    // SOLO: the coinbase already paid these amounts on chain; the round records them but no
    // balance rows are written (the pool holds nothing for anyone).
    bool paid_in_coinbase = false;
};

struct Round : NewRound {
    int64_t id = 0;
};

// ---- balances -------------------------------------------------------------------------------

enum class BalanceReason { block_credit, fee, pps_credit, payment, orphan_reversal, adjustment };

struct NewBalanceChange {
    std::string login;
    int64_t amount = 0;  // base units, non-zero, sign as the reason demands
    BalanceReason reason = BalanceReason::adjustment;
    std::optional<int64_t> block_id;
    std::optional<std::string> payment_id;
    std::string memo;
    int64_t time_ms = 0;
};

struct BalanceChange : NewBalanceChange {
    int64_t id = 0;
};

struct Balance {
    int64_t immature = 0;  // rows tied to blocks still pending
    int64_t pending = 0;   // mature and not yet paid out
    int64_t paid = 0;      // payments sent or confirmed
};

struct PayableMiner {
    std::string login;
    std::string address;  // payout address, or the login
    int64_t pending = 0;
    int64_t threshold = 0;
    std::optional<int64_t> address_changed_ms;  // Miner::payout_address_changed_ms
};

// ---- payments -------------------------------------------------------------------------------

enum class PaymentStatus { intent, sent, confirmed, failed, held };

struct NewPayment {
    std::string id;  // UUID, chosen by the payer before the wallet call
    std::string login;
    std::string address;
    int64_t amount = 0;  // sent to the address, > 0
    int64_t fee = 0;     // charged to the miner on top of amount, >= 0
    std::optional<std::string> batch_id;
    int64_t time_ms = 0;
};

struct Payment : NewPayment {
    PaymentStatus status = PaymentStatus::intent;
    std::optional<std::string> txid;
    std::string error;
    std::optional<int64_t> sent_ms;
    std::optional<int64_t> confirmed_ms;
    int64_t updated_ms = 0;
};

struct PaymentFilter {
    std::optional<std::string> login;
    std::optional<PaymentStatus> status;
    std::optional<std::string> batch_id;
};

struct PoolTotals {
    int64_t blocks_found = 0;
    int64_t blocks_pending = 0;
    int64_t blocks_confirmed = 0;
    int64_t blocks_orphaned = 0;
    int64_t total_paid = 0;  // payments sent or confirmed
    int64_t miners = 0;
};

// ---- events ---------------------------------------------------------------------------------

enum class EventSeverity { info, warning, critical };

struct NewEvent {
    std::string kind;     // e.g. "block_orphaned", "node_down"
    std::string subject;  // what it is about: a login, a node, a block hash
    EventSeverity severity = EventSeverity::info;
    std::string message;
    int64_t time_ms = 0;
};

struct Event : NewEvent {
    int64_t id = 0;
};

// ---- enum names (the text stored in the database) --------------------------------------------
// (A payout scheme is stored as ledger::payout::to_string(SchemeKind) names.)

std::string_view to_string(BlockStatus s);
std::string_view to_string(BalanceReason r);
std::string_view to_string(PaymentStatus s);
std::string_view to_string(EventSeverity s);
Expected<BlockStatus> parse_block_status(std::string_view s);
Expected<BalanceReason> parse_balance_reason(std::string_view s);
Expected<PaymentStatus> parse_payment_status(std::string_view s);
Expected<EventSeverity> parse_event_severity(std::string_view s);

// True for the 8-4-4-4-12 hex form ("0f8fad5b-d9cb-469f-a165-70867728950e").
bool is_uuid(std::string_view s);

}  // namespace viddhana::store
