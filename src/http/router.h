// Routes by method and path pattern. Patterns are literal segments and {name} parameters
// ("/api/miners/{address}/workers"); a literal segment wins over a parameter at the same place,
// so "/api/blocks/stats" can live beside "/api/blocks/{hash}". HEAD is answered by GET routes.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http/message.h"

namespace viddhana::http {

struct RouteOptions {
    // Named rate-limit bucket; empty means the pipeline's default bucket.
    std::string rate_limit_bucket;
    // Answers carry data about one account: Cache-Control: no-store.
    bool private_data = false;
};

using Handler = std::function<Response(const Request&)>;

struct Route {
    std::string method;
    std::string pattern;
    Handler handler;
    RouteOptions options;
    std::vector<std::string> segments;  // "{name}" marks a parameter
};

struct RouteMatch {
    const Route* route = nullptr;  // null when nothing matched
    std::map<std::string, std::string> params;
    // When the path matched but not the method: the methods that would match.
    std::vector<std::string> allowed_methods;
};

class Router {
  public:
    // Throws std::invalid_argument for a malformed pattern or a duplicate (method, pattern).
    Router& add(std::string method, std::string pattern, Handler handler,
                RouteOptions options = {});
    Router& get(std::string pattern, Handler handler, RouteOptions options = {}) {
        return add("GET", std::move(pattern), std::move(handler), std::move(options));
    }
    Router& post(std::string pattern, Handler handler, RouteOptions options = {}) {
        return add("POST", std::move(pattern), std::move(handler), std::move(options));
    }

    RouteMatch match(const std::string& method, const std::string& path) const;
    const std::vector<Route>& routes() const { return routes_; }

  private:
    std::vector<Route> routes_;
};

std::vector<std::string> split_path(const std::string& path);

}  // namespace viddhana::http
