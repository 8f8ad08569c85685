#include "ledger/payout/hashrate_estimate.h"

#include <cmath>

#include <fmt/format.h>

namespace viddhana::ledger::payout {

Expected<double> estimate_hashrate(double difficulty_sum, double share_multiplier, double seconds) {
    if (!std::isfinite(difficulty_sum) || difficulty_sum < 0) {
        return make_error(fmt::format("difficulty sum {} must be finite and >= 0", difficulty_sum));
    }
    if (!std::isfinite(share_multiplier) || !(share_multiplier > 0)) {
        return make_error(
            fmt::format("share multiplier {} must be a positive number", share_multiplier));
    }
    if (!std::isfinite(seconds) || !(seconds > 0)) {
        return make_error(fmt::format("window of {} seconds must be positive", seconds));
    }
    return std::ldexp(difficulty_sum, 32) / share_multiplier / seconds;
}

}  // namespace viddhana::ledger::payout
