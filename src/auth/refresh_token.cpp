#include "auth/refresh_token.h"

#include <openssl/sha.h>

#include <array>

#include "auth/base64url.h"
#include "base/hex.h"

namespace viddhana::auth {

NewRefreshToken new_refresh_token(RandomSource& random) {
    std::array<uint8_t, 32> bytes{};
    random.fill(bytes);
    NewRefreshToken t;
    t.token = base64url_encode(bytes);
    t.hash = hash_refresh_token(t.token);
    return t;
}

std::string hash_refresh_token(std::string_view token) {
    std::array<uint8_t, SHA256_DIGEST_LENGTH> digest{};
    SHA256(reinterpret_cast<const uint8_t*>(token.data()), token.size(), digest.data());
    return to_hex(digest);
}

std::string new_refresh_family(RandomSource& random) {
    std::array<uint8_t, 16> bytes{};
    random.fill(bytes);
    return base64url_encode(bytes);
}

std::optional<Error> check_refresh_token_format(std::string_view token) {
    if (token.size() != 43) {
        return make_error("refresh token has " + std::to_string(token.size()) +
                          " characters, expected 43");
    }
    auto decoded = base64url_decode(token);
    if (!decoded) return make_error("refresh token is not base64url");
    return std::nullopt;
}

RefreshDecision decide_refresh(const std::optional<RefreshTokenState>& stored, int64_t now_s) {
    if (!stored) return {RefreshVerdict::refuse, "refresh token is unknown"};
    if (stored->revoked) return {RefreshVerdict::refuse, "refresh token was revoked"};
    if (stored->rotated) {
        return {RefreshVerdict::revoke_family,
                "refresh token was already used; every session of its sign-in is revoked"};
    }
    if (now_s >= stored->expires_s) return {RefreshVerdict::refuse, "refresh token expired"};
    return {RefreshVerdict::rotate, ""};
}

}  // namespace viddhana::auth
