#include "ledger/ledger_service.h"

#include <algorithm>
#include <functional>

#include <spdlog/spdlog.h>

#include "ledger/payout_guard.h"

namespace viddhana::ledger {

namespace {

std::unique_ptr<payout::PayoutScheme> make_scheme(const payout::PayoutConfig& config) {
    auto s = payout::make_payout_scheme(config);
    if (!s) throw std::runtime_error("payout: " + s.error().message);
    return std::move(s.value());
}

}  // namespace

LedgerService::LedgerService(const LedgerConfig& config, const chain::CoinParams& coin,
                             store::Store& store, std::unique_ptr<EventSource> source,
                             std::vector<node::RpcEndpoint> nodes,
                             std::vector<node::RpcEndpoint> wallet_nodes,
                             metrics::Registry& registry, const Clock& clock)
    : config_(config),
      coin_(coin),
      store_(store),
      source_(std::move(source)),
      clock_(clock),
      scheme_(make_scheme(config.payout)),
      spool_(config.spool_path),
      quarantine_(store, config.payout.scheme),
      recorder_(store, config, spool_, quarantine_),
      chain_rpc_(std::move(nodes)),
      wallet_rpc_(std::move(wallet_nodes)),
      chain_(chain_rpc_),
      wallet_(wallet_rpc_),
      rounds_(store, *scheme_, config),
      share_credits_(store, *scheme_, coin, config),
      unlocker_(store, chain_, config),
      payments_(store, wallet_, coin, config),
      shares_recorded_(
          registry.counter("ledger_shares_recorded_total", "Shares written to the share log")),
      blocks_confirmed_(
          registry.counter("ledger_blocks_confirmed_total", "Blocks that reached maturity")),
      blocks_orphaned_(
          registry.counter("ledger_blocks_orphaned_total", "Blocks that left the chain")),
      payments_sent_(registry.counter("ledger_payments_sent_total", "Payments sent to miners")),
      last_share_time_(registry.gauge("ledger_last_share_timestamp_seconds",
                                      "Unix time of the newest share recorded (judged time)")),
      payments_held_(registry.gauge("ledger_payments_held", "Payments held for review")),
      oldest_unconfirmed_payment_age_(
          registry.gauge("ledger_oldest_unconfirmed_payment_age_seconds",
                         "Age of the oldest payment stored but not confirmed (0 when none)")),
      payments_waiting_(registry.gauge("ledger_payments_waiting",
                                       "1 when the last payment pass waited: the wallet refused")),
      wallet_short_(registry.gauge(
          "ledger_wallet_insufficient_funds",
          "1 when the last payment pass waited because the wallet lacks the funds")) {
    // The pool's account receives fees and rounding dust like a miner's balance.
    if (!config.payout.fee_account.empty()) {
        auto r = store_.miners().register_miner(config.payout.fee_account, clock_.now_ms());
        if (!r)
            throw std::runtime_error("registering the pool's fee account: " + r.error().message);
    }
    if (config.payments.guard) {
        payments_.set_guard([this](const store::PayableMiner& m) { return guard(m); });
    }
    registry.gauge_fn("ledger_store_up", "1 when the store answers, 0 while events are spooled", {},
                      [this] { return status().store_available ? 1.0 : 0.0; });
    // Read by the metrics thread: the recorder's figures are published through status().
    registry.gauge_fn("ledger_spool_batches", "Event batches waiting in the spool for the store",
                      {}, [this] { return static_cast<double>(status().spooled_batches); });
    registry.gauge_fn("ledger_spool_bytes", "Bytes of events waiting in the spool for the store",
                      {}, [this] { return static_cast<double>(status().spooled_bytes); });
    registry.gauge_fn(
        "ledger_quarantined_records",
        "Records the store refused, kept with the reason (viddhana quarantine list)", {},
        [this] { return static_cast<double>(quarantined_.load(std::memory_order_relaxed)); });
    if (spool_.log().truncated_bytes() > 0) {
        spdlog::warn("ledger spool {}: cut off a torn tail of {} bytes (a crash mid-write)",
                     config.spool_path, spool_.log().truncated_bytes());
    }
    if (!spool_.empty()) {
        spdlog::info("ledger spool {}: {} event batches from an earlier run go to the store first",
                     config.spool_path, spool_.batches());
    }
    try {
        quarantined_ = store_.quarantine().count();
    } catch (const store::StoreUnavailable&) {
    }
}

LedgerService::~LedgerService() {
    stop();
}

void LedgerService::start() {
    record_thread_ = std::thread([this] { record_loop(); });
    books_thread_ = std::thread([this] { books_loop(); });
    spdlog::info("ledger started: scheme {}, fee {}%, maturity {} confirmations, payments {}",
                 payout::to_string(config_.payout.scheme), config_.payout.fee_percent,
                 config_.maturity_confirmations, config_.payments.enabled ? "on" : "off");
}

void LedgerService::stop() {
    if (stopping_.exchange(true)) return;
    if (record_thread_.joinable()) record_thread_.join();
    if (books_thread_.joinable()) books_thread_.join();
}

void LedgerService::record_loop() {
    bus::EventBatch batch;
    bool open = true;
    // Keep draining after stop() until the source has nothing more right now.
    while (open) {
        batch = {};
        // While the spool holds events, look for new ones without waiting: the loop alternates
        // between them and a chunk of the spool.
        auto wait = recorder_.spooled() && recorder_.store_available()
                        ? std::chrono::milliseconds(0)
                        : std::chrono::milliseconds(200);
        open = source_->next(batch, wait);
        const auto written_before = recorder_.stats().shares_written;
        const auto quarantined_before = quarantine_.added();
        if (!batch.empty()) {
            try {
                bool direct = !recorder_.spooled();
                recorder_.record(batch, clock_.now_ms());
                int64_t newest = 0;
                for (const auto& s : batch.shares)
                    newest = std::max(newest, s.time_ms);
                if (newest > 0) last_share_time_.set(static_cast<double>(newest) / 1000.0);
                source_->commit();
                // Spooled while the store is down: the observer hears of it from the books
                // pass that follows the drain.
                if (observer_ && direct && !recorder_.spooled()) observer_->recorded(batch);
            } catch (const std::exception& e) {
                // The spool itself failed (disk full?): do not acknowledge; the events come
                // again.
                spdlog::critical("cannot make events durable: {}", e.what());
                std::lock_guard lock(status_mutex_);
                status_.last_error = e.what();
            }
        } else if (stopping_) {
            break;  // what the spool holds waits on disk for the next start
        }
        if (recorder_.spooled()) {
            try {
                recorder_.drain(clock_.now_ms());
            } catch (const std::exception& e) {
                spdlog::critical("cannot read the spool: {}", e.what());
                std::lock_guard lock(status_mutex_);
                status_.last_error = e.what();
            }
        }
        shares_recorded_.inc(
            static_cast<double>(recorder_.stats().shares_written - written_before));
        if (quarantine_.added() != quarantined_before) {
            quarantined_.fetch_add(static_cast<int64_t>(quarantine_.added() - quarantined_before));
        }
        std::lock_guard lock(status_mutex_);
        status_.store_available = recorder_.store_available();
        status_.spooled_batches = spool_.batches();
        status_.spooled_bytes = spool_.bytes();
    }
}

void LedgerService::keep_books(bool unlock, bool pay) {
    std::lock_guard books(books_mutex_);
    const int64_t now = clock_.now_ms();
    std::string error;
    try {
        rounds_.pass(now);
        if (auto n = share_credits_.pass(now); !n) error = n.error().message;
        if (unlock) {
            auto r = unlocker_.pass(now);
            blocks_confirmed_.inc(r.confirmed);
            blocks_orphaned_.inc(r.orphaned);
        }
        if (pay) {
            auto r = payments_.pass(now);
            payments_sent_.inc(r.paid + r.resent);
            update_payment_gauges(r, now);
            std::lock_guard lock(status_mutex_);
            status_.payments_waiting = r.waiting_reason;
            status_.last_payment_pass_ms = now;
        }
        quarantined_ = store_.quarantine().count();
        std::lock_guard lock(status_mutex_);
        status_.node_reachable = true;
        if (unlock) status_.last_unlocker_pass_ms = now;
    } catch (const node::NodeUnavailable& e) {
        std::lock_guard lock(status_mutex_);
        if (status_.node_reachable) spdlog::warn("ledger: {}", e.what());
        status_.node_reachable = false;
        error = e.what();
    } catch (const store::StoreUnavailable& e) {
        error = e.what();
    } catch (const std::exception& e) {
        spdlog::error("ledger book-keeping: {}", e.what());
        error = e.what();
    }
    if (observer_) observer_->books_kept();
    std::lock_guard lock(status_mutex_);
    status_.last_error = error;
}

void LedgerService::books_loop() {
    int64_t next_unlock = 0, next_pay = clock_.now_ms() + 5'000, next_retention = 0;
    while (!stopping_) {
        const int64_t now = clock_.now_ms();
        bool unlock = now >= next_unlock, pay = now >= next_pay;
        keep_books(unlock, pay);
        if (unlock) next_unlock = now + int64_t{config_.unlocker_interval_seconds} * 1000;
        if (pay) next_pay = now + int64_t{config_.payments.interval_seconds} * 1000;
        if (now >= next_retention) {
            try {
                store_.shares().apply_retention(now);
            } catch (const std::exception& e) {
                spdlog::warn("share retention: {}", e.what());
            }
            next_retention = now + 3'600'000;
        }
        for (int i = 0; i < 10 && !stopping_; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

void LedgerService::update_payment_gauges(const PaymentPassResult& pass, int64_t now_ms) {
    // RPC_WALLET_INSUFFICIENT_FUNDS: the wallet holds less than the batch pays out.
    constexpr int kInsufficientFunds = -6;
    payments_waiting_.set(pass.waiting_reason.empty() ? 0 : 1);
    wallet_short_.set(pass.waiting_code == kInsufficientFunds ? 1 : 0);
    auto count = [this](store::PaymentStatus status,
                        const std::function<void(const store::Payment&)>& each) {
        store::PaymentFilter filter;
        filter.status = status;
        int64_t n = 0;
        for (int64_t offset = 0;; offset += 1000) {
            auto page = store_.payments().payments(filter, {1000, offset});
            if (!page) return n;
            for (const auto& p : *page)
                each(p);
            n += static_cast<int64_t>(page->size());
            if (page->size() < 1000) return n;
        }
    };
    payments_held_.set(static_cast<double>(count(store::PaymentStatus::held, [](const auto&) {})));
    int64_t oldest = now_ms;
    auto older = [&oldest](const store::Payment& p) {
        oldest = std::min(oldest, p.sent_ms.value_or(p.time_ms));
    };
    count(store::PaymentStatus::intent, older);
    count(store::PaymentStatus::sent, older);
    oldest_unconfirmed_payment_age_.set(static_cast<double>(now_ms - oldest) / 1000.0);
}

std::string LedgerService::guard(const store::PayableMiner& m) {
    PayoutGuardInputs in;
    in.miner = m.login;
    in.amount = m.pending;
    in.address = m.address;
    in.now_unix = clock_.now_s();
    store::PaymentFilter filter;
    filter.login = m.login;
    if (auto past = store_.payments().payments(filter, {200, 0})) {
        for (const auto& p : *past) {
            if (p.status == store::PaymentStatus::sent ||
                p.status == store::PaymentStatus::confirmed) {
                in.history.push_back({p.time_ms / 1000, p.amount, p.address});
            }
        }
    }
    // An address set only just before, or many addresses changing pool-wide at once, looks like
    // a stolen account or a compromised pool.
    if (m.address_changed_ms) in.address_changed_unix = *m.address_changed_ms / 1000;
    for (int64_t t : store_.miners().payout_address_changes(
             (in.now_unix - in.config.pool_address_window_s) * 1000, 1000))
        in.pool_address_changes_unix.push_back(t / 1000);
    // What the miner's credits add up to: a payout above it means the books are wrong.
    auto balance = store_.balances().balance(m.login);
    in.credited_balance = balance.pending;
    auto decision = guard_payout(in);
    if (!decision) {
        spdlog::error("payout guard for {}: {}", m.login, decision.error().message);
        return "the payout guard could not judge this payout: " + decision.error().message;
    }
    if (!decision->hold) return {};
    std::string reasons;
    for (const auto& r : decision->reasons)
        reasons += (reasons.empty() ? "" : "; ") + r;
    return reasons;
}

LedgerStatus LedgerService::status() const {
    std::lock_guard lock(status_mutex_);
    return status_;
}

}  // namespace viddhana::ledger
