// Coins as data: everything the pool needs to know about a chain and network. Adding a coin of the
// Bitcoin family (Dogecoin, Bitcoin Cash, ...) means adding an entry, and at most an algorithm.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "chain/pow.h"

namespace viddhana::chain {

enum class Network { mainnet, testnet, regtest };
std::string_view to_string(Network n);
std::optional<Network> parse_network(std::string_view name);

struct CoinParams {
    std::string coin;    // "litecoin", "bitcoin"
    std::string symbol;  // "LTC", "BTC" (mainnet) / "tLTC"...
    Network network;
    PowAlgorithm algorithm;
    double share_multiplier;              // 65536 for scrypt pools, 1 for SHA256d
    std::vector<uint8_t> p2pkh_versions;  // base58 version bytes accepted for P2PKH
    std::vector<uint8_t>
        p2sh_versions;  // base58 version bytes accepted for P2SH (Litecoin: 'M' and legacy '3')
    std::string bech32_hrp;              // "ltc", "tltc", "rltc", "bc", "tb", "bcrt"
    std::vector<std::string> gbt_rules;  // getblocktemplate rules: {"segwit"} or {"mweb","segwit"}
    bool has_mweb;                       // Litecoin: templates may carry an MWEB block
    int coinbase_maturity;               // confirmations before a coinbase can be spent (100)
    int64_t coin_units;                  // base units per coin (100000000)
    int default_rpc_port;
    int default_p2p_port;
    int target_block_seconds;  // 150 (LTC), 600 (BTC)
    int retarget_interval;     // 2016
    int64_t initial_subsidy;   // base units
    int halving_interval;      // blocks between halvings (840000 LTC, 210000 BTC; 150 regtest)
    int bip34_height;          // height from which the coinbase must push its height
    // Blocks per BIP9 signalling period (8064 LTC mainnet, 2016 testnets and BTC, 144 regtest):
    // a soft fork (MWEB, ...) can only become active at a multiple of it.
    int versionbits_window;
};

// nullptr when the coin/network pair is unknown.
const CoinParams* find_coin(std::string_view coin, Network network);
std::span<const CoinParams> all_coins();
// Block subsidy at a height, in base units.
int64_t block_subsidy(const CoinParams& params, int64_t height);

}  // namespace viddhana::chain
