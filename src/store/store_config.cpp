#include "store/store_config.h"

#include <charconv>

namespace viddhana::store {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

Expected<std::string> percent_decode(std::string_view s, std::string_view what) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out.push_back(s[i]);
            continue;
        }
        if (i + 2 >= s.size()) {
            return make_error("bad percent-escape in the URL's " + std::string(what));
        }
        int hi = hex_value(s[i + 1]);
        int lo = hex_value(s[i + 2]);
        if (hi < 0 || lo < 0)
            return make_error("bad percent-escape in the URL's " + std::string(what));
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
    }
    return out;
}

std::string percent_encode(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                     c == '-' || c == '_' || c == '.' || c == '~';
        if (plain) {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

std::string quote_conninfo(std::string_view v) {
    std::string out = "'";
    for (char c : v) {
        if (c == '\'' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    out.push_back('\'');
    return out;
}

}  // namespace

Expected<PostgresConnection> parse_postgres_url(std::string_view url) {
    std::string_view rest;
    for (std::string_view scheme : {"postgresql://", "postgres://"}) {
        if (url.substr(0, scheme.size()) == scheme) rest = url.substr(scheme.size());
    }
    if (rest.data() == nullptr) {
        return make_error("PostgreSQL URL must start with postgresql:// or postgres://: '" +
                          std::string(url) + "'");
    }
    if (auto q = rest.find('?'); q != std::string_view::npos) {
        return make_error("PostgreSQL URL query parameters are not supported: '" +
                          std::string(rest.substr(q)) + "'");
    }
    PostgresConnection c;
    std::string_view authority = rest;
    if (auto slash = rest.find('/'); slash != std::string_view::npos) {
        authority = rest.substr(0, slash);
        std::string_view db = rest.substr(slash + 1);
        if (!db.empty()) {
            auto decoded = percent_decode(db, "database");
            if (!decoded) return decoded.error();
            c.database = *decoded;
        }
    }
    if (auto at = authority.rfind('@'); at != std::string_view::npos) {
        std::string_view userinfo = authority.substr(0, at);
        authority = authority.substr(at + 1);
        std::string_view user = userinfo;
        if (auto colon = userinfo.find(':'); colon != std::string_view::npos) {
            user = userinfo.substr(0, colon);
            auto pw = percent_decode(userinfo.substr(colon + 1), "password");
            if (!pw) return pw.error();
            c.password = *pw;
        }
        if (!user.empty()) {
            auto u = percent_decode(user, "user");
            if (!u) return u.error();
            c.user = *u;
        }
    }
    std::string_view host = authority;
    std::string_view port;
    if (!authority.empty() && authority.front() == '[') {
        auto close = authority.find(']');
        if (close == std::string_view::npos) {
            return make_error("PostgreSQL URL has an unclosed '[' in its host");
        }
        host = authority.substr(1, close - 1);
        std::string_view after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') return make_error("PostgreSQL URL has junk after ']'");
            port = after.substr(1);
        }
    } else if (auto colon = authority.rfind(':'); colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
    }
    if (!host.empty()) {
        auto h = percent_decode(host, "host");
        if (!h) return h.error();
        c.host = *h;
    }
    if (!port.empty()) {
        unsigned value = 0;
        auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (ec != std::errc() || p != port.data() + port.size() || value == 0 || value > 65535) {
            return make_error("PostgreSQL URL port must be 1..65535, got '" + std::string(port) +
                              "'");
        }
        c.port = static_cast<uint16_t>(value);
    }
    return c;
}

std::string to_conninfo(const PostgresConnection& c) {
    std::string s = "host=" + quote_conninfo(c.host) + " port=" + std::to_string(c.port) +
                    " dbname=" + quote_conninfo(c.database) + " user=" + quote_conninfo(c.user);
    if (!c.password.empty()) s += " password=" + quote_conninfo(c.password);
    s += " connect_timeout=" + std::to_string(c.connect_timeout_s);
    s += " application_name='viddhana'";
    return s;
}

std::string to_url(const PostgresConnection& c, bool reveal_password) {
    std::string s = "postgresql://" + percent_encode(c.user);
    if (!c.password.empty()) s += ":" + (reveal_password ? percent_encode(c.password) : "***");
    bool v6 = c.host.find(':') != std::string::npos;
    s += "@" + (v6 ? "[" + c.host + "]" : percent_encode(c.host));
    s += ":" + std::to_string(c.port) + "/" + percent_encode(c.database);
    return s;
}

Expected<StoreConfig> parse_store_location(std::string_view location) {
    StoreConfig config;
    if (location.substr(0, 13) == "postgresql://" || location.substr(0, 11) == "postgres://") {
        auto pg = parse_postgres_url(location);
        if (!pg) return pg.error();
        config.backend = StoreBackend::postgres;
        config.postgres = *pg;
        return config;
    }
    if (location.substr(0, 7) == "sqlite:") location.remove_prefix(7);
    if (location.empty()) return make_error("store location is empty");
    config.backend = StoreBackend::sqlite;
    config.sqlite_path = std::string(location);
    return config;
}

Expected<StoreConfig> validate(StoreConfig config) {
    if (config.read_connections < 0 || config.read_connections > 16) {
        return make_error("store read_connections must be 0..16, got " +
                          std::to_string(config.read_connections));
    }
    if (config.share_retention_days < 0) {
        return make_error("store share_retention_days must be >= 0, got " +
                          std::to_string(config.share_retention_days));
    }
    if (config.rollup_retention_days < 0) {
        return make_error("store rollup_retention_days must be >= 0, got " +
                          std::to_string(config.rollup_retention_days));
    }
    if (config.partition_days_ahead < 0 || config.partition_days_ahead > 60) {
        return make_error("store partition_days_ahead must be 0..60, got " +
                          std::to_string(config.partition_days_ahead));
    }
    if (config.backend == StoreBackend::sqlite && config.sqlite_path.empty()) {
        return make_error("store sqlite path is empty");
    }
    if (config.backend == StoreBackend::postgres) {
        if (config.postgres.host.empty()) return make_error("store postgres host is empty");
        if (config.postgres.database.empty()) return make_error("store postgres database is empty");
        if (config.postgres.user.empty()) return make_error("store postgres user is empty");
    }
    return config;
}

}  // namespace viddhana::store
