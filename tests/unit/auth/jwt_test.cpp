// Base64url, duration parsing and HS256 JWTs, with RFC 7515 appendix A.1 as the signing vector.
#include <gtest/gtest.h>

#include "auth/base64url.h"
#include "auth/duration.h"
#include "auth/jwt.h"
#include "test_random.h"

namespace viddhana::auth {
namespace {

const std::string kSecret = "0123456789abcdef0123456789abcdef-viddhana";
constexpr int64_t kNow = 1'700'000'000;

JwtClaims access_claims() {
    return JwtClaims{"42", kNow, kNow + 900, "jti-1", "access", std::nullopt};
}

void expect_error(const Expected<JwtClaims>& r, const std::string& fragment) {
    ASSERT_FALSE(r.ok()) << "expected an error containing '" << fragment << "'";
    EXPECT_NE(r.error().message.find(fragment), std::string::npos) << r.error().message;
}

std::string as_string(const Bytes& b) {
    return std::string(b.begin(), b.end());
}

TEST(Base64Url, Rfc4648VectorsWithoutPadding) {
    const std::pair<const char*, const char*> vectors[] = {
        {"", ""},           {"f", "Zg"},          {"fo", "Zm8"},          {"foo", "Zm9v"},
        {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"},
    };
    for (auto [plain, encoded] : vectors) {
        EXPECT_EQ(base64url_encode(std::string_view(plain)), encoded);
        auto decoded = base64url_decode(encoded);
        ASSERT_TRUE(decoded.ok()) << encoded;
        EXPECT_EQ(as_string(*decoded), plain);
    }
    const uint8_t url_chars[] = {0xfb, 0xff, 0xbf};
    EXPECT_EQ(base64url_encode(url_chars), "-_-_");
}

TEST(Base64Url, RefusesNonCanonicalText) {
    EXPECT_NE(base64url_decode("Zm9v=").error().message.find("impossible length"),
              std::string::npos);
    EXPECT_NE(base64url_decode("Zm8=").error().message.find("invalid character at position 3"),
              std::string::npos);
    EXPECT_NE(base64url_decode("Zm+v").error().message.find("invalid character"),
              std::string::npos);
    EXPECT_NE(base64url_decode("Zh").error().message.find("trailing bits"), std::string::npos);
}

TEST(Duration, ParsesUnits) {
    EXPECT_EQ(*parse_duration_seconds("15m"), 900);
    EXPECT_EQ(*parse_duration_seconds("7d"), 604800);
    EXPECT_EQ(*parse_duration_seconds("3600"), 3600);
    EXPECT_EQ(*parse_duration_seconds("45s"), 45);
    EXPECT_EQ(*parse_duration_seconds("12h"), 43200);
}

TEST(Duration, RefusesBadText) {
    auto check = [](const char* text, const char* fragment) {
        auto r = parse_duration_seconds(text);
        ASSERT_FALSE(r.ok()) << text;
        EXPECT_NE(r.error().message.find(fragment), std::string::npos) << r.error().message;
    };
    check("", "empty");
    check("15x", "unknown unit");
    check("m", "no number");
    check("0", "zero");
    check("0d", "zero");
    check("-5m", "not a whole number");
    check("1.5h", "not a whole number");
    check(" 15m", "not a whole number");
    check("4000d", "ten years");
    check("99999999999999999999", "ten years");
}

TEST(Jws, Rfc7515AppendixA1) {
    const std::string token =
        "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
        ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0"
        "cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    auto key = base64url_decode(
        "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow");
    ASSERT_TRUE(key.ok());
    const std::string header = "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}";
    const std::string payload =
        "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";
    EXPECT_EQ(sign_hs256_jws(header, payload, *key), token);
    auto verified = verify_hs256_jws(token, *key);
    ASSERT_TRUE(verified.ok()) << verified.error().message;
    EXPECT_EQ(verified->header_json, header);
    EXPECT_EQ(verified->payload_json, payload);

    Bytes wrong_key = *key;
    wrong_key[0] ^= 1;
    EXPECT_EQ(verify_hs256_jws(token, wrong_key).error().message, "token signature does not match");
}

TEST(Jwt, RoundTrip) {
    auto claims = access_claims();
    claims.nbf = kNow;
    std::string token = sign_jwt(claims, kSecret);
    auto verified = verify_jwt(token, kSecret, kNow + 10, "access");
    ASSERT_TRUE(verified.ok()) << verified.error().message;
    EXPECT_EQ(*verified, claims);
}

TEST(Jwt, RefusesExpiredAndNotYetValid) {
    std::string token = sign_jwt(access_claims(), kSecret);
    EXPECT_TRUE(verify_jwt(token, kSecret, kNow + 899, "access").ok());
    expect_error(verify_jwt(token, kSecret, kNow + 900, "access"), "token expired at");
    expect_error(verify_jwt(token, kSecret, kNow - kJwtClockSkewSeconds - 1, "access"),
                 "issued at");
    EXPECT_TRUE(verify_jwt(token, kSecret, kNow - kJwtClockSkewSeconds, "access").ok());

    auto later = access_claims();
    later.nbf = kNow + 300;
    expect_error(verify_jwt(sign_jwt(later, kSecret), kSecret, kNow, "access"), "not before");
}

TEST(Jwt, RefusesOtherSecretsTypesAndTampering) {
    std::string token = sign_jwt(access_claims(), kSecret);
    expect_error(verify_jwt(token, kSecret + "x", kNow, "access"), "signature does not match");
    expect_error(verify_jwt(token, kSecret, kNow, "refresh"), "typ is 'access', expected");

    // Swap in a payload naming another account, keeping the signature.
    auto other = access_claims();
    other.sub = "43";
    std::string forged = sign_jwt(other, "another secret of at least thirty-two bytes");
    size_t a = token.find('.'), b = forged.find('.');
    std::string spliced = token.substr(0, a) + forged.substr(b, forged.rfind('.') - b) +
                          token.substr(token.rfind('.'));
    expect_error(verify_jwt(spliced, kSecret, kNow, "access"), "signature does not match");
}

TEST(Jwt, RefusesAlgNoneAndOtherAlgorithms) {
    const std::string payload =
        R"({"sub":"1","iat":1700000000,"exp":1800000000,"jti":"a","typ":"access"})";
    std::string none = base64url_encode(std::string_view(R"({"alg":"none","typ":"JWT"})")) + "." +
                       base64url_encode(std::string_view(payload)) + ".";
    expect_error(verify_jwt(none, kSecret, kNow, "access"), "alg 'none' (unsigned) is refused");

    // An HS512 / RS256 header signed with HS256 anyway is still refused by name.
    std::string key = kSecret;
    std::span<const uint8_t> k(reinterpret_cast<const uint8_t*>(key.data()), key.size());
    expect_error(
        verify_jwt(sign_hs256_jws(R"({"alg":"RS256"})", payload, k), kSecret, kNow, "access"),
        "alg 'RS256' is not accepted");
    expect_error(
        verify_jwt(sign_hs256_jws(R"({"typ":"JWT"})", payload, k), kSecret, kNow, "access"),
        "header has no alg");
    expect_error(verify_jwt(sign_hs256_jws(R"({"alg":"HS256","crit":["exp"]})", payload, k),
                            kSecret, kNow, "access"),
                 "crit");
}

TEST(Jwt, RefusesMalformedTokensAndClaims) {
    expect_error(verify_jwt("abc", kSecret, kNow, "access"), "three dot-separated parts");
    expect_error(verify_jwt("a.b.c.d", kSecret, kNow, "access"), "three dot-separated parts");
    expect_error(verify_jwt("!!.e30.", kSecret, kNow, "access"), "header is not base64url");
    std::string key = kSecret;
    std::span<const uint8_t> k(reinterpret_cast<const uint8_t*>(key.data()), key.size());
    const std::string header = R"({"alg":"HS256","typ":"JWT"})";
    expect_error(
        verify_jwt(sign_hs256_jws(header, R"({"iat":1,"exp":2,"jti":"a","typ":"access"})", k),
                   kSecret, kNow, "access"),
        "no 'sub' claim");
    expect_error(
        verify_jwt(sign_hs256_jws(header,
                                  R"({"sub":"1","iat":1,"exp":1.5e9,"jti":"a","typ":"access"})", k),
                   kSecret, kNow, "access"),
        "'exp' is not whole seconds");
    expect_error(verify_jwt(sign_hs256_jws(header, "[1,2]", k), kSecret, kNow, "access"),
                 "not a JSON object");
}

TEST(Jwt, SecretLengthAndIds) {
    EXPECT_TRUE(check_jwt_secret("short").has_value());
    EXPECT_FALSE(check_jwt_secret(kSecret).has_value());
    test::CountingRandomSource random;
    std::string a = new_jwt_id(random);
    std::string b = new_jwt_id(random);
    EXPECT_EQ(a.size(), 22u);
    EXPECT_NE(a, b);
}

}  // namespace
}  // namespace viddhana::auth
