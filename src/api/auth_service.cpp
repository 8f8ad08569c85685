#include "api/auth_service.h"

#include <fmt/format.h>

#include "auth/base32.h"
#include "auth/jwt.h"
#include "auth/refresh_token.h"
#include "auth/sign_in_verifier.h"
#include "auth/totp.h"
#include "http/api_error.h"

namespace viddhana::api {

namespace {

[[noreturn]] void refuse(const std::string& code, const std::string& message, int status = 401) {
    throw http::ApiError(status, code, message);
}

auth::LockoutState to_state(const store::AccountLockout& l) {
    auth::LockoutState s;
    s.failures = static_cast<int>(l.failed_attempts);
    s.window_start_s = l.window_start_ms / 1000;
    if (l.locked_until_ms) s.locked_until_s = *l.locked_until_ms / 1000;
    return s;
}

store::AccountLockout from_state(const auth::LockoutState& s) {
    store::AccountLockout l;
    l.failed_attempts = s.failures;
    l.window_start_ms = s.window_start_s * 1000;
    if (s.locked_until_s) l.locked_until_ms = *s.locked_until_s * 1000;
    return l;
}

}  // namespace

auth::SignInSite sign_in_site(const std::string& site_uri, int64_t chain_id) {
    auth::SignInSite site;
    site.uri = site_uri;
    auto scheme = site_uri.find("://");
    std::string rest = scheme == std::string::npos ? site_uri : site_uri.substr(scheme + 3);
    site.domain = rest.substr(0, rest.find('/'));
    site.chain_id = chain_id;
    return site;
}

AuthService::AuthService(store::AccountRepository& accounts, AuthSettings settings,
                         const Clock& clock, auth::RandomSource& random)
    : accounts_(accounts), settings_(std::move(settings)), clock_(clock), random_(random) {}

nlohmann::json AuthService::account_json(const store::Account& a) {
    return {{"id", a.id},
            {"walletAddress", a.wallet_address},
            {"created", a.created_ms},
            {"twoFactorEnabled", a.totp_enabled},
            {"payoutAddress",
             a.payout_address ? nlohmann::json(*a.payout_address) : nlohmann::json(nullptr)}};
}

store::Account AuthService::account(int64_t account_id) {
    auto a = accounts_.find_account(account_id);
    if (!a) refuse("unauthorized", "the account of this session no longer exists");
    return *a;
}

nlohmann::json AuthService::issue_nonce(const std::string& wallet_address) {
    auto address = auth::EthAddress::parse(wallet_address);
    if (!address) {
        throw http::ApiError(400, "bad_parameter", "walletAddress: " + address.error().message,
                             "walletAddress");
    }
    int64_t now_ms = clock_.now_ms();
    std::string nonce = auth::new_siwe_nonce(random_);
    auto message = auth::sign_in_message(settings_.site, *address, nonce, now_ms / 1000,
                                         settings_.nonce_ttl_s);
    store::AuthNonce record;
    record.nonce = nonce;
    record.address = address->lower();
    record.issued_ms = now_ms;
    record.expires_ms = now_ms + settings_.nonce_ttl_s * 1000;
    if (auto stored = accounts_.add_nonce(record); !stored) {
        throw std::runtime_error("cannot store a sign-in nonce: " + stored.error().message);
    }
    return {{"message", auth::format_siwe_message(message)},
            {"nonce", nonce},
            {"expiresAt", record.expires_ms}};
}

nlohmann::json AuthService::sign_in(const std::string& wallet_address, const std::string& signature,
                                    const std::string& message, const ClientInfo& client) {
    auto parsed = auth::parse_siwe_message(message);
    if (!parsed) refuse("sign_in_refused", "message: " + parsed.error().message, 400);
    std::optional<auth::NonceRecord> nonce;
    if (auto stored = accounts_.find_nonce(parsed->nonce)) {
        auth::NonceRecord r;
        r.nonce = stored->nonce;
        if (auto a = auth::EthAddress::parse(stored->address)) r.address = *a;
        r.issued_s = stored->issued_ms / 1000;
        r.expires_s = stored->expires_ms / 1000;
        r.used = stored->used_ms.has_value();
        nonce = r;
    }
    int64_t now_ms = clock_.now_ms();
    auto verified = auth::verify_sign_in({message, signature, wallet_address}, settings_.site,
                                         nonce, now_ms / 1000);
    if (!verified) refuse("sign_in_refused", verified.error().message);
    std::string address = verified->address.lower();
    auto consumed = accounts_.consume_nonce(verified->nonce, address, now_ms);
    if (!consumed || !*consumed) {
        refuse("sign_in_refused", "this sign-in message was used already; ask for a new one");
    }
    auto account = accounts_.find_or_create_account(address, now_ms);
    if (!account) throw std::runtime_error("cannot create the account: " + account.error().message);
    if (account->totp_enabled) {
        auth::JwtClaims c;
        c.sub = std::to_string(account->id);
        c.iat = now_ms / 1000;
        c.exp = c.iat + settings_.challenge_ttl_s;
        c.jti = auth::new_jwt_id(random_);
        c.typ = "2fa";
        return {{"twoFactorRequired", true},
                {"challengeToken", auth::sign_jwt(c, settings_.jwt_secret)},
                {"expiresIn", settings_.challenge_ttl_s}};
    }
    return new_session(*account, client);
}

nlohmann::json AuthService::new_session(const store::Account& account, const ClientInfo& client) {
    int64_t now_ms = clock_.now_ms();
    auth::JwtClaims c;
    c.sub = std::to_string(account.id);
    c.iat = now_ms / 1000;
    c.exp = c.iat + settings_.access_ttl_s;
    c.jti = auth::new_jwt_id(random_);
    c.typ = "access";
    auto refresh = auth::new_refresh_token(random_);
    store::NewRefreshTokenRecord r;
    r.hash = refresh.hash;
    r.family = auth::new_refresh_family(random_);
    r.account_id = account.id;
    r.issued_ms = now_ms;
    r.expires_ms = now_ms + settings_.refresh_ttl_s * 1000;
    r.user_agent = client.user_agent.substr(0, 256);
    r.ip = client.ip;
    if (auto stored = accounts_.add_refresh_token(r); !stored) {
        throw std::runtime_error("cannot store a refresh token: " + stored.error().message);
    }
    return {{"accessToken", auth::sign_jwt(c, settings_.jwt_secret)},
            {"refreshToken", refresh.token},
            {"tokenType", "Bearer"},
            {"expiresIn", settings_.access_ttl_s},
            {"refreshExpiresIn", settings_.refresh_ttl_s},
            {"account", account_json(account)}};
}

nlohmann::json AuthService::refresh(const std::string& refresh_token, const ClientInfo& client) {
    if (auto bad = auth::check_refresh_token_format(refresh_token)) {
        refuse("invalid_token", "refreshToken: " + bad->message);
    }
    std::string hash = auth::hash_refresh_token(refresh_token);
    auto stored = accounts_.find_refresh_token(hash);
    int64_t now_ms = clock_.now_ms();
    std::optional<auth::RefreshTokenState> state;
    if (stored) {
        state = auth::RefreshTokenState{stored->family, stored->expires_ms / 1000, stored->rotated,
                                        stored->revoked};
    }
    auto decision = auth::decide_refresh(state, now_ms / 1000);
    if (decision.verdict == auth::RefreshVerdict::revoke_family) {
        accounts_.revoke_refresh_family(stored->family);
        refuse("invalid_token", decision.reason + "; every session of this sign-in has ended");
    }
    if (decision.verdict == auth::RefreshVerdict::refuse) refuse("invalid_token", decision.reason);
    auto account = accounts_.find_account(stored->account_id);
    if (!account) refuse("invalid_token", "the account of this session no longer exists");
    auto next = auth::new_refresh_token(random_);
    store::NewRefreshTokenRecord r;
    r.hash = next.hash;
    r.issued_ms = now_ms;
    r.expires_ms = now_ms + settings_.refresh_ttl_s * 1000;
    r.user_agent = client.user_agent.substr(0, 256);
    r.ip = client.ip;
    auto rotated = accounts_.rotate_refresh_token(hash, r, now_ms);
    if (!rotated || !*rotated) {
        refuse("invalid_token", "this refresh token was used concurrently; sign in again");
    }
    auth::JwtClaims c;
    c.sub = std::to_string(account->id);
    c.iat = now_ms / 1000;
    c.exp = c.iat + settings_.access_ttl_s;
    c.jti = auth::new_jwt_id(random_);
    c.typ = "access";
    return {{"accessToken", auth::sign_jwt(c, settings_.jwt_secret)},
            {"refreshToken", next.token},
            {"tokenType", "Bearer"},
            {"expiresIn", settings_.access_ttl_s},
            {"refreshExpiresIn", settings_.refresh_ttl_s},
            {"account", account_json(*account)}};
}

void AuthService::logout(const std::string& refresh_token) {
    if (auth::check_refresh_token_format(refresh_token)) return;
    if (auto stored = accounts_.find_refresh_token(auth::hash_refresh_token(refresh_token))) {
        accounts_.revoke_refresh_family(stored->family);
    }
}

int64_t AuthService::logout_all(int64_t account_id) {
    return accounts_.revoke_account_refresh_tokens(account_id);
}

int64_t AuthService::authenticate(const std::optional<std::string>& authorization) {
    if (!authorization || authorization->rfind("Bearer ", 0) != 0) {
        refuse("unauthorized", "sign in first: send Authorization: Bearer <access token>");
    }
    return verify_access_token(authorization->substr(7)).account_id;
}

AccessGrant AuthService::verify_access_token(const std::string& token) {
    auto claims = auth::verify_jwt(token, settings_.jwt_secret, clock_.now_ms() / 1000, "access");
    if (!claims) refuse("unauthorized", "access token refused: " + claims.error().message);
    try {
        return {std::stoll(claims->sub), claims->exp * 1000};
    } catch (const std::exception&) {
        refuse("unauthorized", "access token has no account");
    }
}

int64_t AuthService::check_code(const store::Account& account, const std::string& code) {
    int64_t now_s = clock_.now_ms() / 1000;
    if (auth::is_locked(to_state(account.lockout), now_s)) {
        refuse("locked",
               "too many wrong codes: two-factor sign-in is locked for a while; try again later",
               423);
    }
    if (!account.totp_secret) refuse("two_factor_not_set_up", "set up two-factor first", 409);
    auto key = auth::base32_decode(*account.totp_secret);
    if (!key) throw std::runtime_error("stored TOTP secret is not base32");
    auto step = auth::verify_totp(*key, code, now_s, account.totp_last_step);
    if (!step) {
        record_failure(account.id);
        refuse("invalid_code", "code: " + step.error().message);
    }
    return *step;
}

void AuthService::record_failure(int64_t account_id) {
    for (int attempt = 0; attempt < 5; ++attempt) {
        auto a = accounts_.find_account(account_id);
        if (!a) return;
        auto next = from_state(
            auth::after_failure(to_state(a->lockout), clock_.now_ms() / 1000, settings_.lockout));
        auto set = accounts_.compare_and_set_lockout(account_id, a->lockout, next);
        if (!set || *set) return;
    }
}

void AuthService::record_success(const store::Account& account) {
    auto clean = from_state(auth::after_success());
    if (account.lockout == clean) return;
    (void)accounts_.compare_and_set_lockout(account.id, account.lockout, clean);
}

void AuthService::confirm_two_factor(const store::Account& account, const std::string& code) {
    if (!account.totp_enabled) return;
    if (code.empty()) {
        refuse("two_factor_required",
               "two-factor is on: this change needs a code from your authenticator app (code)",
               403);
    }
    int64_t step = check_code(account, code);
    auto advanced = accounts_.advance_totp_step(account.id, step);
    if (!advanced || !*advanced) refuse("invalid_code", "this code was used already");
    record_success(account);
}

nlohmann::json AuthService::verify_two_factor(const std::string& challenge_token,
                                              const std::string& code, const ClientInfo& client) {
    auto claims =
        auth::verify_jwt(challenge_token, settings_.jwt_secret, clock_.now_ms() / 1000, "2fa");
    if (!claims) refuse("invalid_token", "challengeToken: " + claims.error().message);
    auto a = account(std::stoll(claims->sub));
    if (!a.totp_enabled) refuse("two_factor_not_enabled", "two-factor is not enabled", 409);
    int64_t step = check_code(a, code);
    auto advanced = accounts_.advance_totp_step(a.id, step);
    if (!advanced || !*advanced) refuse("invalid_code", "this code was used already");
    record_success(a);
    return new_session(account(a.id), client);
}

nlohmann::json AuthService::begin_two_factor(int64_t account_id) {
    auto a = account(account_id);
    if (a.totp_enabled) {
        refuse("two_factor_enabled", "two-factor is already enabled; disable it first", 409);
    }
    auto secret = auth::new_totp_secret(random_);
    std::string text = auth::base32_encode(secret, false);
    if (auto stored = accounts_.begin_totp_enrolment(account_id, text); !stored) {
        throw std::runtime_error("cannot store the TOTP secret: " + stored.error().message);
    }
    return {{"secret", text}, {"uri", auth::totp_uri(a.wallet_address, secret)}};
}

void AuthService::enable_two_factor(int64_t account_id, const std::string& code) {
    auto a = account(account_id);
    if (a.totp_enabled) refuse("two_factor_enabled", "two-factor is already enabled", 409);
    int64_t step = check_code(a, code);
    if (auto enabled = accounts_.enable_totp(account_id, step); !enabled) {
        refuse("two_factor_not_set_up", enabled.error().message, 409);
    }
    record_success(a);
}

void AuthService::disable_two_factor(int64_t account_id, const std::string& code) {
    auto a = account(account_id);
    if (!a.totp_enabled) refuse("two_factor_not_enabled", "two-factor is not enabled", 409);
    int64_t step = check_code(a, code);
    auto advanced = accounts_.advance_totp_step(account_id, step);
    if (!advanced || !*advanced) refuse("invalid_code", "this code was used already");
    (void)accounts_.disable_totp(account_id);
    record_success(a);
}

}  // namespace viddhana::api
