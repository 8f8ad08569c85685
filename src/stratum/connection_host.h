// What a Connection uses and where its effects go. In the server, its Session forwards to the
// shard it lives on; in tests (and fuzzing) a recorder stands in, so the whole protocol runs
// without a socket, a thread or a clock.
#pragma once
#include <cstdint>
#include <string>

#include "base/hex.h"
#include "bus/found_block.h"
#include "bus/share_event.h"
#include "chain/coin.h"
#include "stratum/admission_control.h"
#include "stratum/extranonce_allocator.h"
#include "stratum/job.h"
#include "stratum/protocol.h"
#include "stratum/share_validator.h"
#include "stratum/stratum_config.h"
#include "stratum/stratum_metrics.h"

namespace viddhana::stratum {

// Shared by the connections of one thread: settings, the coin, metrics, admission control, the
// extranonce space, and the per-thread validator, parser and request (one message at a time is
// handled on a thread, so they keep their capacity between messages without costing every idle
// connection its size).
struct ConnectionTools {
    const StratumConfig& config;
    const chain::CoinParams& coin;
    StratumMetrics& metrics;
    AdmissionControl& admission;
    ExtranonceAllocator& extranonces;
    ShareValidator& validator;
    RequestParser& parser;
    Request& request;
};

class ConnectionHost {
  public:
    virtual ~ConnectionHost() = default;

    virtual ConnectionTools& tools() = 0;
    // The newest job, and a live job by its id (nullptr when it is gone: the share is stale).
    virtual const JobPtr& current_job() const = 0;
    virtual JobPtr find_job(uint64_t id) const = 0;
    // SOLO: the job as a connection whose coinbase pays `payout_script` mines it.
    virtual JobPtr job_for(const JobPtr& job, const Bytes& payout_script) = 0;

    // Effects. A solved block comes first, before its share's event and answer.
    virtual void block_found(std::string block_hex, bus::FoundBlock block) = 0;
    virtual void share_judged(bus::ShareEvent&& event) = 0;
    // The connection's pending share (Connection::pending_header()) waits for its proof-of-work
    // hash, computed with other connections' shares; it comes back through Connection::on_pow,
    // never from within this call.
    virtual void hash_later() = 0;
};

}  // namespace viddhana::stratum
