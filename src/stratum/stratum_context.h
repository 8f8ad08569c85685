// What every shard and session of a Stratum server shares: settings, the coin, the clock, the
// metrics, admission control, the extranonce space, where events go and where solved blocks go.
#pragma once
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>

#include "base/clock.h"
#include "bus/event_bus.h"
#include "bus/found_block.h"
#include "chain/coin.h"
#include "stratum/admission_control.h"
#include "stratum/extranonce_allocator.h"
#include "stratum/stratum_config.h"
#include "stratum/stratum_metrics.h"

namespace viddhana::stratum {

// Takes solved blocks to the node: the serialized block for submitblock, and its record (the
// node's verdict still empty), which goes on to the event bus once the node has answered.
// submit() must return at once: the block goes out on a path that nothing else waits on.
class BlockSink {
  public:
    virtual ~BlockSink() = default;
    virtual void submit(std::string block_hex, bus::FoundBlock block) = 0;
};

struct StratumContext {
    const StratumConfig& config;
    const chain::CoinParams& coin;
    const Clock& clock;
    StratumMetrics& metrics;
    AdmissionControl& admission;
    ExtranonceAllocator& extranonces;
    bus::EventBus& bus;
    BlockSink& blocks;
    // Share event ids: unique per node across restarts, because the counter starts at the
    // start time in microseconds and a node judges far fewer than a million shares a second.
    // Shards stamp their batches under the mutex while publishing them, so the sequence
    // increases in the order events reach the bus: the ledger relies on that order.
    std::mutex& publish_mutex;
    uint64_t& next_share_sequence;
};

}  // namespace viddhana::stratum
