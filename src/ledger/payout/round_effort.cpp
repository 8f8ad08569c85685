#include "ledger/payout/round_effort.h"

#include <cmath>

#include <fmt/format.h>

namespace viddhana::ledger::payout {

Expected<double> round_effort(double round_work, double network_difficulty) {
    if (!std::isfinite(network_difficulty) || !(network_difficulty > 0)) {
        return make_error(
            fmt::format("network difficulty {} must be a positive number", network_difficulty));
    }
    if (!std::isfinite(round_work) || round_work < 0) {
        return make_error(fmt::format("round work {} must be finite and >= 0", round_work));
    }
    return round_work / network_difficulty;
}

}  // namespace viddhana::ledger::payout
