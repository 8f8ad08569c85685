// Keccak-256, EIP-55 addresses and EIP-191 personal_sign recovery. Signature vectors were
// produced independently with ethers 6 (Wallet.signMessage / hashMessage) for the private key
// 0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318.
#include <gtest/gtest.h>

#include "auth/eth_address.h"
#include "auth/keccak.h"
#include "auth/personal_sign.h"
#include "base/hex.h"

namespace viddhana::auth {
namespace {

const std::string kPrivateKey = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
const std::string kAddress = "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23";
const std::string kPublicKey =
    "044e3b81af9c2234cad09d679ce6035ed1392347ce64ce405f5dcd36228a25de6e47fd35c4215d1edf53e6f83de3"
    "44615ce719bdb0fd878f6ed76f06dd277956de";
const std::string kSomeDataSig =
    "0xb91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd6007e74cd82e037b800186422fc"
    "2da167c747ef045e5d18a5f5d4300f8e1a0291c";
const std::string kHelloSig =
    "0xa5d58782075bdf09490159d634d1aae66a8f6777c7247d2f233e9511cfd7c64c34f288cdbcea5370e4863fdbe9f"
    "4d86654c2ba1d86589e9ebb64494c649008591b";

std::array<uint8_t, 32> private_key() {
    std::array<uint8_t, 32> k{};
    EXPECT_TRUE(from_hex_into(kPrivateKey, k));
    return k;
}

TEST(Keccak256, EthereumVectors) {
    EXPECT_EQ(to_hex(keccak256(std::string_view(""))),
              "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    EXPECT_EQ(to_hex(keccak256(std::string_view("abc"))),
              "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
}

TEST(EthAddress, Eip55Vectors) {
    // The test cases listed in EIP-55.
    for (const char* text : {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                             "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                             "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
                             "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
                             "0x52908400098527886E0F7030069857D2E4169EE7",
                             "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
                             "0xde709f2102306220921060314715629080e2fb77",
                             "0x27b1fdb04752bbc536007a920d24acb045561c26"}) {
        auto parsed = EthAddress::parse(text);
        ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.error().message;
        EXPECT_EQ(parsed->checksummed(), text);
    }
}

TEST(EthAddress, LowerAndUpperCaseCarryNoChecksum) {
    auto lower = EthAddress::parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
    auto upper = EthAddress::parse("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED");
    ASSERT_TRUE(lower.ok());
    ASSERT_TRUE(upper.ok());
    EXPECT_EQ(*lower, *upper);
    EXPECT_EQ(lower->checksummed(), "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    EXPECT_EQ(upper->lower(), "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
}

TEST(EthAddress, RefusesMalformedAddressesWithTheReason) {
    auto wrong_checksum = EthAddress::parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD");
    ASSERT_FALSE(wrong_checksum.ok());
    EXPECT_NE(wrong_checksum.error().message.find("EIP-55 checksum"), std::string::npos);
    EXPECT_NE(wrong_checksum.error().message.find("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
              std::string::npos);

    auto no_prefix = EthAddress::parse("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
    ASSERT_FALSE(no_prefix.ok());
    EXPECT_NE(no_prefix.error().message.find("does not start with 0x"), std::string::npos);

    auto short_one = EthAddress::parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea");
    ASSERT_FALSE(short_one.ok());
    EXPECT_NE(short_one.error().message.find("38 hex digits, expected 40"), std::string::npos);

    auto non_hex = EthAddress::parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg");
    ASSERT_FALSE(non_hex.ok());
    EXPECT_NE(non_hex.error().message.find("non-hex"), std::string::npos);
}

TEST(EthAddress, FromPublicKey) {
    auto key = from_hex(kPublicKey);
    ASSERT_TRUE(key);
    auto address = EthAddress::from_public_key(*key);
    ASSERT_TRUE(address.ok()) << address.error().message;
    EXPECT_EQ(address->checksummed(), kAddress);

    auto without_prefix = EthAddress::from_public_key(std::span(*key).subspan(1));
    ASSERT_TRUE(without_prefix.ok());
    EXPECT_EQ(*without_prefix, *address);

    auto compressed = *key;
    compressed[0] = 0x02;
    EXPECT_FALSE(EthAddress::from_public_key(compressed).ok());
    EXPECT_FALSE(EthAddress::from_public_key(std::span(*key).subspan(0, 33)).ok());
}

TEST(PersonalSign, MessageHashMatchesEthers) {
    EXPECT_EQ(to_hex(personal_message_hash("Some data")),
              "1da44b586eb0729ff70a73c326926f6ed5a25f5b056e7f47fbc6e58d86871655");
    EXPECT_EQ(to_hex(personal_message_hash("hello")),
              "50b2c43fd39106bafbba0da34fc430e1f91e3c96ea2acee2bc34119f92b37750");
    EXPECT_EQ(to_hex(personal_message_hash("")),
              "5f35dce98ba4fba25530a026ed80b2cecdaa31091ba4958b99b52ea1d068adad");
}

TEST(PersonalSign, RecoversTheSignerOfEthersSignatures) {
    auto a = recover_personal_signer("Some data", kSomeDataSig);
    ASSERT_TRUE(a.ok()) << a.error().message;
    EXPECT_EQ(a->checksummed(), kAddress);
    auto b = recover_personal_signer("hello", kHelloSig);
    ASSERT_TRUE(b.ok()) << b.error().message;
    EXPECT_EQ(b->checksummed(), kAddress);
    // Another message under the same signature recovers some other address.
    auto other = recover_personal_signer("Some datA", kSomeDataSig);
    ASSERT_TRUE(other.ok());
    EXPECT_NE(other->checksummed(), kAddress);
}

TEST(PersonalSign, AcceptsVAsZeroOrOne) {
    auto sig = parse_signature_hex(kSomeDataSig);
    ASSERT_TRUE(sig.ok());
    ASSERT_EQ((*sig)[64], 28);
    (*sig)[64] = 1;
    auto a = recover_signer(personal_message_hash("Some data"), *sig);
    ASSERT_TRUE(a.ok()) << a.error().message;
    EXPECT_EQ(a->checksummed(), kAddress);
}

TEST(PersonalSign, RefusesBadV) {
    auto sig = parse_signature_hex(kSomeDataSig);
    ASSERT_TRUE(sig.ok());
    for (uint8_t v : {2, 26, 29, 37}) {
        (*sig)[64] = v;
        auto a = recover_signer(personal_message_hash("Some data"), *sig);
        ASSERT_FALSE(a.ok()) << int(v);
        EXPECT_NE(a.error().message.find("recovery id v is " + std::to_string(v)),
                  std::string::npos);
    }
}

TEST(PersonalSign, RefusesHighS) {
    // The malleable twin of a valid signature: s' = n - s, with the recovery id flipped. It
    // recovers the same key mathematically, so only the low-s rule refuses it.
    auto sig = parse_signature_hex(kSomeDataSig);
    ASSERT_TRUE(sig.ok());
    const std::array<uint8_t, 32> n = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                       0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
                                       0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b,
                                       0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41};
    int borrow = 0;
    for (int i = 31; i >= 0; --i) {
        int d = n[i] - (*sig)[32 + i] - borrow;
        borrow = d < 0;
        (*sig)[32 + i] = static_cast<uint8_t>(d + (borrow ? 256 : 0));
    }
    (*sig)[64] = (*sig)[64] == 27 ? 28 : 27;
    auto a = recover_signer(personal_message_hash("Some data"), *sig);
    ASSERT_FALSE(a.ok());
    EXPECT_NE(a.error().message.find("high s"), std::string::npos);
}

TEST(PersonalSign, RefusesMalformedSignatureText) {
    EXPECT_NE(parse_signature_hex("0x1234").error().message.find("4 hex digits, expected 130"),
              std::string::npos);
    std::string bad = kSomeDataSig;
    bad[10] = 'z';
    EXPECT_NE(parse_signature_hex(bad).error().message.find("non-hex"), std::string::npos);
    auto zero_r = parse_signature_hex("0x" + std::string(128, '0') + "1b");
    ASSERT_TRUE(zero_r.ok());
    EXPECT_FALSE(recover_signer(personal_message_hash("x"), *zero_r).ok());
}

TEST(PersonalSign, SignsLikeAWallet) {
    auto key = private_key();
    auto sig = sign_personal_message(key, "Some data");
    ASSERT_TRUE(sig.ok()) << sig.error().message;
    EXPECT_EQ("0x" + to_hex(*sig), kSomeDataSig);
    auto hello = sign_personal_message(key, "hello");
    ASSERT_TRUE(hello.ok());
    EXPECT_EQ("0x" + to_hex(*hello), kHelloSig);
    std::array<uint8_t, 32> zero{};
    EXPECT_FALSE(sign_personal_message(zero, "x").ok());
}

}  // namespace
}  // namespace viddhana::auth
