#include "ledger/payment_processor.h"

#include <fstream>
#include <map>
#include <random>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "chain/address.h"

namespace viddhana::ledger {

std::string format_amount(int64_t base_units, int decimals) {
    int64_t scale = 1;
    for (int i = 0; i < decimals; ++i)
        scale *= 10;
    const char* sign = base_units < 0 ? "-" : "";
    uint64_t v = base_units < 0 ? static_cast<uint64_t>(-(base_units + 1)) + 1
                                : static_cast<uint64_t>(base_units);
    return fmt::format("{}{}.{:0{}}", sign, v / static_cast<uint64_t>(scale),
                       v % static_cast<uint64_t>(scale), decimals);
}

std::string new_payment_id() {
    // A random (version 4) UUID from the kernel's entropy.
    uint8_t b[16];
    std::ifstream urandom("/dev/urandom", std::ios::binary);
    urandom.read(reinterpret_cast<char*>(b), sizeof b);
    if (!urandom) {
        std::random_device rd;
        for (auto& x : b)
            x = static_cast<uint8_t>(rd());
    }
    b[6] = static_cast<uint8_t>((b[6] & 0x0f) | 0x40);
    b[8] = static_cast<uint8_t>((b[8] & 0x3f) | 0x80);
    return fmt::format(
        "{:02x}{:02x}{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-"
        "{:02x}{:02x}{:02x}{:02x}{:02x}{:02x}",
        b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
        b[14], b[15]);
}

PaymentProcessor::PaymentProcessor(store::Store& store, Wallet& wallet,
                                   const chain::CoinParams& coin, const LedgerConfig& config)
    : store_(store), wallet_(wallet), coin_(coin), config_(config) {}

PaymentPassResult PaymentProcessor::pass(int64_t now_ms) {
    PaymentPassResult result;
    try {
        reconcile(now_ms, result);
        result.confirmed = confirm(now_ms);
        if (config_.payments.enabled) result.paid = pay_new(now_ms, result);
    } catch (const WalletRefused& e) {
        result.waiting_reason = e.what();
        result.waiting_code = e.code;
        spdlog::warn("payments waiting: the wallet refused: {}", e.what());
        (void)store_.events().add_event({"payments_waiting", "wallet",
                                         store::EventSeverity::warning,
                                         std::string("the wallet refused: ") + e.what(), now_ms});
    }
    return result;
}

namespace {

std::vector<store::Payment> all_payments(store::PaymentRepository& repo,
                                         store::PaymentStatus status) {
    std::vector<store::Payment> out;
    for (int64_t offset = 0;; offset += 1000) {
        store::PaymentFilter filter;
        filter.status = status;
        auto page = repo.payments(filter, {1000, offset});
        if (!page) throw std::runtime_error("reading payments: " + page.error().message);
        out.insert(out.end(), page->begin(), page->end());
        if (page->size() < 1000) break;
    }
    return out;
}

}  // namespace

int PaymentProcessor::reconcile(int64_t now_ms, PaymentPassResult& result) {
    auto intents = all_payments(store_.payments(), store::PaymentStatus::intent);
    std::map<std::string, std::vector<store::Payment>> batches;
    for (auto& p : intents)
        batches[p.batch_id.value_or(p.id)].push_back(std::move(p));
    int n = 0;
    for (const auto& [batch_id, payments] : batches) {
        if (auto tx = wallet_.find_by_comment(batch_id)) {
            auto marked = store_.payments().mark_batch_sent(batch_id, tx->txid, now_ms);
            if (!marked)
                throw std::runtime_error("recording batch " + batch_id + ": " +
                                         marked.error().message);
            spdlog::info("payment batch {} had been sent as {} before a restart: recorded",
                         batch_id, tx->txid);
            result.reconciled += static_cast<int>(payments.size());
        } else {
            send_batch(batch_id, payments, now_ms);
            result.resent += static_cast<int>(payments.size());
        }
        ++n;
    }
    return n;
}

int PaymentProcessor::confirm(int64_t now_ms) {
    int confirmed = 0;
    for (const auto& p : all_payments(store_.payments(), store::PaymentStatus::sent)) {
        if (!p.txid) continue;
        auto tx = wallet_.transaction(*p.txid);
        if (!tx) continue;
        if (tx->confirmations >= config_.payments.confirmations) {
            if (store_.payments().mark_confirmed(p.id, now_ms)) ++confirmed;
        } else if (tx->abandoned || tx->confirmations < 0) {
            // The transaction was replaced or abandoned: the miner is owed the amount again.
            auto failed = store_.payments().mark_failed(
                p.id,
                fmt::format("transaction {} was {}", *p.txid,
                            tx->abandoned ? "abandoned" : "conflicted"),
                now_ms);
            if (failed)
                spdlog::warn("payment {} to {} failed: its transaction left the chain", p.id,
                             p.login);
        }
    }
    return confirmed;
}

int PaymentProcessor::pay_new(int64_t now_ms, PaymentPassResult& result) {
    auto payable = store_.balances().payable_miners(config_.default_threshold);
    if (!payable) throw std::runtime_error("reading balances: " + payable.error().message);
    if (payable->empty()) return 0;
    const std::string batch_id = new_payment_id();
    std::vector<store::Payment> intents;
    for (const auto& m : *payable) {
        if (static_cast<int>(intents.size()) >= config_.payments.max_outputs) break;
        if (auto decoded = chain::decode_address(m.address, coin_); !decoded) {
            spdlog::error("not paying {}: payout address {} is invalid: {}", m.login, m.address,
                          decoded.error().message);
            continue;
        }
        std::string hold_reason = guard_ ? guard_(m) : std::string();
        store::NewPayment np;
        np.id = new_payment_id();
        np.login = m.login;
        np.address = m.address;
        np.amount = m.pending;
        // A payment held for review gets a batch of its own: released later, it must not be
        // taken for part of the transaction its neighbours went out in.
        np.batch_id = hold_reason.empty() ? batch_id : np.id;
        np.time_ms = now_ms;
        auto intent = store_.payments().create_intent(np);
        if (!intent) {
            spdlog::error("payment intent for {} refused: {}", m.login, intent.error().message);
            continue;
        }
        if (!hold_reason.empty()) {
            (void)store_.payments().hold(intent->id, hold_reason, now_ms);
            spdlog::warn("payment {} to {} held for review: {}", intent->id, m.login, hold_reason);
            continue;
        }
        intents.push_back(std::move(*intent));
    }
    if (intents.empty() || stop_after_intents_) return 0;
    if (step_hook_) step_hook_(PaymentStep::intents_stored);
    send_batch(batch_id, intents, now_ms);
    (void)result;
    return static_cast<int>(intents.size());
}

void PaymentProcessor::send_batch(const std::string& batch_id,
                                  const std::vector<store::Payment>& intents, int64_t now_ms) {
    // sendmany takes one amount per address: miners sharing a payout address are summed.
    std::map<std::string, int64_t> per_address;
    for (const auto& p : intents)
        per_address[p.address] += p.amount;
    std::vector<WalletOutput> outputs;
    for (const auto& [address, amount] : per_address)
        outputs.push_back({address, amount});
    std::string txid = wallet_.send_many(outputs, batch_id, config_.payments.miner_pays_fee,
                                         config_.payments.min_wallet_confirmations);
    if (step_hook_) step_hook_(PaymentStep::batch_sent);
    auto marked = store_.payments().mark_batch_sent(batch_id, txid, now_ms);
    if (!marked) {
        // Sent but not recorded: the next pass finds the transaction by its comment.
        throw std::runtime_error("batch " + batch_id + " was sent as " + txid +
                                 " but could not be recorded: " + marked.error().message);
    }
    int64_t total = 0;
    for (const auto& p : intents)
        total += p.amount;
    spdlog::info("paid {} miners {} {} in transaction {} (batch {})", intents.size(),
                 format_amount(total), coin_.symbol, txid, batch_id);
}

}  // namespace viddhana::ledger
