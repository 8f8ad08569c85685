#include "http/request_pipeline.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "http/api_error.h"

namespace viddhana::http {

namespace {

const char* kAllowHeaders = "Content-Type, Authorization";

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) {
        if (!out.empty()) out += ", ";
        out += i;
    }
    return out;
}

}  // namespace

RequestPipeline::RequestPipeline(const Router& router, PipelineOptions options, const Clock& clock,
                                 metrics::Registry* registry)
    : router_(router), options_(std::move(options)), limiter_(clock), registry_(registry) {
    for (const auto& [name, spec] : options_.rate_limits)
        limiter_.define(name, spec);
}

std::optional<Response> RequestPipeline::admit(const Request& req, const std::string& bucket) {
    if (bucket.empty()) return std::nullopt;
    auto d = limiter_.take(bucket, req.client_ip);
    if (d.allowed) return std::nullopt;
    auto res = error_response(
        429, "rate_limited",
        fmt::format("too many requests: at most {} per {}s from one address; retry in {}s", d.limit,
                    options_.rate_limits.at(bucket).period_ms / 1000, d.retry_after_seconds));
    res.set_header("Retry-After", std::to_string(d.retry_after_seconds));
    res.set_header("X-RateLimit-Limit", std::to_string(d.limit));
    res.set_header("X-RateLimit-Remaining", "0");
    return res;
}

Response RequestPipeline::handle(Request& req) {
    auto start = std::chrono::steady_clock::now();
    RouteMatch m = router_.match(req.method, req.path);
    Response res;
    if (req.method == "OPTIONS") {
        res = preflight(req, m);
    } else {
        const std::string& bucket = m.route && !m.route->options.rate_limit_bucket.empty()
                                        ? m.route->options.rate_limit_bucket
                                        : options_.default_bucket;
        if (auto refused = admit(req, bucket)) {
            res = std::move(*refused);
        } else {
            res = dispatch(req, m);
        }
    }
    if (req.method == "HEAD") {
        // What a GET would carry, without the body itself (RFC 9110 9.3.2).
        res.set_header("Content-Length", std::to_string(res.body.size()));
        res.body.clear();
    }
    decorate(req, m.route, res);
    std::string label = m.route ? m.route->pattern : std::string("unmatched");
    if (req.method == "OPTIONS") {
        // A preflight is about the route it asks for.
        for (const char* verb : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
            if (auto other = router_.match(verb, req.path); other.route) {
                label = other.route->pattern;
                break;
            }
        }
    }
    record(req, label, res, start);
    return res;
}

Response RequestPipeline::reject(const Request& req, Response response) {
    decorate(req, nullptr, response);
    record(req, "unmatched", response, std::chrono::steady_clock::now());
    return response;
}

Response RequestPipeline::preflight(const Request& req, const RouteMatch& m) {
    (void)m;
    // Which methods exist for this path (a literal route may shadow a parameter route).
    std::vector<std::string> methods;
    for (const char* verb : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
        if (router_.match(verb, req.path).route) methods.emplace_back(verb);
    }
    if (methods.empty()) {
        return error_response(404, "not_found", fmt::format("no route for {}", req.path));
    }
    auto origin = req.header("origin").value_or("");
    if (origin.empty()) {
        // Not a browser's preflight: just say what the path allows.
        Response res;
        res.status = 204;
        res.content_type.clear();
        res.set_header("Allow", join(methods) + ", OPTIONS");
        return res;
    }
    auto allowed = options_.cors.allow(origin);
    if (!allowed) {
        return error_response(403, "origin_not_allowed",
                              fmt::format("origin '{}' may not call this API (allowed: {})", origin,
                                          join(options_.cors.origins())));
    }
    Response res;
    res.status = 204;
    res.content_type.clear();
    res.set_header("Access-Control-Allow-Methods", join(methods) + ", OPTIONS");
    res.set_header("Access-Control-Allow-Headers", kAllowHeaders);
    res.set_header("Access-Control-Max-Age", "600");
    return res;
}

Response RequestPipeline::dispatch(Request& req, const RouteMatch& m) {
    if (!m.route) {
        if (!m.allowed_methods.empty()) {
            auto res = error_response(405, "method_not_allowed",
                                      fmt::format("{} is not allowed on {} (allowed: {})",
                                                  req.method, req.path, join(m.allowed_methods)));
            res.set_header("Allow", join(m.allowed_methods));
            return res;
        }
        return error_response(404, "not_found",
                              fmt::format("no route for {} {}", req.method, req.path));
    }
    req.path_params = m.params;
    try {
        return m.route->handler(req);
    } catch (const ApiError& e) {
        return error_response(e);
    } catch (const std::exception& e) {
        spdlog::error("{}: {} {} failed: {}", options_.name, req.method, req.path, e.what());
        return error_response(500, "internal_error",
                              "the server could not answer this request; it has been logged");
    }
}

void RequestPipeline::decorate(const Request& req, const Route* route, Response& res) const {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "no-referrer");
    if (route && route->options.private_data) res.set_header("Cache-Control", "no-store");
    if (auto origin = req.header("origin")) {
        if (auto allowed = options_.cors.allow(*origin)) {
            res.set_header("Access-Control-Allow-Origin", *allowed);
            res.set_header("Vary", "Origin");
        }
    }
}

void RequestPipeline::record(const Request& req, const std::string& route_label,
                             const Response& res, std::chrono::steady_clock::time_point start) {
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (registry_) {
        std::string status = std::to_string(res.status);
        registry_
            ->counter("http_requests_total", "HTTP requests answered, by route and status",
                      {{"server", options_.name},
                       {"route", route_label},
                       {"method", req.method},
                       {"status", status}})
            .inc();
        registry_
            ->histogram("http_request_duration_seconds", "Time to answer an HTTP request",
                        metrics::latency_buckets(),
                        {{"server", options_.name}, {"route", route_label}})
            .observe(seconds);
    }
    if (options_.access_log) {
        spdlog::info(
            "access server={} ip={} method={} path={} route={} status={} bytes={} "
            "duration_ms={:.3f} ua=\"{}\"",
            options_.name, req.client_ip, req.method, req.path, route_label, res.status,
            res.body.size(), seconds * 1000, req.header("user-agent").value_or(""));
    }
}

}  // namespace viddhana::http
