// `viddhana payout-settings`: the operator sets a miner's payout threshold or payout address
// (the same checks as the API applies to a miner's own change).
#pragma once
#include <optional>
#include <string>

namespace viddhana::app {

// `threshold`: coins, or "default"; `address`: an address, or "default" (pay to the login).
// Prints the miner's settings afterwards; exit code 0, or 2 for a refused change.
int payout_settings(const std::string& config_path, const std::string& login,
                    const std::optional<std::string>& threshold,
                    const std::optional<std::string>& address);

}  // namespace viddhana::app
