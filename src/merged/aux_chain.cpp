// The aux chain table. Dogecoin's values come from Dogecoin Core 1.14's chainparams: the AuxPoW
// parameters of its merge-mining era (chain id 98, strict chain id on mainnet and regtest only),
// coinbase maturity 240 (mainnet and testnet since Digishield; regtest keeps 60), one-minute blocks
// (regtest: one second), base58 prefixes ('D'/'9'/'A' on mainnet, 'n'/'2' on testnet, 'm'/'n'/'2'
// on regtest) and default ports. Dogecoin 1.14 has no segwit addresses.
#include "merged/aux_chain.h"

namespace viddhana::merged {

namespace {

constexpr int64_t kCoin = 100'000'000;

chain::Uint256 limit(std::string_view display_hex) {
    return *chain::Uint256::from_display_hex(display_hex);
}

const std::vector<AuxChainParams>& aux_chain_table() {
    static const std::vector<AuxChainParams> table = {
        {.coin = "dogecoin",
         .symbol = "DOGE",
         .network = chain::Network::mainnet,
         .algorithm = chain::PowAlgorithm::scrypt,
         .chain_id = 98,
         .strict_chain_id = true,
         .auxpow_start_height = 371337,
         .coinbase_maturity = 240,
         .target_block_seconds = 60,
         .pow_limit = limit("00000fffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
         .coin_units = kCoin,
         .p2pkh_versions = {30},
         .p2sh_versions = {22},
         .bech32_hrp = "",
         .default_rpc_port = 22555,
         .default_p2p_port = 22556},
        {.coin = "dogecoin",
         .symbol = "tDOGE",
         .network = chain::Network::testnet,
         .algorithm = chain::PowAlgorithm::scrypt,
         .chain_id = 98,
         .strict_chain_id = false,
         .auxpow_start_height = 158100,
         .coinbase_maturity = 240,
         .target_block_seconds = 60,
         .pow_limit = limit("00000fffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
         .coin_units = kCoin,
         .p2pkh_versions = {113},
         .p2sh_versions = {196},
         .bech32_hrp = "",
         .default_rpc_port = 44555,
         .default_p2p_port = 44556},
        {.coin = "dogecoin",
         .symbol = "rDOGE",
         .network = chain::Network::regtest,
         .algorithm = chain::PowAlgorithm::scrypt,
         .chain_id = 98,
         .strict_chain_id = true,
         .auxpow_start_height = 20,
         .coinbase_maturity = 60,
         .target_block_seconds = 1,
         .pow_limit = limit("7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
         .coin_units = kCoin,
         .p2pkh_versions = {111},
         .p2sh_versions = {196},
         .bech32_hrp = "",
         .default_rpc_port = 18332,
         .default_p2p_port = 18444},
    };
    return table;
}

// The parent chain's address codecs take coin parameters; only the address fields matter to them.
chain::CoinParams address_params(const AuxChainParams& params) {
    chain::CoinParams p{};
    p.coin = params.coin;
    p.symbol = params.symbol;
    p.network = params.network;
    p.algorithm = params.algorithm;
    p.p2pkh_versions = params.p2pkh_versions;
    p.p2sh_versions = params.p2sh_versions;
    p.bech32_hrp = params.bech32_hrp;
    p.coinbase_maturity = params.coinbase_maturity;
    p.coin_units = params.coin_units;
    p.target_block_seconds = params.target_block_seconds;
    p.default_rpc_port = params.default_rpc_port;
    p.default_p2p_port = params.default_p2p_port;
    return p;
}

}  // namespace

const AuxChainParams* find_aux_chain(std::string_view coin, chain::Network network) {
    for (const AuxChainParams& p : aux_chain_table())
        if (p.coin == coin && p.network == network) return &p;
    return nullptr;
}

std::span<const AuxChainParams> all_aux_chains() {
    return aux_chain_table();
}

Expected<chain::DecodedAddress> decode_aux_address(std::string_view address,
                                                   const AuxChainParams& params) {
    return chain::decode_address(address, address_params(params));
}

Expected<std::string> encode_aux_address(std::span<const uint8_t> script_pubkey,
                                         const AuxChainParams& params) {
    return chain::encode_address(script_pubkey, address_params(params));
}

}  // namespace viddhana::merged
