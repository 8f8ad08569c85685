// The schema's history, version by version (see schema.h for what each backend makes of it).
// Released versions are never edited: a change is a new version at the end.
#include "store/schema.h"

namespace viddhana::store {
namespace {

// Column builders, so each table below reads like its CREATE TABLE.
struct ColumnSpec {
    Column column;
    ColumnSpec(std::string name, ColumnType type) {
        column.name = std::move(name);
        column.type = type;
    }
    ColumnSpec& not_null() {
        column.not_null = true;
        return *this;
    }
    ColumnSpec& primary_key() {
        column.primary_key = true;
        return *this;
    }
    ColumnSpec& unique() {
        column.unique = true;
        return *this;
    }
    ColumnSpec& default_to(std::string value) {
        column.default_value = std::move(value);
        return *this;
    }
    ColumnSpec& check(std::string condition) {
        column.check = std::move(condition);
        return *this;
    }
    ColumnSpec& references(std::string target) {
        column.references = std::move(target);
        return *this;
    }
    operator Column() const { return column; }
};

ColumnSpec bigint(std::string name) {
    return {std::move(name), ColumnType::big_integer};
}
ColumnSpec integer(std::string name) {
    return {std::move(name), ColumnType::integer};
}
ColumnSpec smallint(std::string name) {
    return {std::move(name), ColumnType::small_integer};
}
ColumnSpec real(std::string name) {
    return {std::move(name), ColumnType::real};
}
ColumnSpec text(std::string name) {
    return {std::move(name), ColumnType::text};
}
// Keys and text that is ordered or range-compared: byte order on both backends.
ColumnSpec key(std::string name) {
    ColumnSpec c{std::move(name), ColumnType::text};
    c.column.bytewise = true;
    return c;
}
ColumnSpec row_id() {
    ColumnSpec c{"id", ColumnType::big_integer};
    c.column.row_id = true;
    c.column.primary_key = true;
    return c;
}

struct IndexSpec {
    Index index;
    IndexSpec& where(std::string condition) {
        index.where = std::move(condition);
        return *this;
    }
    IndexSpec& unique() {
        index.unique = true;
        return *this;
    }
    IndexSpec& only(SqlDialect dialect) {
        index.only = dialect;
        return *this;
    }
    operator Index() const { return index; }
};

Table table(std::string name, std::vector<Column> columns, std::vector<std::string> key = {},
            std::string partitioned_by_day = "") {
    Table t;
    t.name = std::move(name);
    t.columns = std::move(columns);
    t.primary_key = std::move(key);
    t.partitioned_by_day = std::move(partitioned_by_day);
    return t;
}

IndexSpec index(std::string name, std::string table, std::vector<std::string> columns) {
    IndexSpec i;
    i.index.name = std::move(name);
    i.index.table = std::move(table);
    i.index.columns = std::move(columns);
    return i;
}

std::vector<SchemaVersion> build_history() {
    const std::string kFlag = " IN (0, 1)";
    std::vector<SchemaVersion> h;

    h.push_back({1,
                 "share log and hashrate roll-ups",
                 {
                     table("miners",
                           {
                               key("login").primary_key(),
                               bigint("payout_threshold")
                                   .check("payout_threshold IS NULL OR payout_threshold >= 0"),
                               text("payout_address"),
                               bigint("created_ms").not_null(),
                           }),
                     table("workers",
                           {
                               key("login").not_null().references("miners(login)"),
                               key("name").not_null(),
                               bigint("first_seen_ms").not_null(),
                               bigint("last_seen_ms").not_null(),
                               bigint("last_share_ms"),
                           },
                           {"login", "name"}),
                     table("shares",
                           {
                               row_id(),
                               bigint("time_ms").not_null(),
                               key("login").not_null(),
                               key("worker").not_null(),
                               real("difficulty").not_null(),
                               real("actual_difficulty").not_null(),
                               smallint("result").not_null(),
                               bigint("height").not_null(),
                               real("network_difficulty").not_null(),
                               text("block_hash"),
                               text("ip").not_null(),
                               bigint("node_id").not_null(),
                               bigint("sequence").not_null(),
                           },
                           {}, "time_ms"),
                     // PostgreSQL's partition key (time_ms, id) orders the log; SQLite's index on
                     // time_ms does the same with its rowid.
                     index("shares_time", "shares", {"time_ms"}).only(SqlDialect::sqlite),
                     table("share_sources",
                           {
                               bigint("node_id").primary_key(),
                               bigint("last_sequence").not_null(),
                               bigint("updated_ms").not_null(),
                           }),
                     table("hashrate_worker_minute",
                           {
                               key("login").not_null(),
                               key("worker").not_null(),
                               bigint("minute_ms").not_null(),
                               real("accepted_difficulty").not_null(),
                               bigint("accepted").not_null(),
                               bigint("rejected").not_null(),
                           },
                           {"login", "worker", "minute_ms"}),
                     index("hashrate_worker_minute_time", "hashrate_worker_minute", {"minute_ms"}),
                     table("hashrate_miner_minute",
                           {
                               key("login").not_null(),
                               bigint("minute_ms").not_null(),
                               real("accepted_difficulty").not_null(),
                               bigint("accepted").not_null(),
                               bigint("rejected").not_null(),
                           },
                           {"login", "minute_ms"}),
                     index("hashrate_miner_minute_time", "hashrate_miner_minute", {"minute_ms"}),
                     table("hashrate_pool_minute",
                           {
                               bigint("minute_ms").primary_key(),
                               real("accepted_difficulty").not_null(),
                               bigint("accepted").not_null(),
                               bigint("rejected").not_null(),
                           }),
                 }});

    const std::string kScheme = "scheme IN ('pplns', 'pps', 'fpps', 'prop', 'solo')";
    h.push_back({2,
                 "blocks, rounds, balances and payments",
                 {
                     table("blocks",
                           {
                               row_id(),
                               bigint("height").not_null().check("height >= 0"),
                               key("hash").not_null().unique(),
                               text("status").not_null().check(
                                   "status IN ('pending', 'confirmed', 'orphaned')"),
                               bigint("confirmations").not_null().default_to("0"),
                               bigint("reward").not_null().check("reward >= 0"),
                               real("network_difficulty").not_null(),
                               real("effort").not_null(),
                               key("finder_login").not_null().references("miners(login)"),
                               key("finder_worker").not_null(),
                               bigint("found_ms").not_null(),
                               text("scheme").not_null().check(kScheme),
                               bigint("updated_ms").not_null(),
                           }),
                     index("blocks_found", "blocks", {"found_ms", "id"}),
                     index("blocks_status", "blocks", {"status", "found_ms", "id"}),
                     table("rounds",
                           {
                               row_id(),
                               bigint("block_id").not_null().unique().references("blocks(id)"),
                               text("scheme").not_null().check(kScheme),
                               real("window_target").not_null(),
                               real("window_counted").not_null(),
                               bigint("newest_share_ms"),
                               bigint("newest_share_id"),
                               bigint("boundary_share_ms"),
                               bigint("boundary_share_id"),
                               real("boundary_fraction").not_null(),
                               bigint("created_ms").not_null(),
                           }),
                     table("round_credits",
                           {
                               bigint("round_id").not_null().references("rounds(id)"),
                               key("login").not_null().references("miners(login)"),
                               real("share_difficulty").not_null(),
                               bigint("amount").not_null().check("amount >= 0"),
                               bigint("fee").not_null().check("fee >= 0"),
                           },
                           {"round_id", "login"}),
                     table("payments",
                           {
                               key("id").primary_key(),
                               key("login").not_null().references("miners(login)"),
                               text("address").not_null(),
                               bigint("amount").not_null().check("amount > 0"),
                               bigint("fee").not_null().check("fee >= 0"),
                               text("status").not_null().check(
                                   "status IN ('intent', 'sent', 'confirmed', 'failed', 'held')"),
                               text("txid"),
                               key("batch_id"),
                               text("error").not_null().default_to("''"),
                               bigint("created_ms").not_null(),
                               bigint("sent_ms"),
                               bigint("confirmed_ms"),
                               bigint("updated_ms").not_null(),
                           }),
                     index("payments_created", "payments", {"created_ms", "id"}),
                     index("payments_login", "payments", {"login", "created_ms"}),
                     index("payments_status", "payments", {"status"}),
                     index("payments_batch", "payments", {"batch_id"}),
                     table("balance_changes",
                           {
                               row_id(),
                               key("login").not_null().references("miners(login)"),
                               bigint("amount").not_null().check("amount <> 0"),
                               text("reason").not_null().check(
                                   "reason IN ('block_credit', 'fee', 'pps_credit', 'payment', "
                                   "'orphan_reversal', "
                                   "'adjustment')"),
                               bigint("block_id").references("blocks(id)"),
                               key("payment_id").references("payments(id)"),
                               text("memo").not_null().default_to("''"),
                               bigint("created_ms").not_null(),
                           }),
                     index("balance_changes_login", "balance_changes", {"login", "id"}),
                     index("balance_changes_block", "balance_changes", {"block_id"}),
                     index("balance_changes_payment", "balance_changes", {"payment_id"}),
                 }});

    h.push_back({3,
                 "events and pool state",
                 {
                     table("events",
                           {
                               row_id(),
                               key("kind").not_null(),
                               text("subject").not_null(),
                               text("severity")
                                   .not_null()
                                   .check("severity IN ('info', 'warning', 'critical')"),
                               text("message").not_null(),
                               bigint("created_ms").not_null(),
                           }),
                     index("events_created", "events", {"created_ms", "id"}),
                     index("events_kind", "events", {"kind", "created_ms"}),
                     table("pool_state",
                           {
                               key("key").primary_key(),
                               text("value").not_null(),
                               bigint("updated_ms").not_null(),
                           }),
                 }});

    h.push_back(
        {4,
         "ledger: block shares, crediting cursor, coinbase-paid rounds",
         {
             index("shares_block_hash", "shares", {"block_hash"}).where("block_hash IS NOT NULL"),
             // SQLite's share id is its rowid, already indexed.
             index("shares_id", "shares", {"id"}).only(SqlDialect::postgres),
             AddColumn{"rounds", smallint("paid_in_coinbase").not_null().default_to("0")},
         }});

    h.push_back(
        {5,
         "accounts, sign-in nonces, refresh tokens, account miner links",
         {
             table("accounts",
                   {
                       row_id(),
                       key("wallet_address")
                           .not_null()
                           .unique()
                           .check("wallet_address = lower(wallet_address)"),
                       bigint("created_ms").not_null(),
                       text("payout_address"),
                       text("totp_secret"),
                       smallint("totp_enabled")
                           .not_null()
                           .default_to("0")
                           .check("totp_enabled" + kFlag),
                       bigint("totp_last_step"),
                       integer("failed_attempts")
                           .not_null()
                           .default_to("0")
                           .check("failed_attempts >= 0"),
                       bigint("failed_window_start_ms").not_null().default_to("0"),
                       bigint("locked_until_ms"),
                   }),
             table("auth_nonces",
                   {
                       key("nonce").primary_key(),
                       key("address").not_null(),
                       bigint("issued_ms").not_null(),
                       bigint("expires_ms").not_null(),
                       bigint("used_ms"),
                   }),
             index("auth_nonces_expires", "auth_nonces", {"expires_ms"}),
             table("refresh_tokens",
                   {
                       key("hash").primary_key(),
                       key("family").not_null(),
                       bigint("account_id").not_null().references("accounts(id)"),
                       bigint("issued_ms").not_null(),
                       bigint("expires_ms").not_null(),
                       smallint("rotated").not_null().default_to("0").check("rotated" + kFlag),
                       smallint("revoked").not_null().default_to("0").check("revoked" + kFlag),
                       bigint("last_used_ms"),
                       text("user_agent").not_null().default_to("''"),
                       text("ip").not_null().default_to("''"),
                   }),
             index("refresh_tokens_family", "refresh_tokens", {"family"}),
             index("refresh_tokens_account", "refresh_tokens", {"account_id", "issued_ms"}),
             index("refresh_tokens_expires", "refresh_tokens", {"expires_ms"}),
             table("account_miners",
                   {
                       key("login").primary_key(),
                       bigint("account_id").not_null().references("accounts(id)"),
                       text("method").not_null().check("method IN ('signed_message', 'declared')"),
                       bigint("linked_ms").not_null(),
                   }),
             index("account_miners_account", "account_miners", {"account_id", "login"}),
         }});

    h.push_back({6,
                 "balance sums read from an index",
                 {
                     index("balance_changes_login_amount", "balance_changes",
                           {"login", "block_id", "amount"}),
                 }});

    h.push_back(
        {7,
         "when a miner's payout address last changed",
         {
             AddColumn{"miners", bigint("payout_address_changed_ms")},
             index("miners_payout_address_changed", "miners", {"payout_address_changed_ms"}),
         }});

    h.push_back(
        {8,
         "quarantine: records the store refused, kept with the reason",
         {
             table("quarantine",
                   {
                       row_id(),
                       text("kind").not_null().check("kind IN ('share', 'block', 'record')"),
                       key("subject").not_null(),
                       text("reason").not_null(),
                       text("payload").not_null(),
                       bigint("created_ms").not_null(),
                   }),
             index("quarantine_subject", "quarantine", {"kind", "subject"}).unique(),
         }});
    return h;
}

}  // namespace

const std::vector<SchemaVersion>& schema_history() {
    static const std::vector<SchemaVersion> history = build_history();
    return history;
}

}  // namespace viddhana::store
