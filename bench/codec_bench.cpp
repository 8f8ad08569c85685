// The binary forms shares travel in: the event batch of a Redis stream entry (encode and decode
// of a Stratum shard's 2048-share batch) and the same batch through the spools' record log
// (framed with CRC-32, written to the page cache, read back). No socket, no fsync.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "base/record_log.h"
#include "bus/event_codec.h"

namespace {

using namespace viddhana;

// A shard's batch: 200 miners with 2 workers each, a few rejected shares, one block share.
std::vector<bus::ShareEvent> sample_shares(size_t n) {
    std::vector<bus::ShareEvent> shares(n);
    for (size_t i = 0; i < n; ++i) {
        auto& s = shares[i];
        s.time_ms = 1'700'000'000'000 + static_cast<int64_t>(i);
        s.login = "ltc1qminer" + std::to_string(i % 200) + "xxxxxxxxxxxxxxxxxxxxxxxxxx";
        s.worker = "rig" + std::to_string(i % 2);
        s.difficulty = 65536;
        s.actual_difficulty = 70000.5 + static_cast<double>(i);
        s.result = i % 50 == 0 ? bus::ShareResult::stale : bus::ShareResult::accepted;
        s.height = 2'500'000;
        s.network_difficulty = 1.5e7;
        s.ip = "10.0." + std::to_string(i % 200 / 100) + "." + std::to_string(i % 100);
        s.node_id = 1;
        s.sequence = i + 1;
    }
    shares[n / 2].block_hash = std::string(64, 'a');
    return shares;
}

void BM_EncodeEvents(benchmark::State& state) {
    auto shares = sample_shares(static_cast<size_t>(state.range(0)));
    for (auto _ : state) {
        auto bytes = bus::encode_events(shares, {});
        benchmark::DoNotOptimize(bytes);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_EncodeEvents)->Arg(2048);

void BM_DecodeEvents(benchmark::State& state) {
    auto bytes = bus::encode_events(sample_shares(static_cast<size_t>(state.range(0))), {});
    for (auto _ : state) {
        auto batch = bus::decode_events(bytes);
        if (!batch) state.SkipWithError(batch.error().message.c_str());
        benchmark::DoNotOptimize(batch);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_DecodeEvents)->Arg(2048);

// A batch through the ledger's spool format: encoded, framed with its CRC-32 and written to a
// record log (page cache only: the figure is CPU, not the disk's fsync), read back and decoded.
void BM_SpoolRoundTrip(benchmark::State& state) {
    auto shares = sample_shares(static_cast<size_t>(state.range(0)));
    std::string dir = (std::filesystem::temp_directory_path() / "viddhana-bench-XXXXXX").string();
    if (!::mkdtemp(dir.data())) {
        state.SkipWithError("mkdtemp failed");
        return;
    }
    {
        RecordLogOptions options;
        options.tag = "bench";
        options.sync = false;
        RecordLog log(std::filesystem::path(dir) / "spool.log", options);
        for (auto _ : state) {
            log.append(bus::encode_events(shares, {}));
            auto records = log.read(1, 64u << 20);
            auto batch = bus::decode_events(records.at(0));
            if (!batch) state.SkipWithError(batch.error().message.c_str());
            log.mark_delivered(1);
            benchmark::DoNotOptimize(batch);
        }
    }
    std::filesystem::remove_all(dir);
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SpoolRoundTrip)->Arg(2048);

}  // namespace
