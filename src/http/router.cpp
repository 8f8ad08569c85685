#include "http/router.h"

#include <algorithm>
#include <stdexcept>

namespace viddhana::http {

namespace {

bool is_param(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Specificity: literal segments score higher, leftmost first.
bool more_specific(const Route& a, const Route& b) {
    for (size_t i = 0; i < a.segments.size() && i < b.segments.size(); ++i) {
        bool la = !is_param(a.segments[i]), lb = !is_param(b.segments[i]);
        if (la != lb) return la;
    }
    return false;
}

bool matches(const Route& r, const std::vector<std::string>& parts,
             std::map<std::string, std::string>* params) {
    if (r.segments.size() != parts.size()) return false;
    for (size_t i = 0; i < parts.size(); ++i) {
        const auto& seg = r.segments[i];
        if (is_param(seg)) {
            if (parts[i].empty()) return false;
            if (params) (*params)[seg.substr(1, seg.size() - 2)] = parts[i];
        } else if (seg != parts[i]) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> parts;
    size_t start = 1;
    if (path.size() <= 1) return parts;
    for (;;) {
        size_t slash = path.find('/', start);
        parts.push_back(
            path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    // A trailing slash is the same resource.
    if (!parts.empty() && parts.back().empty()) parts.pop_back();
    return parts;
}

Router& Router::add(std::string method, std::string pattern, Handler handler,
                    RouteOptions options) {
    if (pattern.empty() || pattern[0] != '/') {
        throw std::invalid_argument("route pattern must start with /: " + pattern);
    }
    Route r{std::move(method), std::move(pattern), std::move(handler), std::move(options), {}};
    r.segments = split_path(r.pattern);
    for (const auto& s : r.segments) {
        if (s.empty())
            throw std::invalid_argument("route pattern has an empty segment: " + r.pattern);
        if ((s.find('{') != std::string::npos || s.find('}') != std::string::npos) &&
            !is_param(s)) {
            throw std::invalid_argument("route pattern has a malformed parameter: " + r.pattern);
        }
    }
    for (const auto& existing : routes_) {
        if (existing.method == r.method && existing.segments.size() == r.segments.size()) {
            bool same = true;
            for (size_t i = 0; i < r.segments.size() && same; ++i) {
                same = is_param(existing.segments[i]) == is_param(r.segments[i]) &&
                       (is_param(r.segments[i]) || existing.segments[i] == r.segments[i]);
            }
            if (same) throw std::invalid_argument("duplicate route " + r.method + " " + r.pattern);
        }
    }
    routes_.push_back(std::move(r));
    return *this;
}

RouteMatch Router::match(const std::string& method, const std::string& path) const {
    RouteMatch m;
    auto parts = split_path(path);
    const std::string& want = method == "HEAD" ? std::string("GET") : method;
    const Route* best = nullptr;
    for (const auto& r : routes_) {
        if (!matches(r, parts, nullptr)) continue;
        if (r.method != want) {
            if (std::find(m.allowed_methods.begin(), m.allowed_methods.end(), r.method) ==
                m.allowed_methods.end()) {
                m.allowed_methods.push_back(r.method);
            }
            continue;
        }
        if (!best || more_specific(r, *best)) best = &r;
    }
    if (best) {
        matches(*best, parts, &m.params);
        m.route = best;
        m.allowed_methods.clear();
    }
    return m;
}

}  // namespace viddhana::http
