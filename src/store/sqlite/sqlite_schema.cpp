// The SQLite schema, as forward-only migrations. Times are Unix milliseconds (BIGINT), amounts
// base units (BIGINT), difficulty DOUBLE PRECISION (REAL affinity). Mirrors postgres/pg_schema.cpp
// except for the share table (plain, with a time index) and identity columns (INTEGER PRIMARY KEY).
#include "store/sqlite/sqlite_store.h"

namespace viddhana::store {

std::vector<Migration> sqlite_migrations() {
    return {
        {1, "share log and hashrate roll-ups", R"sql(
CREATE TABLE miners (
    login TEXT PRIMARY KEY,
    payout_threshold BIGINT CHECK (payout_threshold IS NULL OR payout_threshold >= 0),
    payout_address TEXT,
    created_ms BIGINT NOT NULL
);
CREATE TABLE workers (
    login TEXT NOT NULL REFERENCES miners(login),
    name TEXT NOT NULL,
    first_seen_ms BIGINT NOT NULL,
    last_seen_ms BIGINT NOT NULL,
    last_share_ms BIGINT,
    PRIMARY KEY (login, name)
);
CREATE TABLE shares (
    id INTEGER PRIMARY KEY,
    time_ms BIGINT NOT NULL,
    login TEXT NOT NULL,
    worker TEXT NOT NULL,
    difficulty DOUBLE PRECISION NOT NULL,
    actual_difficulty DOUBLE PRECISION NOT NULL,
    result SMALLINT NOT NULL,
    height BIGINT NOT NULL,
    network_difficulty DOUBLE PRECISION NOT NULL,
    block_hash TEXT,
    ip TEXT NOT NULL,
    node_id BIGINT NOT NULL,
    sequence BIGINT NOT NULL
);
-- (time_ms, rowid): the PPLNS walk reads it backwards.
CREATE INDEX shares_time ON shares (time_ms);
CREATE TABLE share_sources (
    node_id BIGINT PRIMARY KEY,
    last_sequence BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL
);
CREATE TABLE hashrate_worker_minute (
    login TEXT NOT NULL,
    worker TEXT NOT NULL,
    minute_ms BIGINT NOT NULL,
    accepted_difficulty DOUBLE PRECISION NOT NULL,
    accepted BIGINT NOT NULL,
    rejected BIGINT NOT NULL,
    PRIMARY KEY (login, worker, minute_ms)
);
CREATE INDEX hashrate_worker_minute_time ON hashrate_worker_minute (minute_ms);
CREATE TABLE hashrate_miner_minute (
    login TEXT NOT NULL,
    minute_ms BIGINT NOT NULL,
    accepted_difficulty DOUBLE PRECISION NOT NULL,
    accepted BIGINT NOT NULL,
    rejected BIGINT NOT NULL,
    PRIMARY KEY (login, minute_ms)
);
CREATE INDEX hashrate_miner_minute_time ON hashrate_miner_minute (minute_ms);
CREATE TABLE hashrate_pool_minute (
    minute_ms BIGINT PRIMARY KEY,
    accepted_difficulty DOUBLE PRECISION NOT NULL,
    accepted BIGINT NOT NULL,
    rejected BIGINT NOT NULL
);
)sql"},
        {2, "blocks, rounds, balances and payments", R"sql(
CREATE TABLE blocks (
    id INTEGER PRIMARY KEY,
    height BIGINT NOT NULL CHECK (height >= 0),
    hash TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'orphaned')),
    confirmations BIGINT NOT NULL DEFAULT 0,
    reward BIGINT NOT NULL CHECK (reward >= 0),
    network_difficulty DOUBLE PRECISION NOT NULL,
    effort DOUBLE PRECISION NOT NULL,
    finder_login TEXT NOT NULL REFERENCES miners(login),
    finder_worker TEXT NOT NULL,
    found_ms BIGINT NOT NULL,
    scheme TEXT NOT NULL CHECK (scheme IN ('pplns', 'pps', 'fpps', 'prop', 'solo')),
    updated_ms BIGINT NOT NULL
);
CREATE INDEX blocks_found ON blocks (found_ms, id);
CREATE INDEX blocks_status ON blocks (status, found_ms, id);
CREATE TABLE rounds (
    id INTEGER PRIMARY KEY,
    block_id BIGINT NOT NULL UNIQUE REFERENCES blocks(id),
    scheme TEXT NOT NULL CHECK (scheme IN ('pplns', 'pps', 'fpps', 'prop', 'solo')),
    window_target DOUBLE PRECISION NOT NULL,
    window_counted DOUBLE PRECISION NOT NULL,
    newest_share_ms BIGINT,
    newest_share_id BIGINT,
    boundary_share_ms BIGINT,
    boundary_share_id BIGINT,
    boundary_fraction DOUBLE PRECISION NOT NULL,
    created_ms BIGINT NOT NULL
);
CREATE TABLE round_credits (
    round_id BIGINT NOT NULL REFERENCES rounds(id),
    login TEXT NOT NULL REFERENCES miners(login),
    share_difficulty DOUBLE PRECISION NOT NULL,
    amount BIGINT NOT NULL CHECK (amount >= 0),
    fee BIGINT NOT NULL CHECK (fee >= 0),
    PRIMARY KEY (round_id, login)
);
CREATE TABLE payments (
    id TEXT PRIMARY KEY,
    login TEXT NOT NULL REFERENCES miners(login),
    address TEXT NOT NULL,
    amount BIGINT NOT NULL CHECK (amount > 0),
    fee BIGINT NOT NULL CHECK (fee >= 0),
    status TEXT NOT NULL CHECK (status IN ('intent', 'sent', 'confirmed', 'failed', 'held')),
    txid TEXT,
    batch_id TEXT,
    error TEXT NOT NULL DEFAULT '',
    created_ms BIGINT NOT NULL,
    sent_ms BIGINT,
    confirmed_ms BIGINT,
    updated_ms BIGINT NOT NULL
);
CREATE INDEX payments_created ON payments (created_ms, id);
CREATE INDEX payments_login ON payments (login, created_ms);
CREATE INDEX payments_status ON payments (status);
CREATE INDEX payments_batch ON payments (batch_id);
CREATE TABLE balance_changes (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL REFERENCES miners(login),
    amount BIGINT NOT NULL CHECK (amount <> 0),
    reason TEXT NOT NULL CHECK (reason IN ('block_credit', 'fee', 'pps_credit', 'payment',
                                           'orphan_reversal', 'adjustment')),
    block_id BIGINT REFERENCES blocks(id),
    payment_id TEXT REFERENCES payments(id),
    memo TEXT NOT NULL DEFAULT '',
    created_ms BIGINT NOT NULL
);
CREATE INDEX balance_changes_login ON balance_changes (login, id);
CREATE INDEX balance_changes_block ON balance_changes (block_id);
CREATE INDEX balance_changes_payment ON balance_changes (payment_id);
)sql"},
        {3, "events and pool state", R"sql(
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    message TEXT NOT NULL,
    created_ms BIGINT NOT NULL
);
CREATE INDEX events_created ON events (created_ms, id);
CREATE INDEX events_kind ON events (kind, created_ms);
CREATE TABLE pool_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_ms BIGINT NOT NULL
);
)sql"},
        {4, "ledger: block shares, crediting cursor, coinbase-paid rounds", R"sql(
CREATE INDEX shares_block_hash ON shares (block_hash) WHERE block_hash IS NOT NULL;
ALTER TABLE rounds ADD COLUMN paid_in_coinbase SMALLINT NOT NULL DEFAULT 0;
)sql"},
        {5, "accounts, sign-in nonces, refresh tokens, account miner links", R"sql(
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    wallet_address TEXT NOT NULL UNIQUE CHECK (wallet_address = lower(wallet_address)),
    created_ms BIGINT NOT NULL,
    payout_address TEXT,
    totp_secret TEXT,
    totp_enabled SMALLINT NOT NULL DEFAULT 0 CHECK (totp_enabled IN (0, 1)),
    totp_last_step BIGINT,
    failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    failed_window_start_ms BIGINT NOT NULL DEFAULT 0,
    locked_until_ms BIGINT
);
CREATE TABLE auth_nonces (
    nonce TEXT PRIMARY KEY,
    address TEXT NOT NULL,
    issued_ms BIGINT NOT NULL,
    expires_ms BIGINT NOT NULL,
    used_ms BIGINT
);
CREATE INDEX auth_nonces_expires ON auth_nonces (expires_ms);
CREATE TABLE refresh_tokens (
    hash TEXT PRIMARY KEY,
    family TEXT NOT NULL,
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    issued_ms BIGINT NOT NULL,
    expires_ms BIGINT NOT NULL,
    rotated SMALLINT NOT NULL DEFAULT 0 CHECK (rotated IN (0, 1)),
    revoked SMALLINT NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
    last_used_ms BIGINT,
    user_agent TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family);
CREATE INDEX refresh_tokens_account ON refresh_tokens (account_id, issued_ms);
CREATE INDEX refresh_tokens_expires ON refresh_tokens (expires_ms);
CREATE TABLE account_miners (
    login TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    method TEXT NOT NULL CHECK (method IN ('signed_message', 'declared')),
    linked_ms BIGINT NOT NULL
);
CREATE INDEX account_miners_account ON account_miners (account_id, login);
)sql"},
        {6, "balance sums read from an index", R"sql(
CREATE INDEX balance_changes_login_amount ON balance_changes (login, block_id, amount);
)sql"},
        {7, "when a miner's payout address last changed", R"sql(
ALTER TABLE miners ADD COLUMN payout_address_changed_ms BIGINT;
CREATE INDEX miners_payout_address_changed ON miners (payout_address_changed_ms);
)sql"},
    };
}

}  // namespace viddhana::store
