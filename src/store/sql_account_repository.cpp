// Accounts, sign-in nonces, refresh tokens and miner links, in SQL common to both backends.
// Every conditional write is one UPDATE whose WHERE clause carries the condition, so two
// processes racing on the same row cannot both succeed (PostgreSQL re-checks the WHERE clause
// after waiting for the row lock; SQLite serialises writers).
#include <cctype>

#include "store/sql_repositories.h"

namespace viddhana::store {
namespace {

constexpr std::string_view kAccountColumns =
    "id, wallet_address, created_ms, payout_address, totp_secret, totp_enabled, totp_last_step, "
    "failed_attempts, failed_window_start_ms, locked_until_ms";
constexpr std::string_view kNonceColumns = "nonce, address, issued_ms, expires_ms, used_ms";
constexpr std::string_view kTokenColumns =
    "hash, family, account_id, issued_ms, expires_ms, rotated, revoked, last_used_ms, "
    "user_agent, ip";
constexpr std::string_view kLinkColumns = "login, account_id, method, linked_ms";

Account account_from_row(const SqlRow& r) {
    Account a;
    a.id = r.i64(0);
    a.wallet_address = r.text(1);
    a.created_ms = r.i64(2);
    a.payout_address = r.opt_text(3);
    a.totp_secret = r.opt_text(4);
    a.totp_enabled = r.i64(5) != 0;
    a.totp_last_step = r.opt_i64(6);
    a.lockout.failed_attempts = r.i64(7);
    a.lockout.window_start_ms = r.i64(8);
    a.lockout.locked_until_ms = r.opt_i64(9);
    return a;
}

AuthNonce nonce_from_row(const SqlRow& r) {
    return AuthNonce{r.text(0), r.text(1), r.i64(2), r.i64(3), r.opt_i64(4)};
}

RefreshTokenRecord token_from_row(const SqlRow& r) {
    RefreshTokenRecord t;
    t.hash = r.text(0);
    t.family = r.text(1);
    t.account_id = r.i64(2);
    t.issued_ms = r.i64(3);
    t.expires_ms = r.i64(4);
    t.rotated = r.i64(5) != 0;
    t.revoked = r.i64(6) != 0;
    t.last_used_ms = r.opt_i64(7);
    t.user_agent = r.text(8);
    t.ip = r.text(9);
    return t;
}

MinerLink link_from_row(const SqlRow& r) {
    MinerLink l;
    l.login = r.text(0);
    l.account_id = r.i64(1);
    l.method =
        r.text(2) == "declared" ? MinerLinkMethod::declared : MinerLinkMethod::signed_message;
    l.linked_ms = r.i64(3);
    return l;
}

// "0x" + 40 hex digits, returned lower-case.
Expected<std::string> normalise_wallet(const std::string& address) {
    if (address.size() != 42 || address[0] != '0' || (address[1] != 'x' && address[1] != 'X')) {
        return make_error("wallet address '" + address + "' is not 0x followed by 40 hex digits");
    }
    std::string out = "0x";
    for (size_t i = 2; i < address.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(address[i]);
        if (!std::isxdigit(c)) {
            return make_error("wallet address '" + address + "' contains a non-hex character");
        }
        out += static_cast<char>(std::tolower(c));
    }
    return out;
}

std::optional<Account> load_account(SqlSession& s, int64_t id) {
    auto row = s.query_one(
        "SELECT " + std::string(kAccountColumns) + " FROM accounts WHERE id = $1", {id});
    if (!row) return std::nullopt;
    return account_from_row(*row);
}

Error unknown_account(int64_t id) {
    return make_error("unknown account " + std::to_string(id));
}

Expected<Account> reload(SqlSession& s, int64_t id) {
    auto a = load_account(s, id);
    if (!a) return unknown_account(id);
    return *a;
}

bool account_exists(SqlSession& s, int64_t id) {
    return s.query_one("SELECT 1 FROM accounts WHERE id = $1", {id}).has_value();
}

std::optional<Error> check_text(const std::string& value, std::string_view what, size_t max) {
    if (value.empty()) return make_error(std::string(what) + " is empty");
    if (value.size() > max) {
        return make_error(std::string(what) + " is longer than " + std::to_string(max) +
                          " characters");
    }
    for (unsigned char c : value) {
        if (std::isspace(c) || std::iscntrl(c)) {
            return make_error(std::string(what) + " contains whitespace");
        }
    }
    return std::nullopt;
}

}  // namespace

std::string_view to_string(MinerLinkMethod method) {
    return method == MinerLinkMethod::declared ? "declared" : "signed_message";
}

// ---- accounts ---------------------------------------------------------------------------------

Expected<Account> SqlAccountRepository::find_or_create_account(const std::string& wallet_address,
                                                               int64_t now_ms) {
    auto wallet = normalise_wallet(wallet_address);
    if (!wallet) return wallet.error();
    auto s = db_.write();
    s->execute(
        "INSERT INTO accounts (wallet_address, created_ms) VALUES ($1, $2) "
        "ON CONFLICT (wallet_address) DO NOTHING",
        {*wallet, now_ms});
    auto row = s->query_one(
        "SELECT " + std::string(kAccountColumns) + " FROM accounts WHERE wallet_address = $1",
        {*wallet});
    return account_from_row(*row);
}

std::optional<Account> SqlAccountRepository::find_account(int64_t id) {
    auto s = db_.read();
    return load_account(*s, id);
}

std::optional<Account> SqlAccountRepository::find_account_by_wallet(
    const std::string& wallet_address) {
    auto wallet = normalise_wallet(wallet_address);
    if (!wallet) return std::nullopt;
    auto s = db_.read();
    auto row = s->query_one(
        "SELECT " + std::string(kAccountColumns) + " FROM accounts WHERE wallet_address = $1",
        {*wallet});
    if (!row) return std::nullopt;
    return account_from_row(*row);
}

Expected<Account> SqlAccountRepository::set_payout_address(int64_t account_id,
                                                           std::optional<std::string> address) {
    if (address) {
        if (auto error = check_text(*address, "payout address", 128)) return *error;
    }
    auto s = db_.write();
    if (s->execute("UPDATE accounts SET payout_address = $2 WHERE id = $1",
                   {account_id, address}) == 0) {
        return unknown_account(account_id);
    }
    return reload(*s, account_id);
}

// ---- two-factor authentication ----------------------------------------------------------------

Expected<Account> SqlAccountRepository::begin_totp_enrolment(int64_t account_id,
                                                             const std::string& secret_base32) {
    if (auto error = check_text(secret_base32, "TOTP secret", 128)) return *error;
    auto s = db_.write();
    SqlTransaction tx(*s);
    auto current = load_account(*s, account_id);
    if (!current) return unknown_account(account_id);
    if (current->totp_enabled) {
        return make_error("two-factor authentication is already enabled; disable it first");
    }
    s->execute(
        "UPDATE accounts SET totp_secret = $2, totp_enabled = 0, totp_last_step = NULL "
        "WHERE id = $1",
        {account_id, secret_base32});
    auto out = reload(*s, account_id);
    tx.commit();
    return out;
}

Expected<Account> SqlAccountRepository::enable_totp(int64_t account_id, int64_t step) {
    auto s = db_.write();
    SqlTransaction tx(*s);
    auto current = load_account(*s, account_id);
    if (!current) return unknown_account(account_id);
    if (!current->totp_secret) {
        return make_error("two-factor enrolment was not started (no secret stored)");
    }
    s->execute("UPDATE accounts SET totp_enabled = 1, totp_last_step = $2 WHERE id = $1",
               {account_id, step});
    auto out = reload(*s, account_id);
    tx.commit();
    return out;
}

Expected<Account> SqlAccountRepository::disable_totp(int64_t account_id) {
    auto s = db_.write();
    if (s->execute("UPDATE accounts SET totp_enabled = 0, totp_secret = NULL, totp_last_step = "
                   "NULL WHERE id = $1",
                   {account_id}) == 0) {
        return unknown_account(account_id);
    }
    return reload(*s, account_id);
}

Expected<bool> SqlAccountRepository::advance_totp_step(int64_t account_id, int64_t step) {
    auto s = db_.write();
    int64_t changed = s->execute(
        "UPDATE accounts SET totp_last_step = $2 WHERE id = $1 AND "
        "(totp_last_step IS NULL OR totp_last_step < $2)",
        {account_id, step});
    if (changed == 1) return true;
    if (!account_exists(*s, account_id)) return unknown_account(account_id);
    return false;
}

// ---- lockout ---------------------------------------------------------------------------------

Expected<bool> SqlAccountRepository::compare_and_set_lockout(int64_t account_id,
                                                             const AccountLockout& expected,
                                                             const AccountLockout& next) {
    if (next.failed_attempts < 0) return make_error("failed attempts must be >= 0");
    auto s = db_.write();
    int64_t changed = s->execute(
        "UPDATE accounts SET failed_attempts = $2, failed_window_start_ms = $3, "
        "locked_until_ms = $4 WHERE id = $1 AND failed_attempts = $5 AND "
        "failed_window_start_ms = $6 AND locked_until_ms IS NOT DISTINCT FROM $7",
        {account_id, next.failed_attempts, next.window_start_ms, next.locked_until_ms,
         expected.failed_attempts, expected.window_start_ms, expected.locked_until_ms});
    if (changed == 1) return true;
    if (!account_exists(*s, account_id)) return unknown_account(account_id);
    return false;
}

// ---- sign-in nonces ---------------------------------------------------------------------------

Expected<AuthNonce> SqlAccountRepository::add_nonce(const AuthNonce& nonce) {
    if (auto error = check_text(nonce.nonce, "nonce", 128)) return *error;
    auto wallet = normalise_wallet(nonce.address);
    if (!wallet) return wallet.error();
    if (nonce.expires_ms <= nonce.issued_ms) {
        return make_error("nonce expires at or before it is issued");
    }
    auto s = db_.write();
    if (s->execute("INSERT INTO auth_nonces (nonce, address, issued_ms, expires_ms) VALUES ($1, "
                   "$2, $3, $4) ON CONFLICT (nonce) DO NOTHING",
                   {nonce.nonce, *wallet, nonce.issued_ms, nonce.expires_ms}) == 0) {
        return make_error("nonce '" + nonce.nonce + "' exists already");
    }
    return AuthNonce{nonce.nonce, *wallet, nonce.issued_ms, nonce.expires_ms, std::nullopt};
}

std::optional<AuthNonce> SqlAccountRepository::find_nonce(const std::string& nonce) {
    auto s = db_.read();
    auto row = s->query_one(
        "SELECT " + std::string(kNonceColumns) + " FROM auth_nonces WHERE nonce = $1", {nonce});
    if (!row) return std::nullopt;
    return nonce_from_row(*row);
}

Expected<bool> SqlAccountRepository::consume_nonce(const std::string& nonce,
                                                   const std::string& address, int64_t now_ms) {
    auto wallet = normalise_wallet(address);
    if (!wallet) return wallet.error();
    auto s = db_.write();
    return s->execute(
               "UPDATE auth_nonces SET used_ms = $3 WHERE nonce = $1 AND address = $2 AND "
               "used_ms IS NULL AND expires_ms > $3",
               {nonce, *wallet, now_ms}) == 1;
}

int64_t SqlAccountRepository::delete_expired_nonces(int64_t now_ms) {
    auto s = db_.write();
    return s->execute("DELETE FROM auth_nonces WHERE expires_ms < $1", {now_ms});
}

// ---- refresh tokens --------------------------------------------------------------------------

namespace {

std::optional<Error> check_new_token(const NewRefreshTokenRecord& t) {
    if (t.hash.size() != 64) return make_error("refresh token hash must be 64 hex digits");
    if (t.expires_ms <= t.issued_ms) {
        return make_error("refresh token expires at or before it is issued");
    }
    if (t.user_agent.size() > 512) return make_error("user agent is longer than 512 characters");
    if (t.ip.size() > 64) return make_error("ip is longer than 64 characters");
    return std::nullopt;
}

void insert_token(SqlSession& s, const NewRefreshTokenRecord& t) {
    s.execute(
        "INSERT INTO refresh_tokens (hash, family, account_id, issued_ms, expires_ms, "
        "user_agent, ip) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {t.hash, t.family, t.account_id, t.issued_ms, t.expires_ms, t.user_agent, t.ip});
}

std::optional<RefreshTokenRecord> load_token(SqlSession& s, const std::string& hash) {
    auto row = s.query_one(
        "SELECT " + std::string(kTokenColumns) + " FROM refresh_tokens WHERE hash = $1", {hash});
    if (!row) return std::nullopt;
    return token_from_row(*row);
}

}  // namespace

Expected<RefreshTokenRecord> SqlAccountRepository::add_refresh_token(
    const NewRefreshTokenRecord& token) {
    if (auto error = check_new_token(token)) return *error;
    if (auto error = check_text(token.family, "refresh token family", 128)) return *error;
    auto s = db_.write();
    SqlTransaction tx(*s);
    if (!account_exists(*s, token.account_id)) return unknown_account(token.account_id);
    if (load_token(*s, token.hash)) return make_error("refresh token exists already");
    insert_token(*s, token);
    auto out = *load_token(*s, token.hash);
    tx.commit();
    return out;
}

std::optional<RefreshTokenRecord> SqlAccountRepository::find_refresh_token(
    const std::string& hash) {
    auto s = db_.read();
    return load_token(*s, hash);
}

Expected<bool> SqlAccountRepository::rotate_refresh_token(const std::string& old_hash,
                                                          const NewRefreshTokenRecord& next,
                                                          int64_t now_ms) {
    if (auto error = check_new_token(next)) return *error;
    if (next.hash == old_hash) return make_error("the new refresh token equals the old one");
    auto s = db_.write();
    SqlTransaction tx(*s);
    auto row = s->query_one(
        "UPDATE refresh_tokens SET rotated = 1, last_used_ms = $2 WHERE hash = $1 AND "
        "rotated = 0 AND revoked = 0 AND expires_ms > $2 RETURNING family, account_id",
        {old_hash, now_ms});
    if (!row) return false;
    NewRefreshTokenRecord stored = next;
    stored.family = row->text(0);
    stored.account_id = row->i64(1);
    insert_token(*s, stored);
    tx.commit();
    return true;
}

int64_t SqlAccountRepository::revoke_refresh_family(const std::string& family) {
    auto s = db_.write();
    return s->execute("UPDATE refresh_tokens SET revoked = 1 WHERE family = $1 AND revoked = 0",
                      {family});
}

int64_t SqlAccountRepository::revoke_account_refresh_tokens(int64_t account_id) {
    auto s = db_.write();
    return s->execute("UPDATE refresh_tokens SET revoked = 1 WHERE account_id = $1 AND revoked = 0",
                      {account_id});
}

std::vector<RefreshTokenRecord> SqlAccountRepository::active_sessions(int64_t account_id,
                                                                      int64_t now_ms) {
    auto s = db_.read();
    std::vector<RefreshTokenRecord> out;
    for (const auto& row : s->query("SELECT " + std::string(kTokenColumns) +
                                        " FROM refresh_tokens WHERE account_id = $1 AND "
                                        "rotated = 0 AND revoked = 0 AND expires_ms > $2 "
                                        "ORDER BY issued_ms DESC, hash",
                                    {account_id, now_ms})) {
        out.push_back(token_from_row(row));
    }
    return out;
}

int64_t SqlAccountRepository::delete_expired_refresh_tokens(int64_t now_ms) {
    auto s = db_.write();
    return s->execute("DELETE FROM refresh_tokens WHERE expires_ms < $1", {now_ms});
}

// ---- miner logins ----------------------------------------------------------------------------

Expected<MinerLink> SqlAccountRepository::link_miner(int64_t account_id, const std::string& login,
                                                     MinerLinkMethod method, int64_t now_ms) {
    if (auto error = check_login(login)) return *error;
    auto s = db_.write();
    SqlTransaction tx(*s);
    if (!account_exists(*s, account_id)) return unknown_account(account_id);
    s->execute(
        "INSERT INTO account_miners (login, account_id, method, linked_ms) VALUES ($1, $2, $3, "
        "$4) ON CONFLICT (login) DO NOTHING",
        {login, account_id, to_string(method), now_ms});
    auto row = s->query_one(
        "SELECT " + std::string(kLinkColumns) + " FROM account_miners WHERE login = $1", {login});
    MinerLink link = link_from_row(*row);
    if (link.account_id != account_id) {
        return make_error("miner login '" + login + "' is linked to another account");
    }
    tx.commit();
    return link;
}

Expected<bool> SqlAccountRepository::unlink_miner(int64_t account_id, const std::string& login) {
    auto s = db_.write();
    return s->execute("DELETE FROM account_miners WHERE login = $1 AND account_id = $2",
                      {login, account_id}) == 1;
}

std::vector<MinerLink> SqlAccountRepository::linked_miners(int64_t account_id) {
    auto s = db_.read();
    std::vector<MinerLink> out;
    for (const auto& row : s->query("SELECT " + std::string(kLinkColumns) +
                                        " FROM account_miners WHERE account_id = $1 ORDER BY login",
                                    {account_id})) {
        out.push_back(link_from_row(row));
    }
    return out;
}

std::optional<MinerLink> SqlAccountRepository::miner_link(const std::string& login) {
    auto s = db_.read();
    auto row = s->query_one(
        "SELECT " + std::string(kLinkColumns) + " FROM account_miners WHERE login = $1", {login});
    if (!row) return std::nullopt;
    return link_from_row(*row);
}

}  // namespace viddhana::store
