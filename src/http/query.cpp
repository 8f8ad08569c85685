#include "http/query.h"

#include <cctype>
#include <charconv>
#include <ctime>

#include <fmt/format.h>

#include "http/api_error.h"

namespace viddhana::http {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::optional<int64_t> parse_int(std::string_view s) {
    int64_t v = 0;
    if (s.empty()) return std::nullopt;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

// "YYYY-MM-DDTHH:MM:SS[.fff]Z" (or a date alone) as Unix milliseconds.
std::optional<int64_t> parse_iso8601(std::string_view s) {
    auto num = [&](size_t pos, size_t len) -> std::optional<int> {
        if (pos + len > s.size()) return std::nullopt;
        auto v = parse_int(s.substr(pos, len));
        if (!v) return std::nullopt;
        return static_cast<int>(*v);
    };
    if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    std::tm tm{};
    auto y = num(0, 4), mo = num(5, 2), d = num(8, 2);
    if (!y || !mo || !d || *mo < 1 || *mo > 12 || *d < 1 || *d > 31) return std::nullopt;
    tm.tm_year = *y - 1900;
    tm.tm_mon = *mo - 1;
    tm.tm_mday = *d;
    int64_t ms = 0;
    if (s.size() > 10) {
        if ((s[10] != 'T' && s[10] != ' ') || s.size() < 20 || s[13] != ':' || s[16] != ':') {
            return std::nullopt;
        }
        auto h = num(11, 2), mi = num(14, 2), sec = num(17, 2);
        if (!h || !mi || !sec || *h > 23 || *mi > 59 || *sec > 60) return std::nullopt;
        tm.tm_hour = *h;
        tm.tm_min = *mi;
        tm.tm_sec = *sec;
        size_t pos = 19;
        if (pos < s.size() && s[pos] == '.') {
            size_t start = ++pos;
            while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])))
                ++pos;
            std::string frac(s.substr(start, pos - start));
            if (frac.empty()) return std::nullopt;
            frac.resize(3, '0');
            ms = *parse_int(frac.substr(0, 3));
        }
        if (s.substr(pos) != "Z" && s.substr(pos) != "+00:00") return std::nullopt;
    }
    return static_cast<int64_t>(timegm(&tm)) * 1000 + ms;
}

}  // namespace

Expected<std::string> percent_decode(std::string_view in, bool plus_is_space) {
    std::string out;
    out.reserve(in.size());
    for (size_t i = 0; i < in.size(); ++i) {
        char c = in[i];
        if (c == '%') {
            if (i + 2 >= in.size()) {
                return make_error("truncated percent escape");
            }
            int hi = hex_value(in[i + 1]), lo = hex_value(in[i + 2]);
            if (hi < 0 || lo < 0) return make_error("malformed percent escape");
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

Expected<Target> parse_target(std::string_view target) {
    Target t;
    auto q = target.find('?');
    auto path = percent_decode(target.substr(0, q), false);
    if (!path) return make_error("path: " + path.error().message);
    t.path = std::move(*path);
    if (t.path.empty() || t.path[0] != '/') return make_error("path must start with /");
    if (q == std::string_view::npos) return t;
    std::string_view rest = target.substr(q + 1);
    while (!rest.empty()) {
        auto amp = rest.find('&');
        std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
        if (pair.empty()) continue;
        auto eq = pair.find('=');
        auto key = percent_decode(pair.substr(0, eq), true);
        auto value = percent_decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
        if (!key) return make_error("query: " + key.error().message);
        if (!value)
            return make_error(fmt::format("query parameter {}: {}", *key, value.error().message));
        t.query.emplace(std::move(*key), std::move(*value));
    }
    return t;
}

std::optional<int64_t> optional_int_param(const Request& req, const std::string& name, int64_t min,
                                          int64_t max) {
    auto raw = req.query_param(name);
    if (!raw) return std::nullopt;
    auto v = parse_int(*raw);
    if (!v) throw_bad_parameter(name, fmt::format("{} must be an integer, got '{}'", name, *raw));
    if (*v < min || *v > max) {
        throw_bad_parameter(
            name, fmt::format("{} must be between {} and {}, got {}", name, min, max, *v));
    }
    return v;
}

int64_t int_param(const Request& req, const std::string& name, int64_t fallback, int64_t min,
                  int64_t max) {
    return optional_int_param(req, name, min, max).value_or(fallback);
}

std::string choice_param(const Request& req, const std::string& name, const std::string& fallback,
                         const std::vector<std::string>& allowed) {
    auto raw = req.query_param(name);
    if (!raw) return fallback;
    for (const auto& a : allowed) {
        if (a == *raw) return a;
    }
    throw_bad_parameter(
        name, fmt::format("{} must be one of {}, got '{}'", name, fmt::join(allowed, ", "), *raw));
}

std::optional<int64_t> time_param(const Request& req, const std::string& name) {
    auto raw = req.query_param(name);
    if (!raw) return std::nullopt;
    if (auto v = parse_int(*raw)) {
        if (*v < 100'000'000'000LL) {
            throw_bad_parameter(name, fmt::format("{} is Unix time in milliseconds (or ISO 8601); "
                                                  "'{}' looks like seconds",
                                                  name, *raw));
        }
        return v;
    }
    if (auto v = parse_iso8601(*raw)) return v;
    throw_bad_parameter(name, fmt::format("{} must be Unix milliseconds or an ISO 8601 UTC time "
                                          "such as 2026-01-31T12:00:00Z, got '{}'",
                                          name, *raw));
}

Expected<int64_t> parse_duration_ms(std::string_view text) {
    struct Unit {
        std::string_view suffix;
        int64_t ms;
    };
    static constexpr Unit kUnits[] = {{"ms", 1},        {"s", 1000},       {"m", 60'000},
                                      {"h", 3'600'000}, {"d", 86'400'000}, {"w", 604'800'000}};
    for (const auto& u : kUnits) {
        if (text.size() > u.suffix.size() && text.ends_with(u.suffix)) {
            auto n = parse_int(text.substr(0, text.size() - u.suffix.size()));
            // "5ms" must not read as "5m" + "s": only accept when the rest is a number.
            if (n && *n >= 0) return *n * u.ms;
        }
    }
    if (auto n = parse_int(text); n && *n >= 0) return *n * 1000;
    return make_error(fmt::format("'{}' is not a duration (e.g. 30s, 15m, 2h, 7d)", text));
}

}  // namespace viddhana::http
