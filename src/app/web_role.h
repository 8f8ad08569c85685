// The `web` role wired to the world: the dashboard's built files (web.root) and /config.json on
// web.host:web.port, telling the browser where the API is.
#pragma once
#include <memory>

#include "app/config.h"
#include "base/clock.h"
#include "metrics/registry.h"
#include "web/web_server.h"

namespace viddhana::app {

class WebRole {
  public:
    // Throws std::runtime_error when the built files are missing.
    WebRole(const Config& config, metrics::Registry& registry, const Clock& clock);
    void start();
    void stop();
    uint16_t port() const { return server_->port(); }

  private:
    std::unique_ptr<web::WebServer> server_;
};

}  // namespace viddhana::app
