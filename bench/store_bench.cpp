// Sustained share writes through append_shares (one transaction per batch, roll-ups, workers
// and high-water marks included) on SQLite and PostgreSQL, and the PPLNS window walk.
//
// SQLite needs nothing: a fresh file in a temporary directory. PostgreSQL needs a server whose
// URL is given in VIDDHANA_STORE_BENCH_PG; one can be started by hand (as root) with:
/*
    D=/tmp/vdbench; B=/usr/lib/postgresql/15/bin; mkdir -p $D && chown postgres $D
    runuser -u postgres -- $B/initdb -D $D/data -A trust -U postgres
    runuser -u postgres -- $B/pg_ctl -D $D/data -l $D/log -w start \
        -o "-p 55432 -k $D -c listen_addresses=127.0.0.1"
    psql -h 127.0.0.1 -p 55432 -U postgres -c "CREATE ROLE viddhana LOGIN PASSWORD 'viddhana'"
    psql -h 127.0.0.1 -p 55432 -U postgres -c "CREATE DATABASE viddhana OWNER viddhana"
    VIDDHANA_STORE_BENCH_PG=postgresql://viddhana:viddhana@127.0.0.1:55432/viddhana \
        build/bench/store_bench
*/
// (stop it with: runuser -u postgres -- $B/pg_ctl -D $D/data -m fast stop). Without the
// variable the PostgreSQL benchmarks report themselves skipped.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "store/store.h"

namespace viddhana::store {
namespace {

constexpr int64_t kStartMs = 1'700'000'000'000;

// One pool's traffic: 500 miners with 4 workers each, shares 100 us apart.
class ShareSource {
  public:
    explicit ShareSource(uint32_t node) : node_(node) {}
    std::vector<bus::ShareEvent> next(size_t n) {
        std::vector<bus::ShareEvent> out(n);
        for (auto& s : out) {
            ++seq_;
            s.node_id = node_;
            s.sequence = seq_;
            s.time_ms = kStartMs + static_cast<int64_t>(seq_ / 10);
            s.login = logins_[seq_ % logins_.size()];
            s.worker = workers_[(seq_ / logins_.size()) % workers_.size()];
            s.difficulty = 65536;
            s.actual_difficulty = 131072.5;
            s.result = seq_ % 50 == 0 ? bus::ShareResult::stale : bus::ShareResult::accepted;
            s.height = 2'700'000;
            s.network_difficulty = 3.1e7;
            s.ip = "203.0.113.7";
        }
        return out;
    }

  private:
    uint32_t node_;
    uint64_t seq_ = 0;
    std::vector<std::string> logins_ = [] {
        std::vector<std::string> v;
        for (int i = 0; i < 500; ++i)
            v.push_back("ltc1qbenchminer" + std::to_string(i));
        return v;
    }();
    std::vector<std::string> workers_{"rig0", "rig1", "rig2", "rig3"};
};

std::string temp_dir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "viddhana-bench-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    return pattern;
}

// The store and, for SQLite, the directory of its file, removed afterwards.
struct BenchStore {
    std::unique_ptr<Store> store;
    std::string dir;
    BenchStore() = default;
    BenchStore(BenchStore&& other) noexcept
        : store(std::move(other.store)), dir(std::exchange(other.dir, {})) {}
    ~BenchStore() {
        store.reset();
        std::error_code ec;
        if (!dir.empty()) std::filesystem::remove_all(dir, ec);
    }
    Store* operator->() const { return store.get(); }
    explicit operator bool() const { return store != nullptr; }
};

BenchStore open_bench_store(benchmark::State& state, bool postgres) {
    BenchStore bench;
    StoreConfig config;
    if (postgres) {
        const char* url = std::getenv("VIDDHANA_STORE_BENCH_PG");
        if (!url || !*url) {
            state.SkipWithError("set VIDDHANA_STORE_BENCH_PG to a PostgreSQL URL");
            return bench;
        }
        auto parsed = parse_store_location(url);
        if (!parsed) {
            state.SkipWithError(parsed.error().message.c_str());
            return bench;
        }
        config = *parsed;
    } else {
        bench.dir = temp_dir();
        config.sqlite_path = bench.dir + "/bench.db";
    }
    bench.store = open_store(config);
    return bench;
}

void append_shares(benchmark::State& state, bool postgres) {
    auto store = open_bench_store(state, postgres);
    if (!store) return;
    const auto batch_size = static_cast<size_t>(state.range(0));
    // A node id of its own per run, so reruns against one PostgreSQL database write new shares.
    auto node = static_cast<uint32_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    ShareSource source(node);
    int64_t written = 0;
    for (auto _ : state) {
        state.PauseTiming();
        auto batch = source.next(batch_size);
        state.ResumeTiming();
        auto result = store->shares().append_shares(batch);
        if (!result.ok() || result->written != batch_size) {
            state.SkipWithError("append_shares did not write the batch");
            return;
        }
        written += static_cast<int64_t>(result->written);
    }
    state.SetItemsProcessed(written);
    state.counters["shares_per_s"] =
        benchmark::Counter(static_cast<double>(written), benchmark::Counter::kIsRate);
}

void pplns_window(benchmark::State& state, bool postgres) {
    auto store = open_bench_store(state, postgres);
    if (!store) return;
    auto node = static_cast<uint32_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    ShareSource source(node);
    for (int i = 0; i < 50; ++i) {
        auto batch = source.next(10'000);
        if (!store->shares().append_shares(batch).ok()) {
            state.SkipWithError("append_shares failed");
            return;
        }
    }
    // The window covers range(0) shares of difficulty 65536.
    const double target = 65536.0 * static_cast<double>(state.range(0));
    for (auto _ : state) {
        auto w = store->shares().pplns_window(target);
        if (!w.ok() || !w->complete) {
            state.SkipWithError("window incomplete");
            return;
        }
        benchmark::DoNotOptimize(w->miners.data());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_AppendShares_Sqlite(benchmark::State& state) {
    append_shares(state, false);
}
void BM_AppendShares_Postgres(benchmark::State& state) {
    append_shares(state, true);
}
void BM_PplnsWindow_Sqlite(benchmark::State& state) {
    pplns_window(state, false);
}
void BM_PplnsWindow_Postgres(benchmark::State& state) {
    pplns_window(state, true);
}

BENCHMARK(BM_AppendShares_Sqlite)
    ->Arg(1'000)
    ->Arg(10'000)
    ->Arg(50'000)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3)
    ->UseRealTime();
BENCHMARK(BM_AppendShares_Postgres)
    ->Arg(1'000)
    ->Arg(10'000)
    ->Arg(50'000)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3)
    ->UseRealTime();
BENCHMARK(BM_PplnsWindow_Sqlite)->Arg(100'000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_PplnsWindow_Postgres)->Arg(100'000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace viddhana::store
