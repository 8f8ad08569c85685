// The pool's fixed facts the API shows: coin, network, fee, payout scheme and thresholds,
// Stratum address and difficulty settings. Built once from the config.
#pragma once
#include <cstdint>
#include <string>

#include "chain/coin.h"

namespace viddhana::api {

struct PoolInfo {
    std::string name = "Viddhana Pool";
    std::string version = "0.1.0";
    const chain::CoinParams* coin = nullptr;
    std::string network;  // mainnet, testnet, regtest
    double fee_percent = 1.0;
    std::string payout_scheme = "pplns";
    std::string stratum_url;  // stratum+tcp://host:port
    uint16_t stratum_port = 3333;
    double initial_difficulty = 1;
    double min_difficulty = 0.001;
    double max_difficulty = 1e6;
    int64_t min_payout_threshold = 0;  // base units
    int64_t default_payout_threshold = 0;
    int64_t max_payout_threshold = 0;
    int maturity_confirmations = 101;
    bool payments_enabled = true;
    int payment_interval_seconds = 600;

    // Hashes one unit of Stratum share difficulty stands for (2^32 / share multiplier).
    double hashes_per_difficulty() const;
};

}  // namespace viddhana::api
