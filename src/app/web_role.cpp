#include "app/web_role.h"

namespace viddhana::app {

WebRole::WebRole(const Config& config, metrics::Registry& registry, const Clock& clock)
    : server_(std::make_unique<web::WebServer>(config.web, &registry, clock)) {}

void WebRole::start() {
    server_->start();
}

void WebRole::stop() {
    if (server_) server_->stop();
}

}  // namespace viddhana::app
