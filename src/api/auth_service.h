// Sign-in and sessions for the API's account routes, over the store's account tables and the
// pure rules of src/auth: wallet sign-in (EIP-4361 message, single-use nonce), access JWTs and
// rotating refresh tokens, TOTP two-factor with replay refusal and lockout, sign-out. Refusals
// throw http::ApiError with the status the route answers (400 malformed, 401 refused, 409
// conflicting state, 423 locked).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "auth/lockout.h"
#include "auth/random_source.h"
#include "auth/siwe_message.h"
#include "base/clock.h"
#include "store/account_repository.h"

namespace viddhana::api {

struct AuthSettings {
    std::string jwt_secret;
    int64_t access_ttl_s = 15 * 60;
    int64_t refresh_ttl_s = 7 * 86'400;
    int64_t nonce_ttl_s = 5 * 60;
    int64_t challenge_ttl_s = 5 * 60;  // between the wallet signature and the 2FA code
    auth::SignInSite site;
    auth::LockoutPolicy lockout;
};

// The site a sign-in message names, from the web UI's URL ("https://pool.example:8443").
auth::SignInSite sign_in_site(const std::string& site_uri, int64_t chain_id);

// Who a valid access token speaks for, and until when.
struct AccessGrant {
    int64_t account_id = 0;
    int64_t expires_ms = 0;
};

struct ClientInfo {
    std::string user_agent;
    std::string ip;
};

class AuthService {
  public:
    AuthService(store::AccountRepository& accounts, AuthSettings settings, const Clock& clock,
                auth::RandomSource& random);

    // {"message", "nonce", "expiresAt"} for the wallet to sign.
    nlohmann::json issue_nonce(const std::string& wallet_address);
    // A session, or {"twoFactorRequired": true, "challengeToken"} when 2FA is on.
    nlohmann::json sign_in(const std::string& wallet_address, const std::string& signature,
                           const std::string& message, const ClientInfo& client);
    nlohmann::json verify_two_factor(const std::string& challenge_token, const std::string& code,
                                     const ClientInfo& client);
    nlohmann::json refresh(const std::string& refresh_token, const ClientInfo& client);
    // Ends the refresh token's session (its family); unknown tokens are ignored.
    void logout(const std::string& refresh_token);
    int64_t logout_all(int64_t account_id);

    // The account id of a valid "Authorization: Bearer <access token>" header value.
    int64_t authenticate(const std::optional<std::string>& authorization);
    // The same check on a bare access token (the WebSocket's private channels).
    AccessGrant verify_access_token(const std::string& token);

    // {"secret", "uri"}: a new secret, stored disabled until enable_two_factor.
    nlohmann::json begin_two_factor(int64_t account_id);
    void enable_two_factor(int64_t account_id, const std::string& code);
    void disable_two_factor(int64_t account_id, const std::string& code);
    // For a sensitive change (the payout address): with two-factor on, `code` must be a fresh
    // valid code (refused as 403 two_factor_required when empty); with it off, nothing to check.
    void confirm_two_factor(const store::Account& account, const std::string& code);

    store::Account account(int64_t account_id);
    static nlohmann::json account_json(const store::Account& a);

  private:
    nlohmann::json new_session(const store::Account& account, const ClientInfo& client);
    // Checks a TOTP code with the lockout; returns the matched step.
    int64_t check_code(const store::Account& account, const std::string& code);
    void record_failure(int64_t account_id);
    void record_success(const store::Account& account);

    store::AccountRepository& accounts_;
    AuthSettings settings_;
    const Clock& clock_;
    auth::RandomSource& random_;
};

}  // namespace viddhana::api
