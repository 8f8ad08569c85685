// The HTTP endpoint of a role's metrics: GET /metrics (Prometheus text) and GET /health (JSON,
// 200 when healthy, 503 when not). Small and separate from the public API on purpose: it stays up
// and cheap whatever the API is doing.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "base/asio.h"
#include "metrics/registry.h"

namespace viddhana::metrics {

struct HealthReport {
    bool healthy = true;
    std::string json;  // the body of /health
};

class MetricsEndpoint {
  public:
    using HealthFn = std::function<HealthReport()>;

    MetricsEndpoint(asio::any_io_executor executor, const Registry& registry, HealthFn health);
    ~MetricsEndpoint();

    // Binds and starts accepting; throws std::system_error naming the address on failure.
    void start(const std::string& host, uint16_t port);
    uint16_t port() const;
    void stop();

  private:
    struct State;
    std::shared_ptr<State> state_;
};

}  // namespace viddhana::metrics
