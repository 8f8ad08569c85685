// JSON Web Tokens signed with HS256 (RFC 7519 over RFC 7515's compact JWS), the API's access
// tokens. Only HS256 is accepted: a token naming "none" or any other algorithm is refused
// before its signature is looked at, so a forged header cannot pick a weaker check.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "auth/random_source.h"
#include "base/expected.h"

namespace viddhana::auth {

// HMAC-SHA256 keys shorter than this are refused (RFC 7518 section 3.2: at least the hash size).
inline constexpr size_t kMinJwtSecretBytes = 32;
// How far a token's iat / nbf may lie ahead of our clock (other API nodes' clocks drift).
inline constexpr int64_t kJwtClockSkewSeconds = 60;

struct JwtClaims {
    std::string sub;  // the account id
    int64_t iat = 0;  // issued at, Unix seconds
    int64_t exp = 0;  // expires at, Unix seconds (the token is invalid from this second on)
    std::string jti;  // unique token id
    std::string typ;  // what the token is for, e.g. "access"
    std::optional<int64_t> nbf;
    friend bool operator==(const JwtClaims&, const JwtClaims&) = default;
};

std::optional<Error> check_jwt_secret(std::string_view secret);

// 16 random bytes, base64url.
std::string new_jwt_id(RandomSource& random);

// header.payload.signature with the given JSON texts encoded as they are.
std::string sign_hs256_jws(std::string_view header_json, std::string_view payload_json,
                           std::span<const uint8_t> key);

struct VerifiedJws {
    std::string header_json;
    std::string payload_json;
};
// Checks the structure, that the header's alg is HS256 and the signature; not the claims.
Expected<VerifiedJws> verify_hs256_jws(std::string_view token, std::span<const uint8_t> key);

std::string sign_jwt(const JwtClaims& claims, std::string_view secret);

// Verifies the signature, then the claims: all of sub, iat, exp, jti, typ present with the right
// JSON types, typ equal to expected_typ, now_s < exp, and iat / nbf not later than
// now_s + kJwtClockSkewSeconds.
Expected<JwtClaims> verify_jwt(std::string_view token, std::string_view secret, int64_t now_s,
                               std::string_view expected_typ);

}  // namespace viddhana::auth
