// Refresh tokens: opaque random strings the client keeps; the server keeps only their SHA-256.
// Each sign-in starts a family; every use rotates the token to a new one in the same family.
// Presenting a token that was already rotated means two parties hold it (one of them stole it),
// so the whole family is revoked and both must sign in again.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "auth/random_source.h"
#include "base/expected.h"

namespace viddhana::auth {

struct NewRefreshToken {
    std::string token;  // 32 random bytes, base64url (43 characters): give to the client
    std::string hash;   // hash_refresh_token(token): store this
};

NewRefreshToken new_refresh_token(RandomSource& random);
// Lower-case hex SHA-256 of the token text.
std::string hash_refresh_token(std::string_view token);
// A new family id: 16 random bytes, base64url.
std::string new_refresh_family(RandomSource& random);
// Shape check before any lookup: 43 base64url characters.
std::optional<Error> check_refresh_token_format(std::string_view token);

// What the store holds about the presented token (found by its hash).
struct RefreshTokenState {
    std::string family;
    int64_t expires_s = 0;
    bool rotated = false;  // already exchanged for a newer token
    bool revoked = false;  // signed out, or its family was revoked
};

enum class RefreshVerdict {
    rotate,         // valid: mark it rotated, issue a new token in the same family
    revoke_family,  // reuse of a rotated token: theft; revoke every token of the family
    refuse,         // unknown, expired or revoked: just refuse
};

struct RefreshDecision {
    RefreshVerdict verdict = RefreshVerdict::refuse;
    std::string reason;  // why, for refuse and revoke_family
};

RefreshDecision decide_refresh(const std::optional<RefreshTokenState>& stored, int64_t now_s);

}  // namespace viddhana::auth
