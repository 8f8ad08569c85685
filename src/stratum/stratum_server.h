// The Stratum V1 server: accepts miners on its port and spreads them over shards (one thread
// each); turns block templates into jobs and sends them to every shard at once; sends solved
// blocks to its BlockSink and share events to the bus.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "base/asio.h"
#include "base/clock.h"
#include "bus/event_bus.h"
#include "chain/coin.h"
#include "metrics/registry.h"
#include "node/block_template.h"
#include "stratum/job_issuer.h"
#include "stratum/stratum_config.h"
#include "stratum/stratum_context.h"

namespace viddhana::stratum {

class Shard;

class StratumServer {
  public:
    StratumServer(const StratumConfig& config, const chain::CoinParams& coin, const Clock& clock,
                  metrics::Registry& registry, bus::EventBus& bus, BlockSink& blocks,
                  CoinbasePayout pool_payout);
    ~StratumServer();

    // Binds the port (throws std::runtime_error naming the address when it cannot) and starts
    // the threads.
    void start();
    // Graceful: asks every miner to reconnect (client.reconnect) before closing.
    void stop(bool graceful = true);

    // A template from the node, from any thread.
    void on_template(std::shared_ptr<const node::BlockTemplate> tmpl);

    uint16_t port() const { return port_; }
    JobPtr current_job() const;
    int connections() const { return admission_.connections(); }
    StratumMetrics& metrics() { return metrics_; }
    // The address bans (list, lift) for the operator.
    AdmissionControl& admission() { return admission_; }
    // Moves every connection to extranonce1 values whose first byte is `prefix` (the node id
    // part): miners that subscribed to extranonce changes get mining.set_extranonce and go on
    // mining, the others get client.reconnect. For a node that must stop using its id while it
    // runs (its id taken over by another node).
    void change_extranonce_prefix(uint8_t prefix);

    // The admission rules the server keys (server.*) describe.
    static AdmissionPolicy admission_policy(const StratumConfig& config);

  private:
    void accept_next();
    void broadcast(const JobPtr& job);
    void schedule_tick();

    StratumConfig config_;
    const chain::CoinParams& coin_;
    const Clock& clock_;
    StratumMetrics metrics_;
    AdmissionControl admission_;
    ExtranonceAllocator extranonces_;
    std::mutex publish_mutex_;
    uint64_t next_share_sequence_;
    StratumContext context_;
    JobIssuer issuer_;

    asio::io_context control_;
    asio::executor_work_guard<asio::io_context::executor_type> control_work_;
    tcp::acceptor acceptor_;
    asio::steady_timer tick_timer_;
    asio::steady_timer accept_backoff_;
    std::thread control_thread_;
    std::vector<std::unique_ptr<Shard>> shards_;
    size_t next_shard_ = 0;
    uint16_t port_ = 0;
    bool started_ = false;

    mutable std::mutex job_mutex_;
    JobPtr current_job_;
};

}  // namespace viddhana::stratum
