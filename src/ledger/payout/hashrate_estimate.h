// Hashrate from shares: a share of Stratum difficulty d stands for d * 2^32 / multiplier hashes
// on average, so the shares of a window tell the hashes done in it. The estimate's relative error
// is about 1 / sqrt(shares in the window): use long windows for small miners.
#pragma once
#include "base/expected.h"

namespace viddhana::ledger::payout {

// hashes per second = difficulty_sum * 2^32 / share_multiplier / seconds.
// difficulty_sum: accepted Stratum difficulty in the window (>= 0); share_multiplier: 65536 for
// scrypt, 1 for SHA256d (> 0); seconds: the window's length (> 0).
Expected<double> estimate_hashrate(double difficulty_sum, double share_multiplier, double seconds);

}  // namespace viddhana::ledger::payout
