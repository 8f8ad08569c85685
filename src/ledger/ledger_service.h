// The ledger role: records events as they come (one thread), and keeps the books (another):
// credits found blocks by the payout scheme, credits shares under PPS/FPPS, follows blocks to
// maturity or orphanhood, pays balances, and drops expired shares.
#pragma once
#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

#include "base/clock.h"
#include "chain/coin.h"
#include "ledger/block_unlocker.h"
#include "ledger/event_recorder.h"
#include "ledger/event_source.h"
#include "ledger/ledger_config.h"
#include "ledger/ledger_observer.h"
#include "ledger/node_chain_view.h"
#include "ledger/payment_processor.h"
#include "ledger/round_crediting.h"
#include "ledger/share_crediting.h"
#include "metrics/registry.h"
#include "store/store.h"

namespace viddhana::ledger {

struct LedgerStatus {
    bool store_available = true;
    size_t spooled_batches = 0;  // event batches waiting in the spool
    uint64_t spooled_bytes = 0;
    bool node_reachable = true;
    std::string last_error;
    int64_t last_unlocker_pass_ms = 0;
    int64_t last_payment_pass_ms = 0;
    std::string payments_waiting;
};

class LedgerService {
  public:
    LedgerService(const LedgerConfig& config, const chain::CoinParams& coin, store::Store& store,
                  std::unique_ptr<EventSource> source, std::vector<node::RpcEndpoint> nodes,
                  std::vector<node::RpcEndpoint> wallet_nodes, metrics::Registry& registry,
                  const Clock& clock);
    ~LedgerService();

    void start();
    // Records what the source still holds, then stops.
    void stop();

    LedgerStatus status() const;
    // One round of book-keeping now (tests call it instead of waiting for the timers).
    void keep_books(bool unlock, bool pay);
    PaymentProcessor& payments() { return payments_; }
    // Set before start(); may be null.
    void set_observer(LedgerObserver* observer) { observer_ = observer; }

  private:
    void record_loop();
    // The payout guard's verdict on a payout: empty to send it, else why it is held.
    std::string guard(const store::PayableMiner& m);
    void books_loop();
    // The payment gauges after a payment pass: held payments, the oldest unconfirmed one, why
    // payments wait.
    void update_payment_gauges(const PaymentPassResult& pass, int64_t now_ms);

    const LedgerConfig& config_;
    const chain::CoinParams& coin_;
    store::Store& store_;
    std::unique_ptr<EventSource> source_;
    const Clock& clock_;
    std::unique_ptr<payout::PayoutScheme> scheme_;
    EventSpool spool_;
    Quarantine quarantine_;
    EventRecorder recorder_;
    node::NodeRpc chain_rpc_;
    node::NodeRpc wallet_rpc_;
    NodeChainView chain_;
    NodeWallet wallet_;
    RoundCrediting rounds_;
    ShareCrediting share_credits_;
    BlockUnlocker unlocker_;
    PaymentProcessor payments_;

    metrics::Counter& shares_recorded_;
    metrics::Counter& blocks_confirmed_;
    metrics::Counter& blocks_orphaned_;
    metrics::Counter& payments_sent_;
    metrics::Gauge& last_share_time_;
    metrics::Gauge& payments_held_;
    metrics::Gauge& oldest_unconfirmed_payment_age_;
    metrics::Gauge& payments_waiting_;
    metrics::Gauge& wallet_short_;
    std::atomic<int64_t> quarantined_{0};  // records in the store's quarantine, last counted

    LedgerObserver* observer_ = nullptr;
    std::atomic<bool> stopping_{false};
    std::thread record_thread_;
    std::thread books_thread_;
    std::mutex books_mutex_;  // one book-keeping pass at a time
    mutable std::mutex status_mutex_;
    LedgerStatus status_;
};

}  // namespace viddhana::ledger
