#include "app/payout_settings_command.h"

#include <iostream>

#include "app/config.h"
#include "app/ledger_role.h"
#include "base/clock.h"
#include "ledger/payout_settings.h"
#include "ledger/wallet.h"

namespace viddhana::app {

int payout_settings(const std::string& config_path, const std::string& login,
                    const std::optional<std::string>& threshold,
                    const std::optional<std::string>& address) {
    try {
        Config config = load_config_file(config_path);
        ledger::PayoutSettingsChange change;
        if (threshold) {
            if (*threshold == "default") {
                change.threshold = std::optional<int64_t>();
            } else {
                auto amount = ledger::parse_coin_amount(*threshold);
                if (!amount) {
                    std::cerr << "--threshold: " << amount.error().message << "\n";
                    return 2;
                }
                change.threshold = std::optional<int64_t>(*amount);
            }
        }
        if (address) {
            change.address = *address == "default" ? std::optional<std::string>()
                                                   : std::optional<std::string>(*address);
        }
        auto store = store::open_store(store_config(config));
        auto miner =
            ledger::apply_payout_settings(store->miners(), login, change, config.ledger,
                                          *config.coin_params, SystemClock::instance().now_ms());
        if (!miner) {
            std::cerr << "cannot change " << login << ": " << miner.error().message << "\n";
            return 2;
        }
        std::cout << login << ": payout threshold "
                  << (miner->payout_threshold
                          ? ledger::format_amount(*miner->payout_threshold)
                          : ledger::format_amount(config.ledger.default_threshold) + " (default)")
                  << ", payout address "
                  << (miner->payout_address ? *miner->payout_address : login + " (the login)")
                  << "\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
}

}  // namespace viddhana::app
