// The payout guard: decides whether a payout may go out or is held for an operator's review, and
// says why. A pure decision on what the ledger knows about the miner and the pool; the ledger calls
// it before recording the payment intent.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/expected.h"

namespace viddhana::ledger {

struct PastPayout {
    int64_t time_unix = 0;
    int64_t amount = 0;  // base units
    std::string address;
};

struct PayoutGuardConfig {
    double max_ratio_to_median = 5;          // hold above this many times the median past payout...
    double max_ratio_to_largest = 1.5;       // ... when also above this many times the largest
    size_t min_history = 3;                  // payouts before the history is trusted
    int64_t new_miner_limit = 0;             // hold a new miner's payouts above this (0: no limit)
    int64_t address_cooldown_s = 48 * 3600;  // hold when the address changed this recently
    int pool_address_changes_limit = 10;     // hold everything when this many addresses changed
    int64_t pool_address_window_s = 3600;    // ... within this window, pool-wide
    double credit_tolerance = 0.001;         // amount may exceed the ledger's credit by this much
};

struct PayoutGuardInputs {
    std::string miner;
    int64_t amount = 0;  // base units
    std::string address;
    int64_t now_unix = 0;
    std::vector<PastPayout> history;              // the miner's earlier payouts, any order
    std::optional<int64_t> address_changed_unix;  // when the payout address was last set
    // Pool-wide: times at which any miner's payout address changed (recent ones suffice).
    std::vector<int64_t> pool_address_changes_unix;
    std::optional<int64_t> credited_balance;  // what the ledger's balance rows add up to
    PayoutGuardConfig config;
};

struct PayoutDecision {
    bool hold = false;
    std::vector<std::string> reasons;  // every rule that asked for a hold
};

Expected<PayoutDecision> guard_payout(const PayoutGuardInputs& inputs);

}  // namespace viddhana::ledger
