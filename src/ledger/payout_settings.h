// A miner's payout settings, as the miner (through the API) or the operator sets them: a payout
// threshold inside the pool's range and a payout address of the pool's coin and network. Every
// value is checked before anything is stored, so a change with one bad value changes nothing.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/expected.h"
#include "chain/coin.h"
#include "ledger/ledger_config.h"
#include "store/miner_repository.h"

namespace viddhana::ledger {

// Exact decimal coins ("0.5", "12", "0.00000001") to base units, without floating point: at
// most `decimals` fractional digits, no sign, no exponent.
Expected<int64_t> parse_coin_amount(std::string_view text, int decimals = 8);

// The threshold inside [min_threshold, max_threshold]; the error states the range in coins.
Expected<int64_t> check_payout_threshold(int64_t base_units, const LedgerConfig& config);

// A payout address the coin's network accepts; the error carries the decoder's reason.
Expected<std::string> check_payout_address(std::string_view address, const chain::CoinParams& coin);

struct PayoutSettingsChange {
    // Unset: leave as is. Set to nullopt: back to the pool's default / to the login itself.
    std::optional<std::optional<int64_t>> threshold;
    std::optional<std::optional<std::string>> address;
};

// Checks every value of the change, then stores it (an address change at `now_ms`). Unknown
// miner: error, nothing stored.
Expected<store::Miner> apply_payout_settings(store::MinerRepository& miners,
                                             const std::string& login,
                                             const PayoutSettingsChange& change,
                                             const LedgerConfig& config,
                                             const chain::CoinParams& coin, int64_t now_ms);

}  // namespace viddhana::ledger
