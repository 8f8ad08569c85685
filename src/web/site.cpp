#include "web/site.h"

#include <nlohmann/json.hpp>

#include "http/api_error.h"

namespace viddhana::web {

namespace {

constexpr int kMaxDepth = 16;

http::Response file_response(const StaticFile& f, const char* cache_control) {
    http::Response res;
    res.content_type = f.content_type;
    res.body = f.body;
    res.set_header("Cache-Control", cache_control);
    return res;
}

// The host name of the Host header without its port ("[::1]:3004" → "[::1]"); "localhost" when
// the header is missing or holds anything a host name cannot.
std::string page_host(const http::Request& req) {
    std::string host = req.header("host").value_or("");
    if (!host.empty() && host.front() == '[') {
        auto close = host.find(']');
        host = close == std::string::npos ? std::string() : host.substr(0, close + 1);
    } else {
        host = host.substr(0, host.find(':'));
    }
    for (char c : host) {
        bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' ||
                  c == '[' || c == ']';
        if (!ok) return "localhost";
    }
    return host.empty() ? "localhost" : host;
}

// A file name with an extension: a missing asset is a 404, not the app's page.
bool looks_like_file(const std::string& path) {
    auto slash = path.find_last_of('/');
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    return name.find('.') != std::string::npos || path.rfind("/assets/", 0) == 0;
}

}  // namespace

http::Response Site::serve(const http::Request& req) const {
    if (req.path != "/" && req.path != "/index.html") {
        if (const StaticFile* f = files_.find(req.path)) {
            return file_response(
                *f, f->immutable ? "public, max-age=31536000, immutable" : "public, max-age=3600");
        }
        if (looks_like_file(req.path)) {
            throw http::ApiError(404, "not_found", "no file " + req.path);
        }
    }
    return file_response(files_.index(), "no-cache");
}

http::Response Site::config_json(const http::Request& req) const {
    std::string host = page_host(req);
    bool https = req.header("x-forwarded-proto").value_or("") == "https";
    std::string origin = host + ":" + std::to_string(settings_.api_port);
    nlohmann::json j{
        {"apiUrl",
         settings_.api_url.empty() ? (https ? "https://" : "http://") + origin : settings_.api_url},
        {"wsUrl",
         settings_.ws_url.empty() ? (https ? "wss://" : "ws://") + origin : settings_.ws_url},
        {"chainId", settings_.chain_id},
    };
    auto res = http::json_response(j);
    res.set_header("Cache-Control", "no-cache");
    return res;
}

http::Router build_site_router(const Site& site) {
    http::Router r;
    auto serve = [&site](const http::Request& req) { return site.serve(req); };
    r.get("/config.json", [&site](const http::Request& req) { return site.config_json(req); });
    r.get("/", serve);
    std::string pattern;
    for (int depth = 1; depth <= kMaxDepth; ++depth) {
        pattern += "/{p" + std::to_string(depth) + "}";
        r.get(pattern, serve);
    }
    return r;
}

}  // namespace viddhana::web
