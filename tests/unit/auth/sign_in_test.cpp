// EIP-4361 messages and the sign-in verifier. The expected texts were produced by the `siwe`
// npm package 2.x (SiweMessage.prepareMessage) and the signature by ethers 6 (Wallet.signMessage)
// for the private key 0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318.
#include <gtest/gtest.h>

#include "auth/personal_sign.h"
#include "auth/rfc3339_time.h"
#include "auth/sign_in_verifier.h"
#include "auth/siwe_message.h"
#include "base/hex.h"
#include "test_random.h"

namespace viddhana::auth {
namespace {

constexpr int64_t kIssued = 1'700'000'000;  // 2023-11-14T22:13:20Z
const std::string kAddress = "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23";
const std::string kMessage =
    "pool.viddhana.com wants you to sign in with your Ethereum account:\n"
    "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23\n\nSign in to Viddhana Pool.\n\n"
    "URI: https://pool.viddhana.com\nVersion: 1\nChain ID: 1\nNonce: 32891756abcdefgh\n"
    "Issued At: 2023-11-14T22:13:20Z\nExpiration Time: 2023-11-14T22:18:20Z";
const std::string kSignature =
    "0xebf2324c5455980f5562a552b8b91d4d05d8e3e93176821a907ba72adc0a3779435074a242b8388d82f9061a"
    "4dbe1c94f209ccd822d67656920c7df25981503f1b";
const std::string kFullMessage =
    "pool.viddhana.com wants you to sign in with your Ethereum account:\n"
    "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23\n\n\nURI: https://pool.viddhana.com\nVersion: "
    "1\nChain ID: 1\nNonce: 32891756abcdefgh\nIssued At: 2023-11-14T22:13:20Z\nExpiration Time: "
    "2023-11-14T22:18:20Z\nNot Before: 2023-11-14T22:13:00Z\nRequest ID: req-7\nResources:\n- "
    "ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/\n- "
    "https://example.com/my-web2-claim.json";

SignInSite site() {
    return SignInSite{"pool.viddhana.com", "https://pool.viddhana.com", 1,
                      "Sign in to Viddhana Pool."};
}

EthAddress address() {
    return *EthAddress::parse(kAddress);
}

NonceRecord nonce_record() {
    return NonceRecord{"32891756abcdefgh", address(), kIssued, kIssued + 300, false};
}

std::string sign(const std::string& message) {
    std::array<uint8_t, 32> key{};
    EXPECT_TRUE(
        from_hex_into("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", key));
    return "0x" + to_hex(*sign_personal_message(key, message));
}

void expect_refused(const Expected<SiweMessage>& r, const std::string& message) {
    ASSERT_FALSE(r.ok()) << "expected: " << message;
    EXPECT_EQ(r.error().message, message);
}

TEST(Rfc3339, FormatsAndParses) {
    EXPECT_EQ(format_rfc3339(kIssued), "2023-11-14T22:13:20Z");
    EXPECT_EQ(format_rfc3339(0), "1970-01-01T00:00:00Z");
    EXPECT_EQ(format_rfc3339(951782400), "2000-02-29T00:00:00Z");
    EXPECT_EQ(*parse_rfc3339("2023-11-14T22:13:20Z"), kIssued);
    EXPECT_EQ(*parse_rfc3339("2023-11-14T22:13:20.999Z"), kIssued);
    EXPECT_EQ(*parse_rfc3339("2023-11-15T00:13:20+02:00"), kIssued);
    EXPECT_EQ(*parse_rfc3339("2023-11-14T17:13:20-05:00"), kIssued);
    EXPECT_EQ(*parse_rfc3339("2000-02-29T00:00:00Z"), 951782400);
    EXPECT_EQ(*parse_rfc3339("1969-12-31T23:59:59Z"), -1);
    EXPECT_FALSE(parse_rfc3339("2023-02-29T00:00:00Z").ok());
    EXPECT_FALSE(parse_rfc3339("2023-13-01T00:00:00Z").ok());
    EXPECT_FALSE(parse_rfc3339("2023-11-14T24:00:00Z").ok());
    EXPECT_FALSE(parse_rfc3339("2023-11-14T22:13:20").ok());
    EXPECT_FALSE(parse_rfc3339("2023-11-14 22:13:20Z").ok());
    EXPECT_FALSE(parse_rfc3339("2023-11-14T22:13:20.Z").ok());
    EXPECT_NE(parse_rfc3339("2023-04-31T00:00:00Z").error().message.find("day 31"),
              std::string::npos);
}

TEST(SiweMessage, FormatsLikeTheReferenceLibrary) {
    auto m = sign_in_message(site(), address(), "32891756abcdefgh", kIssued, 300);
    EXPECT_EQ(format_siwe_message(m), kMessage);

    SiweMessage full = m;
    full.statement.reset();
    full.not_before = kIssued - 20;
    full.request_id = "req-7";
    full.resources = {"ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/",
                      "https://example.com/my-web2-claim.json"};
    EXPECT_EQ(format_siwe_message(full), kFullMessage);
}

TEST(SiweMessage, ParsesWhatItFormats) {
    for (const std::string& text : {kMessage, kFullMessage}) {
        auto parsed = parse_siwe_message(text);
        ASSERT_TRUE(parsed.ok()) << parsed.error().message;
        EXPECT_EQ(format_siwe_message(*parsed), text);
    }
    auto m = *parse_siwe_message(kFullMessage);
    EXPECT_EQ(m.domain, "pool.viddhana.com");
    EXPECT_EQ(m.address, address());
    EXPECT_FALSE(m.statement);
    EXPECT_EQ(m.nonce, "32891756abcdefgh");
    EXPECT_EQ(m.issued_at, kIssued);
    EXPECT_EQ(m.expiration_time, kIssued + 300);
    EXPECT_EQ(m.not_before, kIssued - 20);
    EXPECT_EQ(m.request_id, "req-7");
    EXPECT_EQ(m.resources.size(), 2u);

    auto with_scheme = parse_siwe_message("https://" + kMessage);
    ASSERT_TRUE(with_scheme.ok()) << with_scheme.error().message;
    EXPECT_EQ(with_scheme->scheme, "https");
    EXPECT_EQ(with_scheme->domain, "pool.viddhana.com");
}

TEST(SiweMessage, RefusesMalformedMessagesNamingTheLine) {
    auto replace = [](std::string text, const std::string& from, const std::string& to) {
        size_t p = text.find(from);
        EXPECT_NE(p, std::string::npos) << from;
        return text.replace(p, from.size(), to);
    };
    auto refused = [](const std::string& text, const std::string& fragment) {
        auto r = parse_siwe_message(text);
        ASSERT_FALSE(r.ok()) << fragment;
        EXPECT_NE(r.error().message.find(fragment), std::string::npos) << r.error().message;
    };
    refused("", "line 1: expected '<domain> wants you");
    refused(replace(kMessage, kAddress, "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23"),
            "line 2: address is not in EIP-55 checksum form");
    refused(replace(kMessage, kAddress, "0x2c7536E3605D9C16a7a3D7b1898e529396a65c2"),
            "line 2: address '0x2c7536E3605D9C16a7a3D7b1898e529396a65c2' has 39 hex digits");
    refused(replace(kMessage, "Pool.\n\nURI", "Pool.\nURI"),
            "line 5: expected an empty line after the statement");
    refused(replace(kMessage, "Version: 1", "Version: 2"), "line 7: version '2' is not 1");
    refused(replace(kMessage, "Chain ID: 1", "Chain ID: 0x1"),
            "line 8: chain id '0x1' is not a positive number");
    refused(replace(kMessage, "Nonce: 32891756abcdefgh", "Nonce: abc"),
            "line 9: nonce must be at least 8 letters and digits");
    refused(replace(kMessage, "Nonce: 32891756abcdefgh", "Nonce: 32891756-abcdefgh"),
            "line 9: nonce must be");
    refused(replace(kMessage, "Issued At: 2023-11-14T22:13:20Z", "Issued At: yesterday"),
            "line 10: time 'yesterday' is not RFC 3339");
    refused(kMessage + "\n", "line 12: unexpected ''");
    refused(kMessage + "\nNot Before: 2023-11-14T22:13:00Z\nExpiration Time: 2023-11-14T22:18:20Z",
            "line 13: unexpected 'Expiration Time");
    refused(replace(kMessage, "\n", "\r\n"), "carriage return");
    refused(replace(kMessage, "URI: https://pool.viddhana.com", "URI: not a uri"),
            "line 6: invalid URI");
    refused(replace(kMessage, "pool.viddhana.com wants", "pool viddhana wants"),
            "line 1: invalid domain");
}

TEST(SiweNonce, IsLongAlphanumericAndFromTheRandomSource) {
    test::CountingRandomSource random;
    std::string a = new_siwe_nonce(random);
    std::string b = new_siwe_nonce(random);
    EXPECT_EQ(a.size(), 22u);
    EXPECT_EQ(a.substr(0, 5), "ABCDE");
    EXPECT_NE(a, b);
    EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
              std::string::npos);
}

TEST(SignInVerifier, AcceptsTheReferenceSignature) {
    auto r = verify_sign_in({kMessage, kSignature, kAddress}, site(), nonce_record(), kIssued + 10);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->address, address());
    EXPECT_EQ(sign(kMessage), kSignature);
    // The wallet address may arrive in lower case.
    EXPECT_TRUE(verify_sign_in({kMessage, kSignature, "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23"},
                               site(), nonce_record(), kIssued + 10)
                    .ok());
}

