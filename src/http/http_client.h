// A blocking HTTP/1.1 client call on a private io_context with one deadline for connect, write
// and read: for a server forwarding to another service (the API to the analytics service).
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/expected.h"

namespace viddhana::http {

struct ClientResponse {
    int status = 0;
    std::string content_type;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;

    std::optional<std::string> header(const std::string& name) const;  // case-insensitive
};

struct BaseUrl {
    std::string host;
    std::string port;
    std::string path;  // without a trailing slash ("" for the root)
};
// "http://host:port[/prefix]"; only plain http.
Expected<BaseUrl> parse_base_url(std::string_view url);

Expected<ClientResponse> call_http(const BaseUrl& base, const std::string& method,
                                   const std::string& target, const std::string& body,
                                   const std::vector<std::pair<std::string, std::string>>& headers,
                                   std::chrono::milliseconds timeout,
                                   size_t max_body_bytes = 1 << 20);

}  // namespace viddhana::http
