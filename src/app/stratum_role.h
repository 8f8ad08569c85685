// The `stratum` role wired to the world: the node's templates feed the Stratum server, solved
// blocks go to every node through the BlockSubmitter, share and block events go on the bus.
#pragma once
#include <memory>
#include <thread>

#include "app/config.h"
#include "base/asio.h"
#include "base/clock.h"
#include "bus/event_bus.h"
#include "metrics/metrics_endpoint.h"
#include "metrics/registry.h"
#include "node/block_submitter.h"
#include "node/template_source.h"
#include "stratum/stratum_server.h"

namespace viddhana::app {

class StratumRole {
  public:
    StratumRole(const Config& config, metrics::Registry& registry, bus::EventBus& bus,
                const Clock& clock);
    ~StratumRole();

    void start();
    void stop(bool graceful = true);
    // Node reachable, a recent template, a job to mine: the role's part of /health.
    metrics::HealthReport health() const;
    stratum::StratumServer& server() { return *server_; }

  private:
    class Sink;
    const Config& config_;
    const Clock& clock_;
    bus::EventBus& bus_;
    metrics::Registry& registry_;
    std::unique_ptr<Sink> sink_;
    std::unique_ptr<node::BlockSubmitter> submitter_;
    std::unique_ptr<stratum::StratumServer> server_;
    asio::io_context node_io_;
    std::unique_ptr<node::TemplateSource> templates_;
    std::thread node_thread_;
};

}  // namespace viddhana::app
