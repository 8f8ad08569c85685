// Balances as append-only rows: a balance is the sum of its rows. Rows tied to blocks that are
// still pending are immature; the rest is pending payout (mature, unpaid).
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/expected.h"
#include "store/records.h"

namespace viddhana::store {

// What a miner earned in one UTC day: credits less fees and orphan reversals.
struct DailyAmount {
    int64_t day_ms = 0;  // the day's start, Unix ms (UTC)
    int64_t amount = 0;  // base units
};

class BalanceRepository {
  public:
    virtual ~BalanceRepository() = default;

    // Appends rows in one transaction, all or none. Rules: the miner exists; amount != 0;
    // block_credit and pps_credit are positive, fee is negative; block_id/payment_id, when
    // given, exist; payment rows are written by PaymentRepository only.
    virtual Expected<std::vector<int64_t>> append_changes(
        std::span<const NewBalanceChange> changes) = 0;

    // append_changes and a pool_state key set in the same transaction: a credit and the cursor
    // that says what it covered commit together or not at all. `changes` may be empty.
    virtual Expected<std::vector<int64_t>> append_changes_with_state(
        std::span<const NewBalanceChange> changes, const std::string& key, const std::string& value,
        int64_t now_ms) = 0;

    virtual Balance balance(const std::string& login) = 0;
    // Newest first.
    virtual Expected<std::vector<BalanceChange>> changes(const std::string& login, Page page) = 0;
    // Miners whose pending balance is positive and at least their threshold (default_threshold
    // for miners without one), largest first.
    virtual Expected<std::vector<PayableMiner>> payable_miners(int64_t default_threshold) = 0;
    // Earnings per UTC day for rows in [from_ms, to_ms), oldest first; days without rows are
    // absent. Payments and adjustments are not earnings and are left out.
    virtual std::vector<DailyAmount> daily_earnings(const std::string& login, int64_t from_ms,
                                                    int64_t to_ms) = 0;
};

}  // namespace viddhana::store
