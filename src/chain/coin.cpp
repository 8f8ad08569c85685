// The coin table. Values come from each node's chainparams (Litecoin Core 0.21, Bitcoin Core):
// base58 prefixes, bech32 HRPs, default ports, halving intervals and BIP34 heights.
#include "chain/coin.h"

namespace viddhana::chain {

namespace {

constexpr int64_t kCoin = 100'000'000;

const std::vector<CoinParams>& coin_table() {
    static const std::vector<CoinParams> table = {
        // Litecoin: scrypt, 2.5-minute blocks; P2SH addresses moved from '3' (5) to 'M' (50), and
        // the old prefix is still accepted on mainnet (testnet/regtest: 'Q' (58) and '2' (196)).
        {"litecoin",
         "LTC",
         Network::mainnet,
         PowAlgorithm::scrypt,
         65536,
         {48},
         {50, 5},
         "ltc",
         {"mweb", "segwit"},
         true,
         100,
         kCoin,
         9332,
         9333,
         150,
         2016,
         50 * kCoin,
         840000,
         710000,
         8064},
        {"litecoin",
         "tLTC",
         Network::testnet,
         PowAlgorithm::scrypt,
         65536,
         {111},
         {58, 196},
         "tltc",
         {"mweb", "segwit"},
         true,
         100,
         kCoin,
         19332,
         19335,
         150,
         2016,
         50 * kCoin,
         840000,
         76,
         2016},
        {"litecoin",
         "rLTC",
         Network::regtest,
         PowAlgorithm::scrypt,
         65536,
         {111},
         {58, 196},
         "rltc",
         {"mweb", "segwit"},
         true,
         100,
         kCoin,
         19443,
         19444,
         150,
         2016,
         50 * kCoin,
         150,
         500,
         144},
        // Bitcoin: SHA256d, 10-minute blocks. Regtest enforces BIP34 from block 1.
        {"bitcoin",
         "BTC",
         Network::mainnet,
         PowAlgorithm::sha256d,
         1,
         {0},
         {5},
         "bc",
         {"segwit"},
         false,
         100,
         kCoin,
         8332,
         8333,
         600,
         2016,
         50 * kCoin,
         210000,
         227931,
         2016},
        {"bitcoin",
         "tBTC",
         Network::testnet,
         PowAlgorithm::sha256d,
         1,
         {111},
         {196},
         "tb",
         {"segwit"},
         false,
         100,
         kCoin,
         18332,
         18333,
         600,
         2016,
         50 * kCoin,
         210000,
         21111,
         2016},
        {"bitcoin",
         "rBTC",
         Network::regtest,
         PowAlgorithm::sha256d,
         1,
         {111},
         {196},
         "bcrt",
         {"segwit"},
         false,
         100,
         kCoin,
         18443,
         18444,
         600,
         2016,
         50 * kCoin,
         150,
         1,
         144},
    };
    return table;
}

}  // namespace

std::string_view to_string(Network n) {
    switch (n) {
        case Network::mainnet:
            return "mainnet";
        case Network::testnet:
            return "testnet";
        case Network::regtest:
            return "regtest";
    }
    return "unknown";
}

std::optional<Network> parse_network(std::string_view name) {
    if (name == "mainnet" || name == "main") return Network::mainnet;
    if (name == "testnet" || name == "test") return Network::testnet;
    if (name == "regtest") return Network::regtest;
    return std::nullopt;
}

const CoinParams* find_coin(std::string_view coin, Network network) {
    for (const CoinParams& p : coin_table())
        if (p.coin == coin && p.network == network) return &p;
    return nullptr;
}

std::span<const CoinParams> all_coins() {
    return coin_table();
}

int64_t block_subsidy(const CoinParams& params, int64_t height) {
    if (height < 0 || params.halving_interval <= 0) return 0;
    int64_t halvings = height / params.halving_interval;
    // Shifting a 64-bit value by 64 or more is undefined; the nodes return zero from there on.
    if (halvings >= 64) return 0;
    return params.initial_subsidy >> halvings;
}

}  // namespace viddhana::chain
