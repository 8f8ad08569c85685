// Base32 (RFC 4648 section 10 vectors), HOTP (RFC 4226 appendix D), TOTP (RFC 6238 appendix B),
// the verification window, replay refusal and the otpauth URI.
#include <gtest/gtest.h>

#include "auth/base32.h"
#include "auth/totp.h"
#include "test_random.h"

namespace viddhana::auth {
namespace {

std::span<const uint8_t> bytes(std::string_view s) {
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

const std::string kSeed20 = "12345678901234567890";
const std::string kSeed32 = "12345678901234567890123456789012";
const std::string kSeed64 = "1234567890123456789012345678901234567890123456789012345678901234";

TEST(Base32, Rfc4648Vectors) {
    const std::pair<const char*, const char*> vectors[] = {
        {"", ""},
        {"f", "MY======"},
        {"fo", "MZXQ===="},
        {"foo", "MZXW6==="},
        {"foob", "MZXW6YQ="},
        {"fooba", "MZXW6YTB"},
        {"foobar", "MZXW6YTBOI======"},
    };
    for (auto [plain, encoded] : vectors) {
        EXPECT_EQ(base32_encode(bytes(plain)), encoded);
        auto decoded = base32_decode(encoded);
        ASSERT_TRUE(decoded.ok()) << encoded << ": " << decoded.error().message;
        EXPECT_EQ(std::string(decoded->begin(), decoded->end()), plain);
    }
    EXPECT_EQ(base32_encode(bytes("foobar"), false), "MZXW6YTBOI");
    auto unpadded_lower = base32_decode("mzxw6ytboi");
    ASSERT_TRUE(unpadded_lower.ok());
    EXPECT_EQ(std::string(unpadded_lower->begin(), unpadded_lower->end()), "foobar");
}

TEST(Base32, RefusesMalformedText) {
    auto check = [](const char* text, const char* fragment) {
        auto r = base32_decode(text);
        ASSERT_FALSE(r.ok()) << text;
        EXPECT_NE(r.error().message.find(fragment), std::string::npos) << r.error().message;
    };
    check("MZXW6YT1", "invalid character at position 7");
    check("MZXW6=", "not a multiple of 8");
    check("MZX", "impossible length");
    check("MZXW6YTB========", "wrong amount of padding");
    check("MZ======", "trailing bits");
}

TEST(Hotp, Rfc4226AppendixD) {
    const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                              "254676", "287922", "162583", "399871", "520489"};
    for (uint64_t counter = 0; counter < 10; ++counter) {
        EXPECT_EQ(hotp_code(bytes(kSeed20), counter, OtpAlgorithm::sha1, 6), expected[counter])
            << counter;
    }
}

TEST(Totp, Rfc6238AppendixB) {
    struct Row {
        int64_t time;
        const char* sha1;
        const char* sha256;
        const char* sha512;
    };
    const Row rows[] = {
        {59, "94287082", "46119246", "90693936"},
        {1111111109, "07081804", "68084774", "25091201"},
        {1111111111, "14050471", "67062674", "99943326"},
        {1234567890, "89005924", "91819424", "93441116"},
        {2000000000, "69279037", "90698825", "38618901"},
        {20000000000, "65353130", "77737706", "47863826"},
    };
    for (const Row& row : rows) {
        EXPECT_EQ(totp_code(bytes(kSeed20), row.time, {OtpAlgorithm::sha1, 8, 30}), row.sha1);
        EXPECT_EQ(totp_code(bytes(kSeed32), row.time, {OtpAlgorithm::sha256, 8, 30}), row.sha256);
        EXPECT_EQ(totp_code(bytes(kSeed64), row.time, {OtpAlgorithm::sha512, 8, 30}), row.sha512);
    }
    // Six digits are the low six of the eight.
    EXPECT_EQ(totp_code(bytes(kSeed20), 59), "287082");
}

TEST(Totp, VerifiesWithinOneStepEitherSide) {
    const int64_t now = 1'700'000'015;  // step 56666667
    const int64_t step = totp_step(now);
    ASSERT_EQ(step, 56666667);
    for (int64_t delta : {-1, 0, 1}) {
        std::string code = totp_code(bytes(kSeed20), (step + delta) * 30);
        auto r = verify_totp(bytes(kSeed20), code, now, std::nullopt);
        ASSERT_TRUE(r.ok()) << delta << ": " << r.error().message;
        EXPECT_EQ(*r, step + delta);
    }
    for (int64_t delta : {-2, 2}) {
        std::string code = totp_code(bytes(kSeed20), (step + delta) * 30);
        auto r = verify_totp(bytes(kSeed20), code, now, std::nullopt);
        ASSERT_FALSE(r.ok()) << delta;
        EXPECT_EQ(r.error().message, "code is not valid");
    }
}

TEST(Totp, RefusesAReplayedCode) {
    const int64_t now = 1'700'000'015;
    std::string code = totp_code(bytes(kSeed20), now);
    auto first = verify_totp(bytes(kSeed20), code, now, std::nullopt);
    ASSERT_TRUE(first.ok());
    auto again = verify_totp(bytes(kSeed20), code, now + 5, *first);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().message, "code was already used; wait for the next one");
    // The previous step's code, still inside the window, is refused once a newer one was used.
    std::string older = totp_code(bytes(kSeed20), now - 30);
    EXPECT_FALSE(verify_totp(bytes(kSeed20), older, now, *first).ok());
    // The next step's code is accepted.
    auto next = verify_totp(bytes(kSeed20), totp_code(bytes(kSeed20), now + 30), now + 30, *first);
    ASSERT_TRUE(next.ok());
    EXPECT_EQ(*next, *first + 1);
}

TEST(Totp, RefusesMalformedCodes) {
    EXPECT_EQ(verify_totp(bytes(kSeed20), "12345", 0, std::nullopt).error().message,
              "code must be 6 digits, got 5 characters");
    EXPECT_EQ(verify_totp(bytes(kSeed20), "12a456", 0, std::nullopt).error().message,
              "code must contain digits only");
    EXPECT_FALSE(
        verify_totp(bytes(kSeed20), "1234567", 0, std::nullopt, {OtpAlgorithm::sha1, 8, 30}).ok());
}

TEST(Totp, SecretAndUri) {
    test::CountingRandomSource random;
    Bytes secret = new_totp_secret(random);
    ASSERT_EQ(secret.size(), 20u);
    EXPECT_EQ(secret[19], 19);
    EXPECT_EQ(totp_uri("0x2c7536e3605d9c16a7a3d7b1898e529396a65c23", bytes(kSeed20)),
              "otpauth://totp/Viddhana%20Pool:0x2c7536e3605d9c16a7a3d7b1898e529396a65c23"
              "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Viddhana%20Pool&algorithm=SHA1"
              "&digits=6&period=30");
    EXPECT_EQ(totp_uri("a b:c", bytes("x"), {OtpAlgorithm::sha256, 8, 30}),
              "otpauth://totp/Viddhana%20Pool:a%20b%3Ac?secret=PA&issuer=Viddhana%20Pool"
              "&algorithm=SHA256&digits=8&period=30");
}

}  // namespace
}  // namespace viddhana::auth
