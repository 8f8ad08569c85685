// The request a handler sees and the response it returns: plain values with no socket behind
// them, so routing, limits and handlers are testable without a network.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace viddhana::http {

struct Request {
    std::string method;                              // upper case: GET, POST, OPTIONS, ...
    std::string path;                                // percent-decoded path without the query
    std::string target;                              // the raw request target, as sent
    std::map<std::string, std::string> query;        // decoded; the first value of a repeated key
    std::map<std::string, std::string> headers;      // names in lower case
    std::map<std::string, std::string> path_params;  // filled by the router
    std::string body;
    std::string client_ip;

    std::optional<std::string> header(const std::string& lower_case_name) const;
    std::optional<std::string> query_param(const std::string& name) const;
    const std::string& path_param(const std::string& name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    void set_header(std::string name, std::string value);
    std::optional<std::string> header(const std::string& name) const;  // case-insensitive
};

Response json_response(const nlohmann::json& body, int status = 200);
Response text_response(std::string body, std::string content_type, int status = 200);

}  // namespace viddhana::http
