#include "web/web_server.h"

#include <stdexcept>

#include <spdlog/spdlog.h>

namespace viddhana::web {

WebServer::WebServer(const WebConfig& config, metrics::Registry* registry, const Clock& clock)
    : config_(config),
      root_(config.root.empty() ? default_web_root() : config.root),
      registry_(registry),
      clock_(clock) {
    auto files = StaticFiles::load(root_);
    if (!files) throw std::runtime_error(files.error().message);
    site_ = std::make_unique<Site>(
        std::move(*files),
        SiteSettings{config_.api_url, config_.ws_url, config_.api_port, config_.chain_id});
    router_ = build_site_router(*site_);
}

WebServer::~WebServer() {
    stop();
}

void WebServer::start() {
    http::HttpServerOptions o;
    o.host = config_.host;
    o.port = config_.port;
    o.max_body_bytes = 1024;  // GET only
    o.pipeline.name = "web";
    o.pipeline.access_log = config_.access_log;
    o.clock = &clock_;
    o.registry = registry_;
    server_ = std::make_unique<http::HttpServer>(io_.get_executor(), o, router_);
    server_->start();
    for (int i = 0; i < std::max(1, config_.threads); ++i) {
        threads_.emplace_back([this] {
            auto work = asio::make_work_guard(io_);
            io_.run();
        });
    }
    spdlog::info("web dashboard on http://{}:{}/ (files from {})", config_.host, port(), root_);
}

void WebServer::stop() {
    if (stopped_) return;
    stopped_ = true;
    if (server_) server_->stop();
    io_.stop();
    for (auto& t : threads_) {
        if (t.joinable()) t.join();
    }
}

uint16_t WebServer::port() const {
    return server_ ? server_->port() : config_.port;
}

}  // namespace viddhana::web
