// Pool accounts (signed in with an Ethereum wallet) and what signing in needs: one-time sign-in
// nonces, refresh tokens (stored as hashes) and the miner logins an account is linked to.
// Times are Unix milliseconds like the rest of the store. The conditional writes
// (consume_nonce, rotate_refresh_token, advance_totp_step, compare_and_set_lockout) are single
// atomic statements, so they hold across API processes sharing one database.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/expected.h"

namespace viddhana::store {

struct AccountLockout {
    int64_t failed_attempts = 0;
    int64_t window_start_ms = 0;
    std::optional<int64_t> locked_until_ms;
    friend bool operator==(const AccountLockout&, const AccountLockout&) = default;
};

struct Account {
    int64_t id = 0;
    std::string wallet_address;  // "0x" + 40 lower-case hex digits
    int64_t created_ms = 0;
    std::optional<std::string> payout_address;  // override for the linked logins' payouts
    std::optional<std::string> totp_secret;     // base32; set while enrolling or enabled
    bool totp_enabled = false;
    std::optional<int64_t> totp_last_step;  // last TOTP step accepted (replay refusal)
    AccountLockout lockout;
};

struct AuthNonce {
    std::string nonce;
    std::string address;  // lower-case wallet address it was issued to
    int64_t issued_ms = 0;
    int64_t expires_ms = 0;
    std::optional<int64_t> used_ms;
};

struct NewRefreshTokenRecord {
    std::string hash;    // SHA-256 hex of the token; the token itself is never stored
    std::string family;  // one per sign-in; rotation keeps it
    int64_t account_id = 0;
    int64_t issued_ms = 0;
    int64_t expires_ms = 0;
    std::string user_agent;
    std::string ip;
};

struct RefreshTokenRecord {
    std::string hash;
    std::string family;
    int64_t account_id = 0;
    int64_t issued_ms = 0;
    int64_t expires_ms = 0;
    bool rotated = false;
    bool revoked = false;
    std::optional<int64_t> last_used_ms;
    std::string user_agent;
    std::string ip;
};

enum class MinerLinkMethod { signed_message, declared };
std::string_view to_string(MinerLinkMethod method);

struct MinerLink {
    std::string login;  // the coin address miners mine to
    int64_t account_id = 0;
    MinerLinkMethod method = MinerLinkMethod::signed_message;
    int64_t linked_ms = 0;
};

class AccountRepository {
  public:
    virtual ~AccountRepository() = default;

    // ---- accounts ----
    // wallet_address must be "0x" + 40 hex digits (any case; stored lower-case).
    virtual Expected<Account> find_or_create_account(const std::string& wallet_address,
                                                     int64_t now_ms) = 0;
    virtual std::optional<Account> find_account(int64_t id) = 0;
    virtual std::optional<Account> find_account_by_wallet(const std::string& wallet_address) = 0;
    // A non-empty address without whitespace, or none to pay each login to itself.
    virtual Expected<Account> set_payout_address(int64_t account_id,
                                                 std::optional<std::string> address) = 0;

    // ---- two-factor authentication ----
    // Starts enrolment: stores the secret, disabled, forgetting the last used step.
    virtual Expected<Account> begin_totp_enrolment(int64_t account_id,
                                                   const std::string& secret_base32) = 0;
    // Enables 2FA after the first code verified (error when no secret is stored); records
    // that code's step.
    virtual Expected<Account> enable_totp(int64_t account_id, int64_t step) = 0;
    // Disables 2FA and forgets the secret.
    virtual Expected<Account> disable_totp(int64_t account_id) = 0;
    // Records `step` as used when it is later than the stored last step. False: that step or a
    // later one was used already (a replay, possibly by a concurrent request).
    virtual Expected<bool> advance_totp_step(int64_t account_id, int64_t step) = 0;

    // ---- lockout ----
    // Writes `next` only if the stored state still equals `expected` (read it, compute the
    // next state with the pure rule, write; retry on false).
    virtual Expected<bool> compare_and_set_lockout(int64_t account_id,
                                                   const AccountLockout& expected,
                                                   const AccountLockout& next) = 0;

    // ---- sign-in nonces ----
    // Error if the nonce exists already.
    virtual Expected<AuthNonce> add_nonce(const AuthNonce& nonce) = 0;
    virtual std::optional<AuthNonce> find_nonce(const std::string& nonce) = 0;
    // Marks the nonce used if it is unused, unexpired at now_ms and was issued to `address`.
    // True for exactly one caller, however many race.
    virtual Expected<bool> consume_nonce(const std::string& nonce, const std::string& address,
                                         int64_t now_ms) = 0;
    // Deletes nonces that expired before now_ms; returns how many.
    virtual int64_t delete_expired_nonces(int64_t now_ms) = 0;

    // ---- refresh tokens ----
    virtual Expected<RefreshTokenRecord> add_refresh_token(const NewRefreshTokenRecord& token) = 0;
    virtual std::optional<RefreshTokenRecord> find_refresh_token(const std::string& hash) = 0;
    // Marks old_hash rotated and stores `next` in the same family and account (those fields of
    // `next` are taken from the old token), if the old token is neither rotated nor revoked nor
    // expired at now_ms. False (nothing stored) otherwise: a concurrent or repeated use.
    virtual Expected<bool> rotate_refresh_token(const std::string& old_hash,
                                                const NewRefreshTokenRecord& next,
                                                int64_t now_ms) = 0;
    // Revokes every token of the family (sign-out of one session, or theft); returns how many
    // were still unrevoked.
    virtual int64_t revoke_refresh_family(const std::string& family) = 0;
    // Revokes every token of the account (sign out everywhere).
    virtual int64_t revoke_account_refresh_tokens(int64_t account_id) = 0;
    // The account's sessions: its current tokens (not rotated, not revoked, unexpired at
    // now_ms), newest first.
    virtual std::vector<RefreshTokenRecord> active_sessions(int64_t account_id, int64_t now_ms) = 0;
    // Deletes tokens that expired before now_ms; returns how many.
    virtual int64_t delete_expired_refresh_tokens(int64_t now_ms) = 0;

    // ---- miner logins ----
    // Links `login` to the account. Linking again to the same account keeps the first link;
    // a login linked to another account is an error (unlink it there first).
    virtual Expected<MinerLink> link_miner(int64_t account_id, const std::string& login,
                                           MinerLinkMethod method, int64_t now_ms) = 0;
    // False when the login was not linked to this account.
    virtual Expected<bool> unlink_miner(int64_t account_id, const std::string& login) = 0;
    // Sorted by login.
    virtual std::vector<MinerLink> linked_miners(int64_t account_id) = 0;
    virtual std::optional<MinerLink> miner_link(const std::string& login) = 0;
};

}  // namespace viddhana::store
