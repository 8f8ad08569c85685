// The binary forms shares travel in: the event batch of a Redis stream entry (encode and decode
// of a Stratum shard's 2048-share batch) and the ledger's share spool records (encode, frame and
// scan with CRC-32). Pure CPU, no file or socket.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bus/event_codec.h"
#include "store/spool_record.h"

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

void BM_SpoolEncode(benchmark::State& state) {
    auto shares = sample_shares(static_cast<size_t>(state.range(0)));
    std::vector<uint8_t> out;
    for (auto _ : state) {
        out.clear();
        for (const auto& s : shares)
            store::append_record(out, store::encode_share(s));
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SpoolEncode)->Arg(2048);

void BM_SpoolScan(benchmark::State& state) {
    std::vector<uint8_t> bytes;
    for (const auto& s : sample_shares(static_cast<size_t>(state.range(0))))
        store::append_record(bytes, store::encode_share(s));
    for (auto _ : state) {
        auto scan = store::scan_records(bytes);
        if (scan.damaged_tail) state.SkipWithError("damaged");
        benchmark::DoNotOptimize(scan);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SpoolScan)->Arg(2048);

}  // namespace
