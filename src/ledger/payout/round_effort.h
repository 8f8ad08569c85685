// A round's effort: the work the pool spent on it against the work a block is expected to take.
// 1.0 is average luck; above it the round was long, below it short.
#pragma once
#include "base/expected.h"

namespace viddhana::ledger::payout {

// round_work: sum of accepted share work in the round, network-difficulty units (Stratum
// difficulty / share multiplier); network_difficulty > 0. effort = round_work / difficulty.
Expected<double> round_effort(double round_work, double network_difficulty);

}  // namespace viddhana::ledger::payout
