#include "app/web_role.h"

#include <fmt/format.h>

namespace viddhana::app {

namespace {

void require_scheme(const std::string& url, const std::string& key, const std::string& env_name,
                    bool has_key, std::initializer_list<const char*> schemes) {
    if (url.empty()) return;
    for (const char* s : schemes) {
        if (url.rfind(s, 0) == 0 && url.size() > std::string(s).size()) return;
    }
    std::string expected;
    for (const char* s : schemes)
        expected += (expected.empty() ? "" : " or ") + std::string(s) + "…";
    ConfigReader::fail(has_key ? key : env_name,
                       fmt::format("'{}' is not a URL starting with {}", url, expected));
}

}  // namespace

void read_web_config(ConfigReader& r, Config& c, const ConfigReader::EnvLookup& env) {
    auto& w = c.web;
    w.enabled = r.boolean("web.enabled", w.enabled);
    w.host = r.text("web.host", w.host);
    std::string port_text = r.text("web.port", env("WEB_PORT").value_or(std::to_string(w.port)));
    try {
        size_t used = 0;
        int port = std::stoi(port_text, &used);
        if (used != port_text.size() || port < 0 || port > 65535) throw std::out_of_range("port");
        w.port = static_cast<uint16_t>(port);
    } catch (const std::exception&) {
        ConfigReader::fail(r.has("web.port") ? "web.port" : "WEB_PORT",
                           fmt::format("'{}' is not a port number (0..65535)", port_text));
    }
    w.root = r.text("web.root", w.root);
    w.api_url = r.text("web.api_url", env("NEXT_PUBLIC_API_URL").value_or(""));
    require_scheme(w.api_url, "web.api_url", "NEXT_PUBLIC_API_URL", r.has("web.api_url"),
                   {"http://", "https://"});
    w.ws_url = r.text("web.ws_url", env("NEXT_PUBLIC_WS_URL").value_or(""));
    require_scheme(w.ws_url, "web.ws_url", "NEXT_PUBLIC_WS_URL", r.has("web.ws_url"),
                   {"ws://", "wss://"});
    std::string chain = env("NEXT_PUBLIC_CHAIN_ID").value_or("");
    int64_t chain_default = w.chain_id;
    if (!chain.empty() && !r.has("web.chain_id")) {
        try {
            size_t used = 0;
            chain_default = std::stoll(chain, &used);
            if (used != chain.size() || chain_default < 1) throw std::out_of_range("chain id");
        } catch (const std::exception&) {
            ConfigReader::fail("NEXT_PUBLIC_CHAIN_ID",
                               fmt::format("'{}' is not a positive chain id", chain));
        }
    }
    w.chain_id = r.integer("web.chain_id", chain_default, 1, int64_t{1} << 53);
    w.access_log = r.boolean("web.access_log", w.access_log);
    w.threads = static_cast<int>(r.integer("web.threads", w.threads, 1, 16));
    w.api_port = c.api.port;
}

WebRole::WebRole(const Config& config, metrics::Registry& registry, const Clock& clock)
    : server_(std::make_unique<web::WebServer>(config.web, &registry, clock)) {}

void WebRole::start() {
    server_->start();
}

void WebRole::stop() {
    if (server_) server_->stop();
}

}  // namespace viddhana::app
