#include "chain/address.h"

#include <gtest/gtest.h>

#include <string>

#include "chain_test_util.h"

namespace viddhana::chain {
namespace {

using testing::hex;

const CoinParams& params(std::string_view coin, Network n) {
    return *find_coin(coin, n);
}

// ---- Bech32 / Bech32m codecs: BIP173 and BIP350 test vectors ----

TEST(Bech32, ValidStrings) {
    for (const char* s :
         {"A12UEL5L", "a12uel5l",
          "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5t"
          "gs",
          "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
          "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc824"
          "7j",
          "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w", "?1ezyfcl"}) {
        auto d = bech32_decode(s);
        ASSERT_TRUE(d) << s << ": " << d.error().message;
        EXPECT_EQ(d->encoding, Bech32Encoding::bech32) << s;
        std::string lower(s);
        for (char& c : lower)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        EXPECT_EQ(bech32_encode(d->hrp, d->data, d->encoding), lower);
    }
}

TEST(Bech32m, ValidStrings) {
    for (const char* s :
         {"A1LQFN3A", "a1lqfn3a",
          "an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7h"
          "g6",
          "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx",
          "11llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllluds"
          "r8",
          "split1checkupstagehandshakeupstreamerranterredcaperredlc445v", "?1v759aa"}) {
        auto d = bech32_decode(s);
        ASSERT_TRUE(d) << s << ": " << d.error().message;
        EXPECT_EQ(d->encoding, Bech32Encoding::bech32m) << s;
        std::string lower(s);
        for (char& c : lower)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        EXPECT_EQ(bech32_encode(d->hrp, d->data, d->encoding), lower);
    }
}

TEST(Bech32, InvalidStringsWithReasons) {
    struct Case {
        std::string s;
        const char* reason;
    };
    const Case cases[] = {
        // BIP173
        {std::string("\x20") + "1nwldj5", "out of range"},
        {std::string("\x7f") + "1axkwrx", "out of range"},
        {std::string("\x80") + "1eym55h", "out of range"},
        {"an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569p"
         "vx",
         "longer than 90"},
        {"pzry9x0s0muk", "no bech32 separator"},
        {"1pzry9x0s0muk", "empty bech32 human-readable part"},
        {"x1b4n0q5v", "invalid bech32 data character"},
        {"li1dgmt3", "checksum too short"},
        {std::string("de1lg7wt") + "\xff", "out of range"},
        {"A1G7SGD8", "bad bech32 checksum"},
        {"10a06t8", "empty bech32 human-readable part"},
        {"1qzzfhee", "empty bech32 human-readable part"},
        // BIP350
        {std::string("\x20") + "1xj0phk", "out of range"},
        {std::string("\x7f") + "1g6xzxy", "out of range"},
        {std::string("\x80") + "1vctc34", "out of range"},
        {"an84characterslonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11d6pt"
         "s4",
         "longer than 90"},
        {"qyrz8wqd2c9m", "no bech32 separator"},
        {"1qyrz8wqd2c9m", "empty bech32 human-readable part"},
        {"y1b0jsk6g", "invalid bech32 data character"},
        {"lt1igcx5c0", "invalid bech32 data character"},
        {"in1muywd", "checksum too short"},
        {"mm1crxm3i", "invalid bech32 data character"},
        {"au1s5cgom", "invalid bech32 data character"},
        {"M1VUXWEZ", "bad bech32 checksum"},
        {"16plkw9", "empty bech32 human-readable part"},
        {"1p2gdwpf", "empty bech32 human-readable part"},
    };
    for (const Case& c : cases) {
        auto d = bech32_decode(c.s);
        ASSERT_FALSE(d) << c.s;
        EXPECT_NE(d.error().message.find(c.reason), std::string::npos)
            << c.s << ": " << d.error().message;
    }
}

// ---- Segwit addresses: BIP350's list (which replaces BIP173's for v1+) ----

const CoinParams& bitcoin_for(std::string_view address) {
    std::string lower(address.substr(0, 3));
    for (char& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return params("bitcoin", lower.starts_with("tb") ? Network::testnet : Network::mainnet);
}

TEST(SegwitAddress, ValidVectorsGiveTheirScripts) {
    struct Case {
        const char* address;
        const char* script;
        AddressType type;
    };
    const Case cases[] = {
        {"BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
         "0014751e76e8199196d454941c45d1b3a323f1433bd6", AddressType::p2wpkh},
        {"tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
         "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262",
         AddressType::p2wsh},
        {"bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
         "5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6",
         AddressType::witness_unknown},
        {"BC1SW50QGDZ25J", "6002751e", AddressType::witness_unknown},
        {"bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", "5210751e76e8199196d454941c45d1b3a323",
         AddressType::witness_unknown},
        {"tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy",
         "0020000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433",
         AddressType::p2wsh},
        {"tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c",
         "5120000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433", AddressType::p2tr},
        {"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
         "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798", AddressType::p2tr},
    };
    for (const Case& c : cases) {
        const CoinParams& p = bitcoin_for(c.address);
        auto d = decode_address(c.address, p);
        ASSERT_TRUE(d) << c.address << ": " << d.error().message;
        EXPECT_EQ(to_hex(d->script_pubkey), c.script) << c.address;
        EXPECT_EQ(d->type, c.type) << c.address;
        // encode_address is the inverse (in lower case).
        auto back = encode_address(d->script_pubkey, p);
        ASSERT_TRUE(back) << back.error().message;
        std::string lower(c.address);
        for (char& ch : lower)
            ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        EXPECT_EQ(*back, lower);
    }
}

TEST(SegwitAddress, InvalidVectorsAreRejectedWithTheReason) {
    struct Case {
        const char* address;
        const char* reason;
    };
    const Case cases[] = {
        {"tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut", "wrong network"},
        {"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", "must use bech32m"},
        {"tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf", "must use bech32m"},
        {"BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL", "must use bech32m"},
        {"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", "must use bech32, not bech32m"},
        {"tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47",
         "must use bech32, not bech32m"},
        {"bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4",
         "invalid bech32 data character"},
        {"BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R",
         "invalid witness version"},
        {"bc1pw5dgrnzv", "invalid witness program length 1"},
        {"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav",
         "invalid witness program length 41"},
        {"BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", "invalid witness v0 program length 16"},
        {"tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq", "mixed case"},
        {"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf", "padding"},
        {"tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j", "padding"},
        {"bc1gmk9yu", "empty data section"},
        // BIP173's invalid list
        {"tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty", "wrong network"},
        {"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", "bad bech32 checksum"},
        {"BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2", "invalid witness version"},
        {"bc1rw5uspcuh", "must use bech32m"},
        {"bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90",
         "must use bech32m"},
        {"tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7", "mixed case"},
        {"bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du", "must use bech32m"},
        {"tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv", "padding"},
    };
    for (const Case& c : cases) {
        for (Network n : {Network::mainnet, Network::testnet}) {
            EXPECT_FALSE(decode_address(c.address, params("bitcoin", n))) << c.address;
        }
        auto d = decode_address(c.address, bitcoin_for(c.address));
        ASSERT_FALSE(d) << c.address;
        EXPECT_NE(d.error().message.find(c.reason), std::string::npos)
            << c.address << ": " << d.error().message;
    }
}

TEST(SegwitAddress, WrongNetworkIsNamed) {
    auto d = decode_address("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
                            params("bitcoin", Network::mainnet));
    ASSERT_FALSE(d);
    EXPECT_NE(d.error().message.find("wrong network"), std::string::npos) << d.error().message;
    EXPECT_NE(d.error().message.find("'tb'"), std::string::npos) << d.error().message;
    auto l = decode_address("ltc1qss7d8qj9npudgat98e4r8xrht6ca7tqa20hef9",
                            params("litecoin", Network::regtest));
    ASSERT_FALSE(l);
    EXPECT_NE(l.error().message.find("wrong network"), std::string::npos) << l.error().message;
}

// ---- Litecoin: addresses from litecoind 0.21 (getnewaddress/getaddressinfo, validateaddress),
// Litecoin Core's key_io_valid.json, and outputs of mainnet block 2383207 ----

struct LitecoinCase {
    Network network;
    const char* address;
    const char* script;
    AddressType type;
};

const LitecoinCase kLitecoin[] = {
    // mainnet
    {Network::mainnet, "LKFHUTGy4R3jAz19gHWx72vJES9B9Vb42z",
     "76a914004073d9821f80881d37fbef6a2d9cf2dc88c2d788ac", AddressType::p2pkh},
    {Network::mainnet, "LT2KVaAy1ppRuxRgrS5RNU3vBsy7RibPeA",
     "76a914558dbca7118cd5894502767c7b2ffc21a22f54db88ac", AddressType::p2pkh},
    {Network::mainnet, "LQ5X1r32bU3v2TgVxE9osb2YnCZNFY6ikm",
     "76a914354039ba9a6666f6b729a2570fb8b660e86f142288ac", AddressType::p2pkh},
    {Network::mainnet, "MRqSVr81eMh6y6abBEpJhuzfJNiHq42oro",
     "a914c4be2da3f9984c7e31f788a7ce309de7ccfe21f887", AddressType::p2sh},
    {Network::mainnet, "MHrYRxAiMNBTku3eoDHwhA1LQGDjUStZW2",
     "a9146d328a5b2a20d943a641c8d29b6cc3c2d2df85d387", AddressType::p2sh},
    {Network::mainnet, "MDimCu3RTwbJgUxMd5RSDCakKtkXz7ogmu",
     "a9143fd95fa4523273778f3b84661e8da8db9fbb53c287", AddressType::p2sh},
    {Network::mainnet, "3KdJBxi3hEqgAbJh5MpxtGkFyg7qpMBerj",
     "a914c4be2da3f9984c7e31f788a7ce309de7ccfe21f887", AddressType::p2sh},
    {Network::mainnet, "ltc1qss7d8qj9npudgat98e4r8xrht6ca7tqa20hef9",
     "0014843cd382459878d475653e6a3398775eb1df2c1d", AddressType::p2wpkh},
    {Network::mainnet, "ltc1q6u2lydrr8y2fda80464g2nskwq4epf9xmx47v4",
     "0014d715f23463391496f4efaeaa854e16702b90a4a6", AddressType::p2wpkh},
    {Network::mainnet, "ltc1qmtu4egc309tklrttda02w3qjtdl5xp4rhmua4kfqjrvehjfhu7ksv7fap4",
     "0020daf95ca31179576f8d6b6f5ea744125b7f4306a3bef9dad92090d99bc937e7ad", AddressType::p2wsh},
    {Network::mainnet, "ltc1pmtu4egc309tklrttda02w3qjtdl5xp4rhmua4kfqjrvehjfhu7ksxff5ef",
     "5120daf95ca31179576f8d6b6f5ea744125b7f4306a3bef9dad92090d99bc937e7ad", AddressType::p2tr},
    // testnet
    {Network::testnet, "mrmCKrAiRwMw1axfk4rn2VoEufsrNRLPuY",
     "76a9147b5aeb66036e29ff009fe5adf9cd53dc30b029ec88ac", AddressType::p2pkh},
    {Network::testnet, "mwXn5Vhicdav8Av3KMokx4YNuHoGRKxtWs",
     "76a914afa9e672141e283dfbcc1cf28f3793a856d3878488ac", AddressType::p2pkh},
    {Network::testnet, "QcJr7vSGcvouuKQPDv2cpUW7nQMMsNEY3c",
     "a914ac4445a817df5ccab89cd2bb9b251af932f1ef6187", AddressType::p2sh},
    {Network::testnet, "QXaUgLHkZcbJb2j5XgMYzY8cF9YM48Y81Z",
     "a9147860667e60a6545e18e541984094b29c9c46991b87", AddressType::p2sh},
    {Network::testnet, "2N8x5zua2bpkpm8eLbozbjn4ge1uXzDYyCZ",
     "a914ac4445a817df5ccab89cd2bb9b251af932f1ef6187", AddressType::p2sh},
    {Network::testnet, "tltc1q0uj3lfv8xdwwckruut6f684z8pe9ku9fzggm8u",
     "00147f251fa587335cec587ce2f49d1ea238725b70a9", AddressType::p2wpkh},
    {Network::testnet, "tltc1qmtu4egc309tklrttda02w3qjtdl5xp4rhmua4kfqjrvehjfhu7ks83dr7q",
     "0020daf95ca31179576f8d6b6f5ea744125b7f4306a3bef9dad92090d99bc937e7ad", AddressType::p2wsh},
    // regtest
    {Network::regtest, "n4gyA6ArbPCyxSWbWbACK6GnLWc2dnZxvo",
     "76a914fe2fc5d4f763b02fe277e7f13e797b1a7ef145eb88ac", AddressType::p2pkh},
    {Network::regtest, "mpWvR79tSrA5xeziB6mjNYWdaVRwBpgnUP",
     "76a91462b790654f809d32202587c6a43456ffc1965d8388ac", AddressType::p2pkh},
    {Network::regtest, "QVGXReA1yGHg3FNjai7FjQyJ9kpiCshytL",
     "a9145f0af44d8475a4a71e5d229f1578719c8102bf6087", AddressType::p2sh},
    {Network::regtest, "QgDNrG4nJpE4VV7PcFMFhkTgwAHWxWS7pj",
     "a914d71bee7a1395c10c9ca9a7f53ac086b53e74369d87", AddressType::p2sh},
    {Network::regtest, "2N1umJdHmxAEau4cgxc5EeiXs1NNtGmzvVy",
     "a9145f0af44d8475a4a71e5d229f1578719c8102bf6087", AddressType::p2sh},
    {Network::regtest, "rltc1qm9mtnhf0jdyejn7yndg2cmrpakptk9uq9u3zhg",
     "0014d976b9dd2f9349994fc49b50ac6c61ed82bb1780", AddressType::p2wpkh},
    {Network::regtest, "rltc1pmtu4egc309tklrttda02w3qjtdl5xp4rhmua4kfqjrvehjfhu7kshl3jr5",
     "5120daf95ca31179576f8d6b6f5ea744125b7f4306a3bef9dad92090d99bc937e7ad", AddressType::p2tr},
    {Network::regtest, "rltc1zmtu4egc309tklrttda02w3qjtvg4s7mc",
     "5210daf95ca31179576f8d6b6f5ea744125b", AddressType::witness_unknown},
};

TEST(LitecoinAddress, DecodesToTheNodesScripts) {
    for (const LitecoinCase& c : kLitecoin) {
        auto d = decode_address(c.address, params("litecoin", c.network));
        ASSERT_TRUE(d) << c.address << ": " << d.error().message;
        EXPECT_EQ(to_hex(d->script_pubkey), c.script) << c.address;
        EXPECT_EQ(d->type, c.type) << c.address;
    }
}

TEST(LitecoinAddress, EncodeIsTheInverseWithPreferredPrefixes) {
    for (const LitecoinCase& c : kLitecoin) {
        const CoinParams& p = params("litecoin", c.network);
        auto back = encode_address(hex(c.script), p);
        ASSERT_TRUE(back) << c.address << ": " << back.error().message;
        auto again = decode_address(*back, p);
        ASSERT_TRUE(again) << *back;
        EXPECT_EQ(to_hex(again->script_pubkey), c.script);
        // Legacy P2SH prefixes ('3' on mainnet, '2' on test networks) re-encode as 'M' / 'Q'.
        char first = c.address[0];
        if (first == '3' || first == '2') {
            EXPECT_EQ((*back)[0], first == '3' ? 'M' : 'Q') << *back;
        } else {
            EXPECT_EQ(*back, c.address);
        }
    }
}

TEST(LitecoinAddress, OtherNetworksAreRejected) {
    const CoinParams& main = params("litecoin", Network::mainnet);
    const CoinParams& test = params("litecoin", Network::testnet);
    const CoinParams& btc = params("bitcoin", Network::mainnet);
    auto m = decode_address("mrmCKrAiRwMw1axfk4rn2VoEufsrNRLPuY", main);
    ASSERT_FALSE(m);
    EXPECT_NE(m.error().message.find("wrong version byte 0x6f"), std::string::npos)
        << m.error().message;
    EXPECT_FALSE(decode_address("MRqSVr81eMh6y6abBEpJhuzfJNiHq42oro", test));
    EXPECT_FALSE(decode_address("3KdJBxi3hEqgAbJh5MpxtGkFyg7qpMBerj", test));  // litecoind agrees
    auto l = decode_address("LKFHUTGy4R3jAz19gHWx72vJES9B9Vb42z", btc);
    ASSERT_FALSE(l);
    EXPECT_NE(l.error().message.find("wrong version byte 0x30"), std::string::npos)
        << l.error().message;
    auto b = decode_address("tltc1q0uj3lfv8xdwwckruut6f684z8pe9ku9fzggm8u", main);
    ASSERT_FALSE(b);
    EXPECT_NE(b.error().message.find("wrong network"), std::string::npos);
}

// ---- Base58Check ----

TEST(Base58, RejectionsSayWhy) {
    const CoinParams& main = params("litecoin", Network::mainnet);
    struct Case {
        const char* address;
        const char* reason;
    };
    const Case cases[] = {
        {"", "empty address"},
        {"LKFHUTGy4R3jAz19gHWx72vJES9B9Vb42Z",
         "bad Base58Check checksum"},  // last character changed
        {"LKFHUTGy4R3jAz19gHWx72vJES9B9Vb0", "invalid Base58 character '0'"},
        {"LKFHUTGy4R3jAz19gHWx72vJES9B9VbI2z", "invalid Base58 character 'I'"},
        {"111", "too short"},
    };
    for (const Case& c : cases) {
        auto d = decode_address(c.address, main);
        ASSERT_FALSE(d) << c.address;
        EXPECT_NE(d.error().message.find(c.reason), std::string::npos)
            << c.address << ": " << d.error().message;
    }
    // A valid Base58Check string of the wrong length.
    Bytes short_payload(20, 0x30);
    auto d = decode_address(base58check_encode(short_payload), main);
    ASSERT_FALSE(d);
    EXPECT_NE(d.error().message.find("bad length"), std::string::npos) << d.error().message;
    auto long_text = decode_address(std::string(200, '2'), main);
    ASSERT_FALSE(long_text);
    EXPECT_NE(long_text.error().message.find("too long"), std::string::npos)
        << long_text.error().message;
}

TEST(Base58, CheckRoundTripAndLeadingZeros) {
    Bytes payload = hex("0000000102030405");
    std::string s = base58check_encode(payload);
    EXPECT_EQ(s.substr(0, 3), "111");
    auto back = base58check_decode(s);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, payload);
    // Bitcoin's well-known address of the all-zero hash.
    Bytes zero(21, 0);
    EXPECT_EQ(base58check_encode(zero), "1111111111111111111114oLvT2");
}

TEST(EncodeAddress, RejectsNonStandardScripts) {
    const CoinParams& main = params("bitcoin", Network::mainnet);
    for (const char* script : {"", "6a24aa21a9ed00", "0011751e76e8199196d454941c45d1b3a323f1433b",
                               "76a914751e76e8199196d454941c45d1b3a323f1433bd688ad", "5101"}) {
        auto e = encode_address(hex(script), main);
        EXPECT_FALSE(e) << script;
    }
    EXPECT_EQ(*encode_address(hex("76a914751e76e8199196d454941c45d1b3a323f1433bd688ac"), main),
              "1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH");
    EXPECT_EQ(to_string(AddressType::p2tr), "p2tr");
}

}  // namespace
}  // namespace viddhana::chain
