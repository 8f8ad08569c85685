// Coin-node signed messages. The vectors come from litecoind 0.21.2.1 on regtest:
// `signmessagewithprivkey` with the private key 0x4c0883a6...3f362318 (WIF with and without the
// compressed flag) and `deriveaddresses "pkh(<public key>)"` for the addresses;
// `verifymessage` returned true for each.
#include <gtest/gtest.h>

#include "auth/base64url.h"
#include "auth/coin_message.h"
#include "chain/address.h"

namespace viddhana::auth {
namespace {

const std::string kMessage =
    "Link ltc miner to Viddhana Pool account 0x2c7536e3605d9c16a7a3d7b1898e529396a65c23";
const std::string kCompressedAddress = "mugzoW2s3yhbBbEzXd8n51KD2vm7ohjpcz";
const std::string kUncompressedAddress = "myaJKfYapcriyAWuA2j9LWv2tYuTY2RvzF";
const std::string kCompressedSig =
    "H+/C1JKIQTiczxsXkCxx6rc1RGyt0CYLvPabK9yAANK0F7HJuWiSGsY8b14Wb5FbyZVKTQlouSTr4J1urEOTpDg=";
const std::string kUncompressedSig =
    "G+/C1JKIQTiczxsXkCxx6rc1RGyt0CYLvPabK9yAANK0F7HJuWiSGsY8b14Wb5FbyZVKTQlouSTr4J1urEOTpDg=";
const std::string kHelloSig =
    "IIVY4bBozO/o+Kmg+HtaUpvtRWe+NdpqawJale8VAm+8SxQBBj/vISpxe50yQ4UAAAz3BV/b3p2P7QUsOFAf09Y=";

const chain::CoinParams& regtest() {
    return *chain::find_coin("litecoin", chain::Network::regtest);
}

void expect_refused(const Expected<bool>& r, const std::string& fragment) {
    ASSERT_FALSE(r.ok()) << fragment;
    EXPECT_NE(r.error().message.find(fragment), std::string::npos) << r.error().message;
}

TEST(CoinMessage, Magic) {
    EXPECT_EQ(signed_message_magic(regtest()), "Litecoin Signed Message:\n");
}

TEST(CoinMessage, VerifiesLitecoindSignatures) {
    auto a = verify_coin_message(kCompressedAddress, kCompressedSig, kMessage, regtest());
    ASSERT_TRUE(a.ok()) << a.error().message;
    auto b = verify_coin_message(kUncompressedAddress, kUncompressedSig, kMessage, regtest());
    ASSERT_TRUE(b.ok()) << b.error().message;
    auto c = verify_coin_message(kCompressedAddress, kHelloSig, "hello", regtest());
    ASSERT_TRUE(c.ok()) << c.error().message;
}

TEST(CoinMessage, RefusesOtherMessagesKeysAndForms) {
    expect_refused(
        verify_coin_message(kCompressedAddress, kCompressedSig, kMessage + ".", regtest()),
        "not made by the key of " + kCompressedAddress);
    // The same key, but the compressed-key address with the uncompressed flag.
    expect_refused(verify_coin_message(kCompressedAddress, kUncompressedSig, kMessage, regtest()),
                   "not made by the key of");
    Bytes p2wpkh = {0x00, 0x14};
    p2wpkh.resize(22, 0x5a);
    auto segwit = chain::encode_address(p2wpkh, regtest());
    ASSERT_TRUE(segwit.ok());
    expect_refused(verify_coin_message(*segwit, kCompressedSig, kMessage, regtest()),
                   "is p2wpkh; only legacy P2PKH addresses can sign messages");
    expect_refused(verify_coin_message("mugzoW2s3yhbBbEzXd8n51KD2vm7ohjpcZ", kCompressedSig,
                                       kMessage, regtest()),
                   "address: ");
    expect_refused(verify_coin_message(kCompressedAddress, "AAAA", kMessage, regtest()),
                   "3 bytes, expected 65");
    expect_refused(verify_coin_message(kCompressedAddress, "not base64!", kMessage, regtest()),
                   "not base64");
    std::string bad_header = kCompressedSig;
    bad_header[0] = 'A';  // header byte 0..3
    expect_refused(verify_coin_message(kCompressedAddress, bad_header, kMessage, regtest()),
                   "header byte");
}

TEST(CoinMessage, StandardBase64) {
    auto d = base64_decode("Zm9vYg==");
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(std::string(d->begin(), d->end()), "foob");
    EXPECT_FALSE(base64_decode("Zm9vYg").ok());
    EXPECT_FALSE(base64_decode("Zm9v-g==").ok());
}

TEST(CoinMessage, LinkMessageNamesLoginAccountAndNonce) {
    EXPECT_EQ(miner_link_message("LaliceP2PKH", "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23",
                                 "abcdefgh12345678"),
              "Link miner LaliceP2PKH to Viddhana Pool account "
              "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23\nNonce: abcdefgh12345678");
}

}  // namespace
}  // namespace viddhana::auth
