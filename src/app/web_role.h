// The `web` role wired to the world: the dashboard's built files (web.root) and /config.json on
// web.host:web.port, telling the browser where the API is. web.* keys are read here too.
#pragma once
#include <memory>

#include "app/config.h"
#include "app/config_reader.h"
#include "base/clock.h"
#include "metrics/registry.h"
#include "web/web_server.h"

namespace viddhana::app {

// web.*, with WEB_PORT, NEXT_PUBLIC_API_URL, NEXT_PUBLIC_WS_URL and NEXT_PUBLIC_CHAIN_ID below
// the file's keys. Reads api.port from `c` (call after the api section).
void read_web_config(ConfigReader& r, Config& c, const ConfigReader::EnvLookup& env);

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
