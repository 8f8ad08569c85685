#include "ledger/payout_settings.h"

#include <fmt/format.h>

#include "chain/address.h"
#include "ledger/wallet.h"

namespace viddhana::ledger {

Expected<int64_t> parse_coin_amount(std::string_view text, int decimals) {
    if (text.empty()) return make_error("amount is empty");
    int64_t whole = 0;
    int64_t fraction = 0;
    int fraction_digits = 0;
    bool seen_point = false;
    bool seen_digit = false;
    constexpr int64_t kMaxWhole = 90'000'000;  // keeps whole * 10^8 far from overflow
    for (char ch : text) {
        if (ch == '.') {
            if (seen_point) return make_error(fmt::format("'{}' has two decimal points", text));
            seen_point = true;
            continue;
        }
        if (ch < '0' || ch > '9') {
            return make_error(fmt::format("'{}' is not a plain decimal amount of coins", text));
        }
        seen_digit = true;
        if (seen_point) {
            if (++fraction_digits > decimals) {
                return make_error(
                    fmt::format("'{}' has more than {} decimal places", text, decimals));
            }
            fraction = fraction * 10 + (ch - '0');
        } else {
            whole = whole * 10 + (ch - '0');
            if (whole > kMaxWhole) return make_error(fmt::format("'{}' is too large", text));
        }
    }
    if (!seen_digit) return make_error(fmt::format("'{}' has no digits", text));
    int64_t scale = 1;
    for (int i = 0; i < decimals; ++i)
        scale *= 10;
    for (int i = fraction_digits; i < decimals; ++i)
        fraction *= 10;
    return whole * scale + fraction;
}

Expected<int64_t> check_payout_threshold(int64_t base_units, const LedgerConfig& config) {
    if (base_units < config.min_threshold || base_units > config.max_threshold) {
        return make_error(fmt::format(
            "payout threshold {} is outside the pool's range {} to {}", format_amount(base_units),
            format_amount(config.min_threshold), format_amount(config.max_threshold)));
    }
    return base_units;
}

Expected<std::string> check_payout_address(std::string_view address,
                                           const chain::CoinParams& coin) {
    std::string text(address);
    if (auto decoded = chain::decode_address(text, coin); !decoded) {
        return make_error(fmt::format("payout address '{}' is not a valid {} {} address: {}", text,
                                      coin.coin, chain::to_string(coin.network),
                                      decoded.error().message));
    }
    return text;
}

Expected<store::Miner> apply_payout_settings(store::MinerRepository& miners,
                                             const std::string& login,
                                             const PayoutSettingsChange& change,
                                             const LedgerConfig& config,
                                             const chain::CoinParams& coin, int64_t now_ms) {
    if (!miners.find_miner(login)) {
        return make_error(fmt::format("no miner '{}': it has not sent a share yet", login));
    }
    if (change.threshold && *change.threshold) {
        if (auto t = check_payout_threshold(**change.threshold, config); !t) return t.error();
    }
    if (change.address && *change.address) {
        if (auto a = check_payout_address(**change.address, coin); !a) return a.error();
    }
    std::optional<store::Miner> result = miners.find_miner(login);
    if (change.threshold) {
        auto r = miners.set_payout_threshold(login, *change.threshold);
        if (!r) return r.error();
        result = *r;
    }
    if (change.address) {
        auto r = miners.set_payout_address(login, *change.address, now_ms);
        if (!r) return r.error();
        result = *r;
    }
    return *result;
}

}  // namespace viddhana::ledger
