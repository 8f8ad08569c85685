// The `web` role's server: the dashboard's files and /config.json on web.host:web.port, on its
// own threads, through the shared HTTP server (security headers, access log, request metrics).
#pragma once
#include <memory>
#include <thread>
#include <vector>

#include "base/asio.h"
#include "base/clock.h"
#include "http/http_server.h"
#include "metrics/registry.h"
#include "web/site.h"
#include "web/web_config.h"

namespace viddhana::web {

class WebServer {
  public:
    // Reads the files under config.root (default_web_root() when empty); throws
    // std::runtime_error saying what is missing.
    WebServer(const WebConfig& config, metrics::Registry* registry,
              const Clock& clock = SystemClock::instance());
    ~WebServer();
    WebServer(const WebServer&) = delete;
    WebServer& operator=(const WebServer&) = delete;

    // Binds (throws std::runtime_error naming the address) and starts the threads.
    void start();
    void stop();
    uint16_t port() const;
    const std::string& root() const { return root_; }

  private:
    WebConfig config_;
    std::string root_;
    std::unique_ptr<Site> site_;
    http::Router router_;
    metrics::Registry* registry_;
    const Clock& clock_;
    asio::io_context io_;
    std::unique_ptr<http::HttpServer> server_;
    std::vector<std::thread> threads_;
    bool stopped_ = false;
};

}  // namespace viddhana::web
