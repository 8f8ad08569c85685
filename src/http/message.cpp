#include "http/message.h"

#include <algorithm>
#include <cctype>

namespace viddhana::http {

namespace {

bool iequals(const std::string& a, const std::string& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

}  // namespace

std::optional<std::string> Request::header(const std::string& lower_case_name) const {
    auto it = headers.find(lower_case_name);
    if (it == headers.end()) return std::nullopt;
    return it->second;
}

std::optional<std::string> Request::query_param(const std::string& name) const {
    auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
}

const std::string& Request::path_param(const std::string& name) const {
    static const std::string empty;
    auto it = path_params.find(name);
    return it == path_params.end() ? empty : it->second;
}

void Response::set_header(std::string name, std::string value) {
    for (auto& [n, v] : headers) {
        if (iequals(n, name)) {
            v = std::move(value);
            return;
        }
    }
    headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string> Response::header(const std::string& name) const {
    for (const auto& [n, v] : headers) {
        if (iequals(n, name)) return v;
    }
    return std::nullopt;
}

Response json_response(const nlohmann::json& body, int status) {
    Response r;
    r.status = status;
    r.body = body.dump();
    return r;
}

Response text_response(std::string body, std::string content_type, int status) {
    Response r;
    r.status = status;
    r.content_type = std::move(content_type);
    r.body = std::move(body);
    return r;
}

}  // namespace viddhana::http
