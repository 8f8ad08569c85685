// A small HTTP/1.1 server on Boost.Beast: keep-alive connections, one coroutine per connection
// on its own strand, a request body limit (413), header limits and idle timeouts, and the
// RequestPipeline for everything else. WebSocket upgrades on chosen paths are handed over with
// their stream. Generic: the API (port 4444) and the analytics service (port 8000) both use it.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "base/asio.h"
#include "base/clock.h"
#include "http/request_pipeline.h"
#include "http/router.h"
#include "metrics/registry.h"

namespace viddhana::http {

struct HttpServerOptions {
    std::string host = "0.0.0.0";
    uint16_t port = 0;  // 0: any free port (see port())
    size_t max_body_bytes = 64 * 1024;
    size_t max_header_bytes = 16 * 1024;
    int idle_timeout_seconds = 60;
    // Behind a reverse proxy: take the client address from X-Forwarded-For's first entry.
    bool trust_forwarded_for = false;
    PipelineOptions pipeline;
    const Clock* clock = nullptr;           // SystemClock when null
    metrics::Registry* registry = nullptr;  // no metrics when null
};

// Takes over a connection whose request asked to upgrade to WebSocket.
using UpgradeHandler = std::function<void(
    boost::beast::tcp_stream stream,
    boost::beast::http::request<boost::beast::http::string_body> req, const Request& parsed)>;

class HttpServer {
  public:
    // `router` must outlive the server. Handlers run on the executor's threads.
    HttpServer(asio::any_io_executor executor, HttpServerOptions options, const Router& router);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // GET requests on `path` that ask for a WebSocket upgrade go to `handler` (after the
    // rate limit of `bucket`). Call before start().
    void on_upgrade(const std::string& path, UpgradeHandler handler, std::string bucket = "");

    // Binds and starts accepting; throws std::runtime_error naming the address on failure.
    void start();
    uint16_t port() const;
    // Stops accepting and closes open connections.
    void stop();

    RequestPipeline& pipeline();

  private:
    struct State;
    std::shared_ptr<State> state_;
};

}  // namespace viddhana::http
