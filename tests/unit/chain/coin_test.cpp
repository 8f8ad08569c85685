#include "chain/coin.h"

#include <gtest/gtest.h>

namespace viddhana::chain {
namespace {

const CoinParams& coin(std::string_view name, Network n) {
    const CoinParams* p = find_coin(name, n);
    EXPECT_NE(p, nullptr) << name << " " << to_string(n);
    static const CoinParams empty{};
    return p ? *p : empty;
}

TEST(Coin, TableHasBothCoinsOnEveryNetwork) {
    EXPECT_EQ(all_coins().size(), 6u);
    for (const char* name : {"litecoin", "bitcoin"}) {
        for (Network n : {Network::mainnet, Network::testnet, Network::regtest}) {
            const CoinParams& p = coin(name, n);
            EXPECT_EQ(p.coin, name);
            EXPECT_EQ(p.network, n);
            EXPECT_EQ(p.coinbase_maturity, 100);
            EXPECT_EQ(p.coin_units, 100000000);
            EXPECT_EQ(p.retarget_interval, 2016);
            EXPECT_EQ(p.initial_subsidy, 50 * 100000000LL);
        }
    }
    EXPECT_EQ(find_coin("dogecoin", Network::mainnet), nullptr);
}

TEST(Coin, LitecoinParams) {
    const CoinParams& main = coin("litecoin", Network::mainnet);
    EXPECT_EQ(main.algorithm, PowAlgorithm::scrypt);
    EXPECT_EQ(main.share_multiplier, 65536);
    EXPECT_EQ(main.p2pkh_versions, (std::vector<uint8_t>{48}));
    EXPECT_EQ(main.p2sh_versions, (std::vector<uint8_t>{50, 5}));
    EXPECT_EQ(main.bech32_hrp, "ltc");
    EXPECT_EQ(main.gbt_rules, (std::vector<std::string>{"mweb", "segwit"}));
    EXPECT_TRUE(main.has_mweb);
    EXPECT_EQ(main.default_rpc_port, 9332);
    EXPECT_EQ(main.default_p2p_port, 9333);
    EXPECT_EQ(main.target_block_seconds, 150);
    EXPECT_EQ(main.halving_interval, 840000);
    EXPECT_EQ(main.bip34_height, 710000);

    const CoinParams& test = coin("litecoin", Network::testnet);
    EXPECT_EQ(test.p2pkh_versions, (std::vector<uint8_t>{111}));
    EXPECT_EQ(test.p2sh_versions, (std::vector<uint8_t>{58, 196}));
    EXPECT_EQ(test.bech32_hrp, "tltc");
    EXPECT_EQ(test.default_rpc_port, 19332);
    EXPECT_EQ(test.default_p2p_port, 19335);
    EXPECT_EQ(test.halving_interval, 840000);
    EXPECT_EQ(test.bip34_height, 76);

    const CoinParams& reg = coin("litecoin", Network::regtest);
    EXPECT_EQ(reg.p2sh_versions, (std::vector<uint8_t>{58, 196}));
    EXPECT_EQ(reg.bech32_hrp, "rltc");
    EXPECT_EQ(reg.default_rpc_port, 19443);
    EXPECT_EQ(reg.default_p2p_port, 19444);
    EXPECT_EQ(reg.halving_interval, 150);
    EXPECT_EQ(reg.bip34_height, 500);
    EXPECT_EQ(reg.gbt_rules, (std::vector<std::string>{"mweb", "segwit"}));
}

TEST(Coin, BitcoinParams) {
    const CoinParams& main = coin("bitcoin", Network::mainnet);
    EXPECT_EQ(main.algorithm, PowAlgorithm::sha256d);
    EXPECT_EQ(main.share_multiplier, 1);
    EXPECT_EQ(main.p2pkh_versions, (std::vector<uint8_t>{0}));
    EXPECT_EQ(main.p2sh_versions, (std::vector<uint8_t>{5}));
    EXPECT_EQ(main.bech32_hrp, "bc");
    EXPECT_EQ(main.gbt_rules, (std::vector<std::string>{"segwit"}));
    EXPECT_FALSE(main.has_mweb);
    EXPECT_EQ(main.default_rpc_port, 8332);
    EXPECT_EQ(main.default_p2p_port, 8333);
    EXPECT_EQ(main.target_block_seconds, 600);
    EXPECT_EQ(main.halving_interval, 210000);
    EXPECT_EQ(main.bip34_height, 227931);

    const CoinParams& test = coin("bitcoin", Network::testnet);
    EXPECT_EQ(test.bech32_hrp, "tb");
    EXPECT_EQ(test.default_rpc_port, 18332);
    EXPECT_EQ(test.default_p2p_port, 18333);
    EXPECT_EQ(test.bip34_height, 21111);

    const CoinParams& reg = coin("bitcoin", Network::regtest);
    EXPECT_EQ(reg.bech32_hrp, "bcrt");
    EXPECT_EQ(reg.default_rpc_port, 18443);
    EXPECT_EQ(reg.default_p2p_port, 18444);
    EXPECT_EQ(reg.halving_interval, 150);
    EXPECT_EQ(reg.bip34_height, 1);
}

TEST(Coin, NetworkNames) {
    EXPECT_EQ(parse_network("mainnet"), Network::mainnet);
    EXPECT_EQ(parse_network("main"), Network::mainnet);
    EXPECT_EQ(parse_network("testnet"), Network::testnet);
    EXPECT_EQ(parse_network("regtest"), Network::regtest);
    EXPECT_FALSE(parse_network("signet"));
    EXPECT_FALSE(parse_network("Mainnet"));
    for (Network n : {Network::mainnet, Network::testnet, Network::regtest})
        EXPECT_EQ(parse_network(to_string(n)), n);
}

TEST(Coin, BlockSubsidyHalves) {
    const CoinParams& ltc = coin("litecoin", Network::mainnet);
    EXPECT_EQ(block_subsidy(ltc, 0), 5000000000);
    EXPECT_EQ(block_subsidy(ltc, 839999), 5000000000);
    EXPECT_EQ(block_subsidy(ltc, 840000), 2500000000);
    // Block 2383207's coinbase paid 12.50064095 LTC: the 12.5 subsidy plus 64095 litoshi of fees.
    EXPECT_EQ(block_subsidy(ltc, 2383207), 1250000000);
    const CoinParams& btc = coin("bitcoin", Network::mainnet);
    EXPECT_EQ(block_subsidy(btc, 209999), 5000000000);
    EXPECT_EQ(block_subsidy(btc, 210000), 2500000000);
    EXPECT_EQ(block_subsidy(btc, 840000), 312500000);
    EXPECT_EQ(block_subsidy(btc, 33 * 210000 - 1), 1);
    EXPECT_EQ(block_subsidy(btc, 33 * 210000), 0);
    EXPECT_EQ(block_subsidy(btc, 64LL * 210000), 0);
    EXPECT_EQ(block_subsidy(btc, 1000LL * 210000), 0);
    EXPECT_EQ(block_subsidy(btc, -1), 0);
    const CoinParams& reg = coin("litecoin", Network::regtest);
    EXPECT_EQ(block_subsidy(reg, 149), 5000000000);
    EXPECT_EQ(block_subsidy(reg, 150), 2500000000);
    EXPECT_EQ(block_subsidy(reg, 300), 1250000000);
}

}  // namespace
}  // namespace viddhana::chain
