// Durations as configured in the environment (JWT_ACCESS_EXPIRY=15m, JWT_REFRESH_EXPIRY=7d):
// a positive integer with an optional unit s, m, h or d; no unit means seconds.
#pragma once
#include <cstdint>
#include <string_view>

#include "base/expected.h"

namespace viddhana::auth {

// Seconds. "15m" -> 900, "7d" -> 604800, "3600" -> 3600. Refuses zero, signs, fractions,
// spaces, unknown units and values beyond ten years.
Expected<int64_t> parse_duration_seconds(std::string_view text);

}  // namespace viddhana::auth
