#include "bus/redis_config.h"

#include <cctype>
#include <charconv>

namespace viddhana::bus {
namespace {

Error url_error(const std::string& what) {
    return make_error("Redis URL: " + what);
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

Expected<std::string> percent_decode(std::string_view in, const char* part) {
    std::string out;
    out.reserve(in.size());
    for (size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '%') {
            out.push_back(in[i]);
            continue;
        }
        if (i + 2 >= in.size()) {
            return url_error(std::string("truncated percent escape in the ") + part);
        }
        int hi = hex_value(in[i + 1]);
        int lo = hex_value(in[i + 2]);
        if (hi < 0 || lo < 0) return url_error(std::string("bad percent escape in the ") + part);
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
    }
    return out;
}

template <typename T>
bool parse_decimal(std::string_view s, T& out) {
    if (s.empty()) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

Expected<RedisBusConfig> parse_redis_url(std::string_view url, RedisBusConfig base) {
    auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) {
        return url_error("missing scheme (expected redis://host:port/db)");
    }
    std::string scheme = lower(url.substr(0, scheme_end));
    if (scheme == "rediss") return url_error("TLS (rediss://) is not supported");
    if (scheme == "unix" || scheme == "redis+unix") {
        return url_error("unix socket URLs are not supported");
    }
    if (scheme != "redis") return url_error("unsupported scheme '" + scheme + "'");
    std::string_view rest = url.substr(scheme_end + 3);

    if (auto q = rest.find_first_of("?#"); q != std::string_view::npos) {
        return url_error("query or fragment '" + std::string(rest.substr(q)) +
                         "' is not supported");
    }
    std::string_view authority = rest;
    std::string_view path;
    if (auto slash = rest.find('/'); slash != std::string_view::npos) {
        authority = rest.substr(0, slash);
        path = rest.substr(slash + 1);
    }

    RedisBusConfig config = std::move(base);
    config.username.clear();
    config.password.clear();
    if (auto at = authority.rfind('@'); at != std::string_view::npos) {
        std::string_view userinfo = authority.substr(0, at);
        authority = authority.substr(at + 1);
        std::string_view user = userinfo;
        std::string_view password;
        bool has_password = false;
        if (auto colon = userinfo.find(':'); colon != std::string_view::npos) {
            user = userinfo.substr(0, colon);
            password = userinfo.substr(colon + 1);
            has_password = true;
        }
        auto u = percent_decode(user, "user name");
        if (!u) return u.error();
        config.username = std::move(*u);
        if (has_password) {
            auto p = percent_decode(password, "password");
            if (!p) return p.error();
            config.password = std::move(*p);
        }
    }

    std::string_view host = authority;
    std::string_view port;
    if (!authority.empty() && authority.front() == '[') {
        auto close = authority.find(']');
        if (close == std::string_view::npos) return url_error("unterminated IPv6 host");
        host = authority.substr(1, close - 1);
        std::string_view after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') {
                return url_error("unexpected '" + std::string(after) + "' after the host");
            }
            port = after.substr(1);
            if (port.empty()) return url_error("empty port");
        }
    } else if (auto colon = authority.rfind(':'); colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
        if (port.empty()) return url_error("empty port");
    }
    if (host.empty()) return url_error("missing host");
    config.host = std::string(host);
    config.port = 6379;
    if (!port.empty()) {
        unsigned value = 0;
        if (!parse_decimal(port, value) || value == 0 || value > 65535) {
            return url_error("port '" + std::string(port) + "' is not a number in 1..65535");
        }
        config.port = static_cast<uint16_t>(value);
    }

    config.db = 0;
    if (!path.empty()) {
        int db = 0;
        if (!parse_decimal(path, db) || db < 0) {
            return url_error("database '" + std::string(path) + "' is not a non-negative number");
        }
        config.db = db;
    }
    return config;
}

std::string describe_server(const RedisBusConfig& config) {
    bool v6 = config.host.find(':') != std::string::npos;
    std::string host = v6 ? "[" + config.host + "]" : config.host;
    return host + ":" + std::to_string(config.port) + "/" + std::to_string(config.db);
}

}  // namespace viddhana::bus