TEST(SignInVerifier, EachRefusalHasItsOwnReason) {
    const int64_t now = kIssued + 10;
    expect_refused(
        verify_sign_in({kMessage, kSignature, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"}, site(),
                       nonce_record(), now),
        "walletAddress 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed does not match the "
        "message's address " +
            kAddress);
    expect_refused(verify_sign_in({kMessage, kSignature, "0x5aAeb"}, site(), nonce_record(), now),
                   "walletAddress: address '0x5aAeb' has 5 hex digits, expected 40");

    SignInSite other = site();
    other.domain = "evil.example";
    expect_refused(verify_sign_in({kMessage, kSignature, kAddress}, other, nonce_record(), now),
                   "message is for domain 'pool.viddhana.com', not this site ('evil.example')");
    other = site();
    other.uri = "https://evil.example";
    expect_refused(verify_sign_in({kMessage, kSignature, kAddress}, other, nonce_record(), now),
                   "message URI 'https://pool.viddhana.com' is not this site's "
                   "('https://evil.example')");
    other = site();
    other.chain_id = 5;
    expect_refused(verify_sign_in({kMessage, kSignature, kAddress}, other, nonce_record(), now),
                   "message chain id 1 is not 5");

    // A message signed by someone else.
    std::string forged = kMessage;
    forged.replace(forged.find("Viddhana Pool."), 14, "Viddhana Pool!");
    auto r = verify_sign_in({forged, kSignature, kAddress}, site(), nonce_record(), now);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("signature was not made by " + kAddress + " (it recovers to"),
              std::string::npos)
        << r.error().message;
    expect_refused(verify_sign_in({kMessage, "0x00", kAddress}, site(), nonce_record(), now),
                   "signature: signature has 2 hex digits, expected 130 (65 bytes r || s || v)");

    expect_refused(verify_sign_in({kMessage, kSignature, kAddress}, site(), std::nullopt, now),
                   "nonce '32891756abcdefgh' is unknown (request a new sign-in message)");
    auto used = nonce_record();
    used.used = true;
    expect_refused(verify_sign_in({kMessage, kSignature, kAddress}, site(), used, now),
                   "nonce '32891756abcdefgh' was already used");
    auto short_lived = nonce_record();
    short_lived.expires_s = kIssued + 5;
    expect_refused(verify_sign_in({kMessage, kSignature, kAddress}, site(), short_lived, now),
                   "nonce '32891756abcdefgh' expired at 2023-11-14T22:13:25Z");
    auto elsewhere = nonce_record();
    elsewhere.address = *EthAddress::parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    expect_refused(verify_sign_in({kMessage, kSignature, kAddress}, site(), elsewhere, now),
                   "nonce '32891756abcdefgh' was issued to another address");

    auto long_lived = nonce_record();
    long_lived.expires_s = kIssued + 3600;
    expect_refused(
        verify_sign_in({kMessage, kSignature, kAddress}, site(), long_lived, kIssued + 300),
        "message expired at 2023-11-14T22:18:20Z");
    expect_refused(verify_sign_in({kMessage, kSignature, kAddress}, site(), nonce_record(),
                                  kIssued - kSignInClockSkewSeconds - 1),
                   "message issued-at 2023-11-14T22:13:20Z is in the future (now "
                   "2023-11-14T22:12:19Z)");
    EXPECT_TRUE(verify_sign_in({kMessage, kSignature, kAddress}, site(), nonce_record(),
                               kIssued - kSignInClockSkewSeconds)
                    .ok());
}

TEST(SignInVerifier, RefusesBeforeNotBefore) {
    auto m = sign_in_message(site(), address(), "32891756abcdefgh", kIssued, 300);
    m.not_before = kIssued + 200;
    std::string text = format_siwe_message(m);
    std::string sig = sign(text);
    expect_refused(verify_sign_in({text, sig, kAddress}, site(), nonce_record(), kIssued + 10),
                   "message is not valid before 2023-11-14T22:16:40Z");
    EXPECT_TRUE(verify_sign_in({text, sig, kAddress}, site(), nonce_record(), kIssued + 150).ok());
}

}  // namespace
}  // namespace viddhana::auth
