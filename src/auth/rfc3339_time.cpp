#include "auth/rfc3339_time.h"

#include <cstdio>

namespace viddhana::auth {
namespace {

// Days since 1970-01-01 of a civil date, and back (H. Hinnant's algorithms).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
}

bool is_leap(int64_t y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned days_in_month(int64_t y, unsigned m) {
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

bool digits_at(std::string_view s, size_t pos, size_t count, int& value) {
    if (pos + count > s.size()) return false;
    value = 0;
    for (size_t i = pos; i < pos + count; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        value = value * 10 + (s[i] - '0');
    }
    return true;
}

int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    if (a % b != 0 && ((a < 0) != (b < 0))) --q;
    return q;
}

}  // namespace

std::string format_rfc3339(int64_t unix_s) {
    int64_t days = floor_div(unix_s, 86400);
    int64_t secs = unix_s - days * 86400;
    int64_t y = 0;
    unsigned m = 0, d = 0;
    civil_from_days(days, y, m, d);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02dZ", static_cast<long long>(y), m,
                  d, static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                  static_cast<int>(secs % 60));
    return buf;
}

Expected<int64_t> parse_rfc3339(std::string_view text) {
    const std::string quoted = "time '" + std::string(text) + "'";
    auto bad = [&](const std::string& why) { return make_error(quoted + " " + why); };
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!digits_at(text, 0, 4, year) || text.size() < 20 || text[4] != '-' ||
        !digits_at(text, 5, 2, month) || text[7] != '-' || !digits_at(text, 8, 2, day) ||
        (text[10] != 'T' && text[10] != 't') || !digits_at(text, 11, 2, hour) || text[13] != ':' ||
        !digits_at(text, 14, 2, minute) || text[16] != ':' || !digits_at(text, 17, 2, second)) {
        return bad("is not RFC 3339 (YYYY-MM-DDTHH:MM:SSZ)");
    }
    if (month < 1 || month > 12) return bad("has month " + std::to_string(month));
    if (day < 1 || static_cast<unsigned>(day) > days_in_month(year, month)) {
        return bad("has day " + std::to_string(day) + ", not in that month");
    }
    if (hour > 23 || minute > 59 || second > 59) return bad("has an out-of-range time of day");
    size_t pos = 19;
    if (pos < text.size() && text[pos] == '.') {
        size_t start = ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
            ++pos;
        if (pos == start) return bad("has an empty fraction of a second");
    }
    int64_t offset_s = 0;
    std::string_view zone = text.substr(pos);
    if (zone == "Z" || zone == "z") {
        offset_s = 0;
    } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
        int oh = 0, om = 0;
        if (!digits_at(zone, 1, 2, oh) || !digits_at(zone, 4, 2, om) || oh > 23 || om > 59) {
            return bad("has an invalid time zone offset");
        }
        offset_s = (oh * 3600 + om * 60) * (zone[0] == '-' ? -1 : 1);
    } else {
        return bad("has no time zone (Z or +HH:MM)");
    }
    int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    return days * 86400 + hour * 3600 + minute * 60 + second - offset_s;
}

}  // namespace viddhana::auth
