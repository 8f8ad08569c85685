// RFC 3339 timestamps as Sign-In with Ethereum messages carry them, to and from Unix seconds
// (proleptic Gregorian calendar, no time zone database: offsets are explicit in the text).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "base/expected.h"

namespace viddhana::auth {

// "2023-11-14T22:13:20Z"
std::string format_rfc3339(int64_t unix_s);

// YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM); a fraction is dropped (rounds towards the
// past). Refuses out-of-range fields (month 13, 31 April, second 60, ...).
Expected<int64_t> parse_rfc3339(std::string_view text);

}  // namespace viddhana::auth
