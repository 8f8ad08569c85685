#include "http/cors.h"

#include <algorithm>

namespace viddhana::http {

namespace {

std::string trim(const std::string& s) {
    size_t b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return "";
    size_t e = s.find_last_not_of(" \t");
    std::string out = s.substr(b, e - b + 1);
    // "http://host/" and "http://host" are the same origin.
    while (out.size() > 1 && out.back() == '/')
        out.pop_back();
    return out;
}

}  // namespace

CorsPolicy::CorsPolicy(std::vector<std::string> origins) : origins_(std::move(origins)) {
    any_ = std::find(origins_.begin(), origins_.end(), "*") != origins_.end();
}

CorsPolicy CorsPolicy::from_list(const std::string& comma_separated) {
    std::vector<std::string> origins;
    size_t start = 0;
    for (;;) {
        size_t comma = comma_separated.find(',', start);
        auto item = trim(comma_separated.substr(
            start, comma == std::string::npos ? std::string::npos : comma - start));
        if (!item.empty()) origins.push_back(item);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return CorsPolicy(std::move(origins));
}

std::optional<std::string> CorsPolicy::allow(const std::string& origin) const {
    if (origin.empty()) return std::nullopt;
    if (any_) return origin;
    if (std::find(origins_.begin(), origins_.end(), origin) != origins_.end()) return origin;
    return std::nullopt;
}

}  // namespace viddhana::http
