// Pays balances over their threshold from the node wallet, exactly once. Each batch's intents
// (one per miner, with a unique id, debiting the balance) are stored before the wallet call, and
// the wallet transaction carries the batch id as its comment. On every pass the processor first
// reconciles: a batch still in "intent" was either sent (the wallet has a transaction with its
// comment: record its txid) or not (send it now). So a crash at any step never pays twice and
// never loses a payment. Wallet locked, funds short, node down: the batch waits, says why, and
// is retried.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "chain/coin.h"
#include "ledger/chain_view.h"
#include "ledger/ledger_config.h"
#include "ledger/wallet.h"
#include "store/store.h"

namespace viddhana::ledger {

struct PaymentPassResult {
    int reconciled = 0;  // intents found sent after all
    int resent = 0;      // intents sent again (they had not gone out)
    int confirmed = 0;
    int paid = 0;                // new payments sent
    std::string waiting_reason;  // non-empty when payments are waiting (wallet locked, ...)
    int waiting_code = 0;        // the wallet's RPC error code then (-6: insufficient funds)
};

// A decision about one intent before it is sent: empty to send it, or the reason to hold it.
using PaymentGuard = std::function<std::string(const store::PayableMiner&)>;

// The two moments where a crash must neither lose nor double a payment: a batch's intents are
// stored but not yet sent, and the wallet has sent the batch but the store does not know yet.
enum class PaymentStep { intents_stored, batch_sent };
using PaymentStepHook = std::function<void(PaymentStep)>;

class PaymentProcessor {
  public:
    PaymentProcessor(store::Store& store, Wallet& wallet, const chain::CoinParams& coin,
                     const LedgerConfig& config);
    void set_guard(PaymentGuard guard) { guard_ = std::move(guard); }

    // Throws NodeUnavailable when the wallet cannot be asked (nothing changed then).
    PaymentPassResult pass(int64_t now_ms);

    // For tests of crash safety: stop right after storing a batch's intents (before sending).
    void set_stop_after_intents(bool stop) { stop_after_intents_ = stop; }
    // Called at each PaymentStep; the crash tests kill the process there (see docs/testing.md).
    void set_step_hook(PaymentStepHook hook) { step_hook_ = std::move(hook); }

  private:
    int reconcile(int64_t now_ms, PaymentPassResult& result);
    int confirm(int64_t now_ms);
    int pay_new(int64_t now_ms, PaymentPassResult& result);
    void send_batch(const std::string& batch_id, const std::vector<store::Payment>& intents,
                    int64_t now_ms);

    store::Store& store_;
    Wallet& wallet_;
    const chain::CoinParams& coin_;
    const LedgerConfig& config_;
    PaymentGuard guard_;
    bool stop_after_intents_ = false;
    PaymentStepHook step_hook_;
};

std::string new_payment_id();

}  // namespace viddhana::ledger
