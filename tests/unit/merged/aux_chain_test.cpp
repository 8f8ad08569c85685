#include "merged/aux_chain.h"

#include <gtest/gtest.h>

#include "merged_vectors.h"

namespace viddhana::merged {
namespace {

using testing::hex;

const AuxChainParams& dogecoin(chain::Network n) {
    const AuxChainParams* p = find_aux_chain("dogecoin", n);
    EXPECT_NE(p, nullptr);
    return *p;
}

TEST(AuxChain, DogecoinOnEveryNetwork) {
    for (auto n : {chain::Network::mainnet, chain::Network::testnet, chain::Network::regtest}) {
        const AuxChainParams& p = dogecoin(n);
        EXPECT_EQ(p.chain_id, 98);
        EXPECT_EQ(p.algorithm, chain::PowAlgorithm::scrypt);
        EXPECT_EQ(p.network, n);
    }
    EXPECT_EQ(find_aux_chain("dogecoin", chain::Network::mainnet)->coinbase_maturity, 240);
    EXPECT_EQ(find_aux_chain("dogecoin", chain::Network::regtest)->coinbase_maturity, 60);
    EXPECT_FALSE(find_aux_chain("dogecoin", chain::Network::testnet)->strict_chain_id);
    EXPECT_EQ(find_aux_chain("litecoin", chain::Network::mainnet), nullptr);
    EXPECT_EQ(all_aux_chains().size(), 3u);
}

// Dogecoin Core's own address vectors (src/test/data/base58_keys_valid.json, 1.14 branch).
TEST(AuxChain, DecodesDogecoinCoreAddressVectors) {
    struct Case {
        chain::Network network;
        const char* address;
        const char* script;
        chain::AddressType type;
    };
    const Case cases[] = {
        {chain::Network::mainnet, "DD4KSSuBJqcjuTcvUg1CgUKeurPUFeEZkE",
         "76a91456d9b1d684d5abef32134ebc6883d75d3a53e9be88ac", chain::AddressType::p2pkh},
        {chain::Network::mainnet, "A7HRQk3GFCW2QasvdZxXuYj8kkQK5QrYLs",
         "a914a2dd71f34fe73314d6e37c44035513f203aa400b87", chain::AddressType::p2sh},
        {chain::Network::mainnet, "DBjW6kna7rUPE4Mj9j4B3oK3xVA1SDHrdt",
         "76a914485290865b407657e0aedbdbb4aa6618310af50d88ac", chain::AddressType::p2pkh},
        {chain::Network::testnet, "nhRsrUaxZou6sewjqaS37cJrMRJRgwVXdk",
         "76a9149131c29384f000c0d651660eefaf1717c8ca185588ac", chain::AddressType::p2pkh},
        {chain::Network::testnet, "2MsvyG12kxxipe276Au4zKqvd2xdrBuHWb3",
         "a914078457e357c6c4d8736515d14482089dd2a1f9f887", chain::AddressType::p2sh},
    };
    for (const Case& c : cases) {
        auto d = decode_aux_address(c.address, dogecoin(c.network));
        ASSERT_TRUE(d) << c.address << ": " << d.error().message;
        EXPECT_EQ(d->type, c.type) << c.address;
        EXPECT_EQ(to_hex(d->script_pubkey), c.script) << c.address;
        auto back = encode_aux_address(d->script_pubkey, dogecoin(c.network));
        ASSERT_TRUE(back);
        EXPECT_EQ(*back, c.address);
    }
}

// The address dogecoind's wallet gave createauxblock, and the script validateaddress showed.
TEST(AuxChain, DecodesTheRegtestNodesAddress) {
    const auto& a = testing::dogecoin_recording().at("address");
    auto d =
        decode_aux_address(a.at("address").get<std::string>(), dogecoin(chain::Network::regtest));
    ASSERT_TRUE(d) << d.error().message;
    EXPECT_EQ(to_hex(d->script_pubkey), a.at("scriptPubKey").get<std::string>());
}

TEST(AuxChain, RefusesOtherNetworksWithAReason) {
    const AuxChainParams& main = dogecoin(chain::Network::mainnet);
    auto testnet = decode_aux_address("nhRsrUaxZou6sewjqaS37cJrMRJRgwVXdk", main);
    ASSERT_FALSE(testnet);
    EXPECT_NE(testnet.error().message.find("wrong version byte 0x71"), std::string::npos)
        << testnet.error().message;
    // A Litecoin segwit address: Dogecoin has no segwit addresses at all.
    auto segwit = decode_aux_address("ltc1qss7d8qj9npudgat98e4r8xrht6ca7tqa20hef9", main);
    ASSERT_FALSE(segwit);
    EXPECT_NE(segwit.error().message.find("no segwit addresses"), std::string::npos)
        << segwit.error().message;
    auto litecoin = decode_aux_address("LKFHUTGy4R3jAz19gHWx72vJES9B9Vb42z", main);
    ASSERT_FALSE(litecoin);
    EXPECT_NE(litecoin.error().message.find("not a dogecoin mainnet address"), std::string::npos)
        << litecoin.error().message;
    EXPECT_FALSE(decode_aux_address("", main));
    // No address for a witness program on a chain without segwit.
    auto witness = encode_aux_address(hex("0014751e76e8199196d454941c45d1b3a323f1433bd6"), main);
    ASSERT_FALSE(witness);
    EXPECT_NE(witness.error().message.find("no segwit addresses"), std::string::npos);
}

TEST(AuxChain, VersionBits) {
    // The block dogecoind accepted with our AuxPoW: its version as getblock shows it.
    const auto version =
        testing::dogecoin_recording().at("accepted_block").at("version").get<int32_t>();
    EXPECT_EQ(chain_id_of_version(version), 98);
    EXPECT_TRUE(version_has_auxpow(version));
    EXPECT_EQ(auxpow_block_version(version & 0xff, 98), version);
    // A Litecoin header's version (BIP9 top bits) is chain id 0x2000, never Dogecoin's.
    EXPECT_EQ(chain_id_of_version(0x20000000), 0x2000);
    EXPECT_FALSE(version_has_auxpow(0x20000000));
}

}  // namespace
}  // namespace viddhana::merged
