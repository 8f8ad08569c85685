// Everything between a parsed request and the response, without a socket: routing (404/405),
// CORS (preflight and headers), per-client rate limits (429 with Retry-After), the handler with
// its errors rendered in the one error shape, security headers, the access log line and the
// request metrics by route and status. The HttpServer is I/O around this.
#pragma once
#include <chrono>
#include <map>
#include <optional>
#include <string>

#include "base/clock.h"
#include "http/cors.h"
#include "http/message.h"
#include "http/rate_limiter.h"
#include "http/router.h"
#include "metrics/registry.h"

namespace viddhana::http {

struct PipelineOptions {
    std::string name = "http";  // the "server" label of the metrics and the log lines
    CorsPolicy cors;
    std::map<std::string, BucketSpec> rate_limits;  // named buckets
    std::string default_bucket;                     // for routes without one ("" = unlimited)
    bool access_log = true;
};

class RequestPipeline {
  public:
    // `clock` drives the rate limits; `registry` may be null (no metrics).
    RequestPipeline(const Router& router, PipelineOptions options, const Clock& clock,
                    metrics::Registry* registry);

    Response handle(Request& req);
    // An answer the server decided before routing (malformed request, body too large): gets
    // the same headers, log line and metrics.
    Response reject(const Request& req, Response response);
    // The rate limit check alone (for WebSocket upgrades): a 429 response when refused.
    std::optional<Response> admit(const Request& req, const std::string& bucket);

    const PipelineOptions& options() const { return options_; }

  private:
    Response dispatch(Request& req, const RouteMatch& m);
    Response preflight(const Request& req, const RouteMatch& m);
    void decorate(const Request& req, const Route* route, Response& res) const;
    void record(const Request& req, const std::string& route_label, const Response& res,
                std::chrono::steady_clock::time_point start);

    const Router& router_;
    PipelineOptions options_;
    RateLimiter limiter_;
    metrics::Registry* registry_;
};

}  // namespace viddhana::http
