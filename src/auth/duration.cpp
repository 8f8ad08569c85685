#include "auth/duration.h"

#include <string>

namespace viddhana::auth {

Expected<int64_t> parse_duration_seconds(std::string_view text) {
    const std::string quoted = "duration '" + std::string(text) + "'";
    if (text.empty()) return make_error("duration is empty");
    int64_t unit = 1;
    std::string_view digits = text;
    switch (text.back()) {
        case 's':
            unit = 1;
            break;
        case 'm':
            unit = 60;
            break;
        case 'h':
            unit = 3600;
            break;
        case 'd':
            unit = 86400;
            break;
        default:
            if (text.back() < '0' || text.back() > '9') {
                return make_error(quoted + " has an unknown unit (use s, m, h or d)");
            }
    }
    if (text.back() < '0' || text.back() > '9') digits.remove_suffix(1);
    if (digits.empty()) return make_error(quoted + " has no number");
    constexpr int64_t kMax = 10LL * 366 * 86400;
    int64_t value = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') {
            return make_error(quoted + " is not a whole number followed by s, m, h or d");
        }
        value = value * 10 + (c - '0');
        if (value > kMax) return make_error(quoted + " is longer than ten years");
    }
    if (value * unit > kMax) return make_error(quoted + " is longer than ten years");
    if (value == 0) return make_error(quoted + " is zero");
    return value * unit;
}

}  // namespace viddhana::auth
