// Payments with a unique intent id recorded before the wallet call, so a crash never pays
// twice. States: intent -> sent -> confirmed; intent/held/sent -> failed; intent <-> held.
// Creating an intent debits the miner (a payment row of -(amount + fee)) in the same
// transaction; failing a payment credits it back (an adjustment row).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/expected.h"
#include "store/records.h"

namespace viddhana::store {

class PaymentRepository {
  public:
    virtual ~PaymentRepository() = default;

    // Rejects: a malformed or already used id, unknown miner, amount <= 0, fee < 0, and a
    // pending balance below amount + fee.
    virtual Expected<Payment> create_intent(const NewPayment& payment) = 0;
    virtual Expected<Payment> mark_sent(const std::string& id, const std::string& txid,
                                        int64_t now_ms) = 0;
    // Marks every intent of a batch sent with one txid; returns how many.
    virtual Expected<int64_t> mark_batch_sent(const std::string& batch_id, const std::string& txid,
                                              int64_t now_ms) = 0;
    virtual Expected<Payment> mark_confirmed(const std::string& id, int64_t now_ms) = 0;
    virtual Expected<Payment> mark_failed(const std::string& id, const std::string& error,
                                          int64_t now_ms) = 0;
    virtual Expected<Payment> hold(const std::string& id, const std::string& reason,
                                   int64_t now_ms) = 0;
    virtual Expected<Payment> release(const std::string& id, int64_t now_ms) = 0;

    virtual std::optional<Payment> find_payment(const std::string& id) = 0;
    // Newest first (created, then id).
    virtual Expected<std::vector<Payment>> payments(const PaymentFilter& filter, Page page) = 0;

    virtual PoolTotals pool_totals() = 0;
};

}  // namespace viddhana::store
