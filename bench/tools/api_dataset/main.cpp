// Fills a store with a month of a simulated pool's life, through the store's own repositories, so
// the API can be measured on data shaped like a running pool's: shares in batches (with the
// per-minute hash rate roll-ups, workers and miners that append_shares maintains), blocks found
// along the month, each credited by the ledger's PPLNS crediting (its round, credits and balance
// rows), confirmed after maturity or orphaned, and balances over their threshold paid in batches.
//
//   api_dataset (--postgres URL | --sqlite PATH) [--miners 1000] [--days 30]
//               [--share-interval 60] [--blocks-per-day 24] [--payment-interval 6h]
//               [--seed 1] [--addresses FILE] [--top-up --start-ms MS]
//
// The simulated month ends now: after the bulk, the tool keeps writing minute by minute until
// it has caught up with the clock, so the API's "last 10 minutes" windows hold shares. Later,
// --top-up with the same options and the printed start_ms brings a dataset up to the present
// again (the same miners, from the minute after its newest share). Share retention is off in
// the store it opens, and it never applies retention.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "base/clock.h"
#include "chain/address.h"
#include "chain/coin.h"
#include "ledger/ledger_config.h"
#include "ledger/payout/payout_scheme.h"
#include "ledger/round_crediting.h"
#include "simulated_pool.h"
#include "store/store.h"

using namespace viddhana;

