// Settings of the ledger role: the payout scheme, maturity, thresholds and payments.
#pragma once
#include <cstdint>
#include <string>

#include "ledger/payout/payout_scheme.h"

namespace viddhana::ledger {

struct PaymentConfig {
    bool enabled = true;
    int interval_seconds = 600;        // how often balances over their threshold are paid
    int max_outputs = 100;             // recipients per transaction
    bool miner_pays_fee = false;       // true: the transaction fee is taken from the outputs
    int confirmations = 1;             // a sent payment is confirmed at this depth
    std::string wallet = "";           // the node wallet to pay from ("" = the node's default)
    int min_wallet_confirmations = 1;  // sendmany's minconf
    // Hold unusual payouts for an operator's review (amount far above the miner's history,
    // more than its credits): see the analytics service's payout guard.
    bool guard = true;
};

struct LedgerConfig {
    payout::PayoutConfig payout;
    double share_multiplier = 65536;  // the coin's Stratum share multiplier
    int coinbase_maturity = 100;
    int maturity_confirmations = 101;        // a block's credits are spendable from this depth
    int64_t default_threshold = 10'000'000;  // base units (0.1 coin)
    int64_t min_threshold = 1'000'000;       // 0.01 coin
    int64_t max_threshold = 10'000'000'000;  // 100 coins
    int unlocker_interval_seconds = 30;
    // A block the node never knew of (rejected at submission) is given up after this long.
    int unknown_block_grace_seconds = 600;
    PaymentConfig payments;
    std::string spool_path = "./data/ledger-spool.bin";
};

}  // namespace viddhana::ledger