namespace {

constexpr int64_t kMinuteMs = 60'000;
constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kBlockSpacingMs = 150'000;       // Litecoin's target spacing
constexpr int64_t kSubsidy = 625'000'000;          // 6.25 LTC
constexpr int kMaturity = 101;                     // confirmations before credits are payable
constexpr int64_t kDefaultThreshold = 10'000'000;  // 0.1 LTC, the pool's default
constexpr int kMaxOutputs = 100;
constexpr double kOrphanRate = 0.02;

struct Options {
    std::string postgres;
    std::string sqlite;
    int miners = 1000;
    int days = 30;
    double share_interval_s = 60;
    double blocks_per_day = 24;
    std::string payment_interval = "6h";
    uint64_t seed = 1;
    size_t batch_shares = 20'000;
    std::string addresses_path;
    bool top_up = false;
    int64_t start_ms = 0;
};

struct Counts {
    int64_t shares = 0;
    int64_t duplicates = 0;
    int64_t batches = 0;
    int64_t blocks = 0;
    int64_t confirmed = 0;
    int64_t orphaned = 0;
    int64_t rounds = 0;
    int64_t credits = 0;
    int64_t payments = 0;
    int64_t payment_batches = 0;
    int64_t payments_confirmed = 0;
};

// Something the unlocker does to a block (at the time it is filed under).
struct BlockStep {
    int64_t block_id = 0;
    enum class Kind { confirmations, confirm, orphan } kind = Kind::confirmations;
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

int64_t parse_interval_ms(const std::string& text) {
    if (text.empty()) throw CLI::ValidationError("--payment-interval", "is empty");
    char unit = text.back();
    int64_t per = unit == 'h' ? 3'600'000 : unit == 'm' ? 60'000 : unit == 'd' ? kDayMs : 0;
    if (per == 0) throw CLI::ValidationError("--payment-interval", "takes e.g. 30m, 6h or 1d");
    return std::stoll(text.substr(0, text.size() - 1)) * per;
}

class DatasetWriter {
  public:
    // Heights count from start_ms; blocks and payment passes are scheduled from from_ms.
    DatasetWriter(store::Store& store, bench::SimulatedPool& pool, const Options& options,
                  int64_t start_ms, int64_t from_ms)
        : store_(store), pool_(pool), options_(options), start_ms_(start_ms) {
        ledger_.share_multiplier = 65536;
        ledger_.payout.scheme = ledger::payout::SchemeKind::pplns;
        ledger_.payout.fee_percent = 1.0;
        ledger_.payout.fee_account = fee_account_ = pool_fee_account();
        auto scheme = ledger::payout::make_payout_scheme(ledger_.payout);
        if (!scheme) throw std::runtime_error("payout scheme: " + scheme.error().message);
        scheme_ = std::move(*scheme);
        crediting_ = std::make_unique<ledger::RoundCrediting>(store_, *scheme_, ledger_);
        // Expected hashes per block = network difficulty x 2^32: at the pool's nominal hash
        // rate it finds `blocks_per_day` blocks a day.
        network_difficulty_ =
            pool.nominal_hashrate() * (86'400.0 / options.blocks_per_day) / 4294967296.0;
        std::exponential_distribution<double> gap(options.blocks_per_day / kDayMs);
        block_gap_ = gap;
        next_block_ms_ = from_ms + next_block_gap();
        payment_interval_ms_ = parse_interval_ms(options.payment_interval);
        next_payment_ms_ = from_ms + payment_interval_ms_;
        // As the ledger does at start: the fee account can be credited before it mines.
        auto fee = store_.miners().register_miner(fee_account_, start_ms);
        if (!fee) throw std::runtime_error("fee account: " + fee.error().message);
    }

    // Simulates [minute_ms, minute_ms + 1 min): shares, then blocks, unlocking and payments.
    void minute(int64_t minute_ms) {
        const size_t first = batch_.size();
        pool_.shares_in_minute(minute_ms, batch_);
        int64_t height = kFirstHeight + (minute_ms - start_ms_) / kBlockSpacingMs;
        for (size_t i = first; i < batch_.size(); ++i) {
            batch_[i].height = height;
            batch_[i].network_difficulty = network_difficulty_;
        }
        // The first accepted share at or after the block's time solves it.
        std::optional<size_t> solver;
        for (size_t i = first; i < batch_.size() && next_block_ms_ < minute_ms + kMinuteMs; ++i) {
            auto& e = batch_[i];
            if (e.time_ms < next_block_ms_ || e.result != bus::ShareResult::accepted) continue;
            e.block_hash = pool_.random_hex(32);
            e.actual_difficulty = network_difficulty_ * 65536 * 1.5;
            solver = i;
            break;
        }
        std::optional<bus::ShareEvent> solved;
        if (solver) solved = batch_[*solver];
        // The ledger credits a block once its share is in the log.
        if (solved || batch_.size() >= options_.batch_shares) flush();
        if (solved) {
            found_block(*solved);
            next_block_ms_ = solved->time_ms + next_block_gap();
        }
        unlock(minute_ms + kMinuteMs);
        if (minute_ms + kMinuteMs >= next_payment_ms_) {
            pay(next_payment_ms_);
            next_payment_ms_ += payment_interval_ms_;
        }
    }

    void flush() {
        if (batch_.empty()) return;
        auto r = store_.shares().append_shares(batch_);
        if (!r) throw std::runtime_error("append_shares: " + r.error().message);
        counts_.shares += static_cast<int64_t>(r->written);
        counts_.duplicates += static_cast<int64_t>(r->duplicates);
        ++counts_.batches;
        batch_.clear();
    }

    // Blocks still pending at the end are confirmed when old enough, else get their depth
    // (blocks of an earlier run included). The last pass's payments stay unconfirmed.
    void finish(int64_t now_ms) {
        flush();
        auto pending = store_.blocks().blocks(store::Page{1000, 0}, store::BlockStatus::pending);
        check(pending);
        for (const auto& block : *pending) {
            int64_t depth = std::max<int64_t>(1, (now_ms - block.found_ms) / kBlockSpacingMs);
            if (depth >= kMaturity) {
                check(store_.blocks().mark_confirmed(block.id, kMaturity, now_ms));
                ++counts_.confirmed;
            } else {
                check(store_.blocks().update_confirmations(block.id, depth, now_ms));
            }
        }
    }

    const Counts& counts() const { return counts_; }
    double network_difficulty() const { return network_difficulty_; }
    const std::string& fee_account() const { return fee_account_; }

  private:
    static constexpr int64_t kFirstHeight = 2'700'000;

    std::string pool_fee_account() {
        Bytes script = {0x00, 0x14};
        script.resize(22, 0x42);
        return *chain::encode_address(script,
                                      *chain::find_coin("litecoin", chain::Network::regtest));
    }

    int64_t next_block_gap() {
        return std::max<int64_t>(1'000, static_cast<int64_t>(block_gap_(pool_.random())));
    }

    void found_block(const bus::ShareEvent& e) {
        bus::FoundBlock found;
        found.found_ms = e.time_ms;
        found.height = e.height;
        found.hash = e.block_hash;
        found.finder_login = e.login;
        found.finder_worker = e.worker;
        // Subsidy plus the transactions' fees.
        found.reward = kSubsidy + static_cast<int64_t>(pool_.random()() % 3'000'000);
        found.network_difficulty = network_difficulty_;
        found.accepted = true;
        auto block = store_.blocks().add_block(found, ledger::payout::SchemeKind::pplns);
        if (!block) throw std::runtime_error("add_block: " + block.error().message);
        ++counts_.blocks;
        auto round = crediting_->credit(*block, e.time_ms + 2'000);
        if (!round) throw std::runtime_error("crediting a block: " + round.error().message);
        ++counts_.rounds;
        counts_.credits += static_cast<int64_t>(round->credits.size());
        std::uniform_real_distribution<double> unit(0, 1);
        auto step = [&](int64_t at, BlockStep::Kind kind) {
            steps_.emplace(at, BlockStep{block->id, kind});
        };
        if (unit(pool_.random()) < kOrphanRate) {
            step(e.time_ms + 10 * kMinuteMs, BlockStep::Kind::orphan);
        } else {
            step(e.time_ms + 40 * kBlockSpacingMs, BlockStep::Kind::confirmations);
            step(e.time_ms + kMaturity * kBlockSpacingMs, BlockStep::Kind::confirm);
        }
    }

    void unlock(int64_t now_ms) {
        while (!steps_.empty() && steps_.begin()->first <= now_ms) {
            auto [at, s] = *steps_.begin();
            steps_.erase(steps_.begin());
            switch (s.kind) {
                case BlockStep::Kind::confirmations:
                    check(store_.blocks().update_confirmations(s.block_id, 40, at));
                    break;
                case BlockStep::Kind::confirm:
                    check(store_.blocks().mark_confirmed(s.block_id, kMaturity, at));
                    ++counts_.confirmed;
                    break;
                case BlockStep::Kind::orphan:
                    check(store_.blocks().mark_orphaned(s.block_id, at));
                    ++counts_.orphaned;
                    break;
            }
        }
    }

    template <typename T>
    void check(const Expected<T>& r) {
        if (!r) throw std::runtime_error(r.error().message);
    }

    // One payment pass: last pass's payments confirm, then balances over their threshold are
    // paid, up to kMaxOutputs per transaction.
    void pay(int64_t now_ms) {
        for (const auto& id : sent_) {
            check(store_.payments().mark_confirmed(id, now_ms));
            ++counts_.payments_confirmed;
        }
        sent_.clear();
        auto payable = store_.balances().payable_miners(kDefaultThreshold);
        check(payable);
        for (size_t i = 0; i < payable->size(); i += kMaxOutputs) {
            std::string batch = pool_.random_uuid();
            for (size_t j = i; j < std::min(payable->size(), i + kMaxOutputs); ++j) {
                const auto& m = (*payable)[j];
                store::NewPayment p;
                p.id = pool_.random_uuid();
                p.login = m.login;
                p.address = m.address;
                p.amount = m.pending;
                p.batch_id = batch;
                p.time_ms = now_ms;
                check(store_.payments().create_intent(p));
                sent_.push_back(p.id);
                ++counts_.payments;
            }
            check(store_.payments().mark_batch_sent(batch, pool_.random_hex(32), now_ms + 1'000));
            ++counts_.payment_batches;
        }
    }

    store::Store& store_;
    bench::SimulatedPool& pool_;
    const Options& options_;
    const int64_t start_ms_;
    ledger::LedgerConfig ledger_;
    std::string fee_account_;
    std::unique_ptr<ledger::payout::PayoutScheme> scheme_;
    std::unique_ptr<ledger::RoundCrediting> crediting_;
    double network_difficulty_ = 0;
    std::exponential_distribution<double> block_gap_;
    int64_t next_block_ms_ = 0;
    int64_t payment_interval_ms_ = 0;
    int64_t next_payment_ms_ = 0;
    std::vector<bus::ShareEvent> batch_;
    std::multimap<int64_t, BlockStep> steps_;
    std::vector<std::string> sent_;
    Counts counts_;
};

}  // namespace

int main(int argc, char** argv) {
    Options o;
    CLI::App app{
        "Fills a store with a simulated month of a pool (miners, shares, blocks, credits, "
        "payments) for API benchmarks"};
    auto* pg = app.add_option("--postgres", o.postgres, "PostgreSQL URL (postgresql://...)");
    app.add_option("--sqlite", o.sqlite, "SQLite file instead of PostgreSQL")->excludes(pg);
    app.add_option("--miners", o.miners, "miners")->check(CLI::Range(1, 1'000'000));
    app.add_option("--days", o.days, "days of history, ending now")->check(CLI::Range(1, 365));
    app.add_option("--share-interval", o.share_interval_s,
                   "mean seconds between two shares of one miner")
        ->check(CLI::Range(1.0, 86'400.0));
    app.add_option("--blocks-per-day", o.blocks_per_day, "blocks the pool finds per day (mean)")
        ->check(CLI::Range(0.01, 10'000.0));
    app.add_option("--payment-interval", o.payment_interval, "payment passes, e.g. 30m, 6h, 1d");
    app.add_option("--seed", o.seed, "random seed");
    app.add_option("--batch-shares", o.batch_shares, "shares per append_shares call")
        ->check(CLI::Range(1, 1'000'000));
    app.add_option("--addresses", o.addresses_path,
                   "write the addresses of the miners mining at the end here, one per line");
    app.add_flag("--top-up", o.top_up,
                 "bring a dataset made with the same options up to now (needs --start-ms)");
    app.add_option("--start-ms", o.start_ms, "the dataset's start, as its first run printed");
    CLI11_PARSE(app, argc, argv);
    if (o.postgres.empty() == o.sqlite.empty()) {
        std::fprintf(stderr, "give one of --postgres URL or --sqlite PATH\n");
        return 2;
    }
    spdlog::set_level(spdlog::level::warn);

    auto location = store::parse_store_location(o.postgres.empty() ? o.sqlite : o.postgres);
    if (!location) {
        std::fprintf(stderr, "store: %s\n", location.error().message.c_str());
        return 2;
    }
    store::StoreConfig sc = *location;
    // A month of history must survive: nothing here drops shares or roll-ups.
    sc.share_retention_days = 0;
    sc.rollup_retention_days = 0;
    auto valid = store::validate(sc);
    if (!valid) {
        std::fprintf(stderr, "store: %s\n", valid.error().message.c_str());
        return 2;
    }
    auto store = store::open_store(*valid);
    const auto& clock = SystemClock::instance();
    const auto t0 = std::chrono::steady_clock::now();
    int64_t end_ms = clock.now_ms() / kMinuteMs * kMinuteMs;
    int64_t start_ms = end_ms - o.days * kDayMs;
    // Where writing starts: the dataset's start, or the minute after its newest share.
    int64_t minute = start_ms;
    if (o.top_up) {
        auto newest = store->shares().newest_accepted_share();
        if (!newest || o.start_ms <= 0) {
            std::fprintf(stderr, "--top-up needs a dataset and its --start-ms\n");
            return 2;
        }
        start_ms = o.start_ms;
        end_ms = start_ms + o.days * kDayMs;
        minute = newest->time_ms / kMinuteMs * kMinuteMs + kMinuteMs;
    } else if (store->shares().share_count() > 0) {
        std::fprintf(stderr, "the store already holds shares; give an empty database\n");
        return 1;
    }
    const auto* coin = chain::find_coin("litecoin", chain::Network::regtest);

    bench::SimulationSettings settings;
    settings.miners = o.miners;
    settings.start_ms = start_ms;
    settings.end_ms = end_ms;
    settings.share_interval_s = o.share_interval_s;
    settings.seed = o.seed;
    bench::SimulatedPool pool(settings, *coin);
    if (o.top_up) pool.resume_at(minute, store->shares().high_water_mark(1).value_or(0));
    DatasetWriter writer(*store, pool, o, start_ms, minute);
    std::printf("dataset start_ms=%lld\n", static_cast<long long>(start_ms));
    std::printf(
        "%s store, %d miners, %d days from %lld, a share per miner every %.0f s (mean), "
        "%.1f blocks a day, payments every %s; network difficulty %.0f\n",
        std::string(store->backend_name()).c_str(), o.miners, o.days,
        static_cast<long long>(start_ms), o.share_interval_s, o.blocks_per_day,
        o.payment_interval.c_str(), writer.network_difficulty());
    std::fflush(stdout);

    for (; minute < end_ms; minute += kMinuteMs) {
        writer.minute(minute);
        if ((minute - start_ms + kMinuteMs) % kDayMs == 0) {
            const auto& c = writer.counts();
            std::printf("day %lld/%d: %lld shares, %lld blocks, %lld payments, %.0f s\n",
                        static_cast<long long>((minute - start_ms + kMinuteMs) / kDayMs), o.days,
                        static_cast<long long>(c.shares), static_cast<long long>(c.blocks),
                        static_cast<long long>(c.payments), seconds_since(t0));
            std::fflush(stdout);
        }
    }
    // Catch up with the clock, so the newest minutes are as full as the rest.
    const int64_t bulk_end = std::max(minute, end_ms);
    minute = std::max(minute, end_ms);
    while (minute + kMinuteMs <= clock.now_ms()) {
        writer.minute(minute);
        minute += kMinuteMs;
    }
    writer.finish(clock.now_ms());
    const double elapsed = seconds_since(t0);

    const auto& c = writer.counts();
    std::printf("caught up with the clock: %lld more minutes; data ends at %lld\n",
                static_cast<long long>((minute - bulk_end) / kMinuteMs),
                static_cast<long long>(minute));
    std::printf(
        "written in %.0f s: %lld shares in %lld batches (%.0f shares/s), %lld blocks "
        "(%lld confirmed, %lld orphaned, the rest maturing), %lld rounds with %lld "
        "credits, %lld payments in %lld batches (%lld confirmed)\n",
        elapsed, static_cast<long long>(c.shares), static_cast<long long>(c.batches),
        c.shares / elapsed, static_cast<long long>(c.blocks), static_cast<long long>(c.confirmed),
        static_cast<long long>(c.orphaned), static_cast<long long>(c.rounds),
        static_cast<long long>(c.credits), static_cast<long long>(c.payments),
        static_cast<long long>(c.payment_batches), static_cast<long long>(c.payments_confirmed));
    std::printf("store: %lld shares, %lld miners (with the fee account %s)\n",
                static_cast<long long>(store->shares().share_count()),
                static_cast<long long>(store->miners().miner_count()),
                writer.fee_account().c_str());

    if (!o.addresses_path.empty()) {
        std::ofstream out(o.addresses_path);
        int64_t active = 0;
        for (const auto& m : pool.miners()) {
            if (m.leave_ms <= minute || m.join_ms >= minute) continue;
            out << m.login << '\n';
            ++active;
        }
        std::printf("%lld addresses of miners mining now written to %s\n",
                    static_cast<long long>(active), o.addresses_path.c_str());
    }
    return 0;
}
