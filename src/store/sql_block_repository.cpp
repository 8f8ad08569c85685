// Blocks and rounds, in SQL common to both backends.
#include <cmath>
#include <set>

#include "store/sql_repositories.h"

namespace viddhana::store {
namespace {

constexpr std::string_view kBlockSelect =
    "SELECT b.id, b.height, b.hash, b.status, b.confirmations, b.reward, b.network_difficulty, "
    "b.effort, b.finder_login, b.finder_worker, b.found_ms, b.scheme, b.updated_ms, r.id "
    "FROM blocks b LEFT JOIN rounds r ON r.block_id = b.id ";

Block block_from_row(const SqlRow& r) {
    Block b;
    b.id = r.i64(0);
    b.height = r.i64(1);
    b.hash = r.text(2);
    auto status = parse_block_status(r.text(3));
    b.status = status ? *status : BlockStatus::pending;
    b.confirmations = r.i64(4);
    b.reward = r.i64(5);
    b.network_difficulty = r.f64(6);
    b.effort = r.f64(7);
    b.finder_login = r.text(8);
    b.finder_worker = r.text(9);
    b.found_ms = r.i64(10);
    auto scheme = ledger::payout::parse_scheme(r.text(11));
    b.scheme = scheme ? *scheme : ledger::payout::SchemeKind::pplns;
    b.updated_ms = r.i64(12);
    b.round_id = r.opt_i64(13);
    return b;
}

std::optional<Block> load_block(SqlSession& s, int64_t id) {
    auto row = s.query_one(std::string(kBlockSelect) + "WHERE b.id = $1", {id});
    if (!row) return std::nullopt;
    return block_from_row(*row);
}

Error unknown_block(int64_t id) {
    return make_error("unknown block id " + std::to_string(id));
}

Error not_pending(const Block& b, std::string_view action) {
    return make_error("block " + std::to_string(b.id) + " is " + std::string(to_string(b.status)) +
                      ", only a pending block can be " + std::string(action));
}

bool finite_non_negative(double d) {
    return std::isfinite(d) && d >= 0;
}

}  // namespace

// The one place a found block's record becomes a row.
Expected<Block> SqlBlockRepository::add_block(const bus::FoundBlock& block,
                                              ledger::payout::SchemeKind scheme) {
    if (block.height < 0) return make_error("block height must be >= 0");
    if (block.hash.empty() || block.hash.size() > 128) {
        return make_error("block hash must be 1..128 characters");
    }
    if (block.reward < 0) return make_error("block reward must be >= 0");
    if (!finite_non_negative(block.network_difficulty)) {
        return make_error("block network difficulty must be a finite number >= 0");
    }
    if (auto error = check_login(block.finder_login)) return *error;
    if (block.found_ms <= 0) return make_error("block found time must be positive");
    auto s = db_.write();
    SqlTransaction tx(*s);
    if (s->query_one("SELECT id FROM blocks WHERE hash = $1", {block.hash})) {
        return make_error("block " + block.hash + " is already stored");
    }
    // The finder's shares may still be on their way to the share log.
    s->execute(
        "INSERT INTO miners (login, created_ms) VALUES ($1, $2) ON CONFLICT (login) DO NOTHING",
        {block.finder_login, block.found_ms});
    auto row = s->query_one(
        "INSERT INTO blocks (height, hash, status, confirmations, reward, network_difficulty, "
        "effort, finder_login, finder_worker, found_ms, scheme, updated_ms) VALUES ($1, $2, "
        "'pending', 0, $3, $4, 0, $5, $6, $7, $8, $7) RETURNING id",
        {block.height, block.hash, block.reward, block.network_difficulty, block.finder_login,
         block.finder_worker, block.found_ms, ledger::payout::to_string(scheme)});
    auto stored = load_block(*s, row->i64(0));
    tx.commit();
    return *stored;
}

std::optional<Block> SqlBlockRepository::find_block(int64_t id) {
    auto s = db_.read();
    return load_block(*s, id);
}

std::optional<Block> SqlBlockRepository::find_block_by_hash(const std::string& hash) {
    auto s = db_.read();
    auto row = s->query_one(std::string(kBlockSelect) + "WHERE b.hash = $1", {hash});
    if (!row) return std::nullopt;
    return block_from_row(*row);
}

Expected<std::vector<Block>> SqlBlockRepository::blocks(Page page,
                                                        std::optional<BlockStatus> status) {
    auto valid = validate(page);
    if (!valid) return valid.error();
    std::string sql(kBlockSelect);
    std::vector<SqlValue> params;
    if (status) {
        params.emplace_back(std::string(to_string(*status)));
        sql += "WHERE b.status = $1";
    }
    append_page(sql, params, page, "b.found_ms", "b.id", status.has_value());
    auto s = db_.read();
    SqlRows rows = s->query(sql, SqlParams(params.data(), params.size()));
    std::vector<Block> out;
    for (const auto& row : rows)
        out.push_back(block_from_row(row));
    return out;
}

Expected<Block> SqlBlockRepository::update_confirmations(int64_t block_id, int64_t confirmations,
                                                         int64_t now_ms) {
    if (confirmations < 0) return make_error("confirmations must be >= 0");
    auto s = db_.write();
    SqlTransaction tx(*s);
    auto block = load_block(*s, block_id);
    if (!block) return unknown_block(block_id);
    if (block->status != BlockStatus::pending) return not_pending(*block, "updated");
    s->execute("UPDATE blocks SET confirmations = $2, updated_ms = $3 WHERE id = $1",
               {block_id, confirmations, now_ms});
    auto stored = load_block(*s, block_id);
    tx.commit();
    return *stored;
}

Expected<Block> SqlBlockRepository::mark_confirmed(int64_t block_id, int64_t confirmations,
                                                   int64_t now_ms) {
    if (confirmations < 0) return make_error("confirmations must be >= 0");
    auto s = db_.write();
    SqlTransaction tx(*s);
    auto block = load_block(*s, block_id);
    if (!block) return unknown_block(block_id);
    if (block->status != BlockStatus::pending) return not_pending(*block, "confirmed");
    s->execute(
        "UPDATE blocks SET status = 'confirmed', confirmations = $2, updated_ms = $3 WHERE id = $1",
        {block_id, confirmations, now_ms});
    auto stored = load_block(*s, block_id);
    tx.commit();
    return *stored;
}

Expected<Block> SqlBlockRepository::mark_orphaned(int64_t block_id, int64_t now_ms) {
    auto s = db_.write();
    SqlTransaction tx(*s);
    auto block = load_block(*s, block_id);
    if (!block) return unknown_block(block_id);
    if (block->status != BlockStatus::pending) return not_pending(*block, "orphaned");
    s->execute("UPDATE blocks SET status = 'orphaned', updated_ms = $2 WHERE id = $1",
               {block_id, now_ms});
    s->execute(
        "INSERT INTO balance_changes (login, amount, reason, block_id, memo, created_ms) "
        "SELECT login, -SUM(amount), 'orphan_reversal', CAST($1 AS BIGINT), 'block orphaned', "
        "CAST($2 AS BIGINT) FROM balance_changes WHERE block_id = $1 GROUP BY login "
        "HAVING SUM(amount) <> 0 ORDER BY login",
        {block_id, now_ms});
    auto stored = load_block(*s, block_id);
    tx.commit();
    return *stored;
}

Expected<Round> SqlBlockRepository::record_round(const NewRound& round) {
    if (!finite_non_negative(round.window_target) || !finite_non_negative(round.window_counted)) {
        return make_error("round window target and counted difficulty must be finite and >= 0");
    }
    if (!finite_non_negative(round.boundary_fraction) || round.boundary_fraction > 1) {
        return make_error("round boundary fraction must be within 0..1");
    }
    int64_t credited = 0;
    std::set<std::string> logins;
    for (const auto& c : round.credits) {
        if (auto error = check_login(c.login)) return *error;
        if (!logins.insert(c.login).second) {
            return make_error("round credits miner '" + c.login + "' twice");
        }
        if (c.amount < 0 || c.fee < 0) {
            return make_error("round credit for '" + c.login + "' has a negative amount or fee");
        }
        if (c.fee > c.amount) {
            return make_error("round credit for '" + c.login + "' charges a fee above its amount");
        }
        if (!finite_non_negative(c.share_difficulty)) {
            return make_error("round credit for '" + c.login + "' has a bad share difficulty");
        }
        if (c.amount > INT64_MAX - credited) return make_error("round credits overflow");
        credited += c.amount;
    }
    auto s = db_.write();
    SqlTransaction tx(*s);
    auto block = load_block(*s, round.block_id);
    if (!block) return unknown_block(round.block_id);
    if (block->status == BlockStatus::orphaned) {
        return make_error("block " + std::to_string(block->id) + " is orphaned; it credits nobody");
    }
    if (block->round_id) {
        return make_error("block " + std::to_string(block->id) + " already has a round");
    }
    if (credited > block->reward) {
        return make_error("round credits " + std::to_string(credited) +
                          " exceed the block reward " + std::to_string(block->reward));
    }
    for (const auto& login : logins) {
        if (!miner_exists(*s, login)) return make_error("unknown miner '" + login + "'");
    }
    auto row = s->query_one(
        "INSERT INTO rounds (block_id, scheme, window_target, window_counted, newest_share_ms, "
        "newest_share_id, boundary_share_ms, boundary_share_id, boundary_fraction, created_ms) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        {round.block_id, ledger::payout::to_string(round.scheme), round.window_target,
         round.window_counted, round.newest ? SqlValue(round.newest->time_ms) : SqlValue(),
         round.newest ? SqlValue(round.newest->id) : SqlValue(),
         round.boundary ? SqlValue(round.boundary->time_ms) : SqlValue(),
         round.boundary ? SqlValue(round.boundary->id) : SqlValue(), round.boundary_fraction,
         round.created_ms});
    int64_t round_id = row->i64(0);
    const auto& credits = round.credits;
    if (!finite_non_negative(round.effort))
        return make_error("round effort must be finite and >= 0");
    s->execute("UPDATE blocks SET effort = $1 WHERE id = $2", {round.effort, round.block_id});
    s->execute("UPDATE rounds SET paid_in_coinbase = $1 WHERE id = $2",
               {static_cast<int64_t>(round.paid_in_coinbase ? 1 : 0), round_id});
    execute_rows(*s, "INSERT INTO round_credits (round_id, login, share_difficulty, amount, fee)",
                 "", 5, credits.size(), [&](size_t i, std::vector<SqlValue>& out) {
                     out.emplace_back(round_id);
                     out.emplace_back(credits[i].login);
                     out.emplace_back(credits[i].share_difficulty);
                     out.emplace_back(credits[i].amount);
                     out.emplace_back(credits[i].fee);
                 });
    struct Row {
        const std::string* login;
        int64_t amount;
        const char* reason;
    };
    std::vector<Row> changes;
    // Paid in the coinbase (SOLO): recorded, but nobody's balance here.
    for (const auto& c : credits) {
        if (round.paid_in_coinbase) break;
        if (c.amount > 0) changes.push_back({&c.login, c.amount, "block_credit"});
        if (c.fee > 0) changes.push_back({&c.login, -c.fee, "fee"});
    }
    std::string memo = "round " + std::to_string(round_id);
    execute_rows(*s,
                 "INSERT INTO balance_changes (login, amount, reason, block_id, memo, created_ms)",
                 "", 6, changes.size(), [&](size_t i, std::vector<SqlValue>& out) {
                     out.emplace_back(*changes[i].login);
                     out.emplace_back(changes[i].amount);
                     out.emplace_back(changes[i].reason);
                     out.emplace_back(round.block_id);
                     out.emplace_back(memo);
                     out.emplace_back(round.created_ms);
                 });
    tx.commit();
    Round stored;
    static_cast<NewRound&>(stored) = round;
    stored.id = round_id;
    return stored;
}

std::optional<Block> SqlBlockRepository::previous_block(int64_t block_id) {
    auto s = db_.read();
    auto current = load_block(*s, block_id);
    if (!current) return std::nullopt;
    auto row = s->query_one(std::string(kBlockSelect) +
                                "WHERE b.found_ms < $1 OR (b.found_ms = $1 AND b.id < $2) "
                                "ORDER BY b.found_ms DESC, b.id DESC LIMIT 1",
                            {current->found_ms, current->id});
    if (!row) return std::nullopt;
    return block_from_row(*row);
}

Expected<std::vector<Block>> SqlBlockRepository::uncredited_blocks(int64_t limit) {
    if (limit < 1 || limit > 100'000) return make_error("block limit must be 1..100000");
    auto s = db_.read();
    std::vector<Block> out;
    for (const auto& row :
         s->query(std::string(kBlockSelect) + "WHERE r.id IS NULL AND b.status <> 'orphaned' "
                                              "ORDER BY b.found_ms, b.id LIMIT $1",
                  {limit})) {
        out.push_back(block_from_row(row));
    }
    return out;
}

std::optional<Round> SqlBlockRepository::round_for_block(int64_t block_id) {
    auto s = db_.read();
    auto row = s->query_one(
        "SELECT id, block_id, scheme, window_target, window_counted, newest_share_ms, "
        "newest_share_id, boundary_share_ms, boundary_share_id, boundary_fraction, created_ms, "
        "paid_in_coinbase FROM rounds WHERE block_id = $1",
        {block_id});
    if (!row) return std::nullopt;
    Round r;
    r.id = row->i64(0);
    r.block_id = row->i64(1);
    auto scheme = ledger::payout::parse_scheme(row->text(2));
    r.scheme = scheme ? *scheme : ledger::payout::SchemeKind::pplns;
    r.window_target = row->f64(3);
    r.window_counted = row->f64(4);
    if (!row->is_null(5)) r.newest = ShareCursor{row->i64(5), row->i64(6)};
    if (!row->is_null(7)) r.boundary = ShareCursor{row->i64(7), row->i64(8)};
    r.boundary_fraction = row->f64(9);
    r.created_ms = row->i64(10);
    r.paid_in_coinbase = row->i64(11) != 0;
    if (auto block = load_block(*s, block_id)) r.effort = block->effort;
    for (const auto& c : s->query("SELECT login, share_difficulty, amount, fee FROM round_credits "
                                  "WHERE round_id = $1 ORDER BY login",
                                  {r.id})) {
        r.credits.push_back({c.text(0), c.f64(1), c.i64(2), c.i64(3)});
    }
    return r;
}

std::vector<FinderCount> SqlBlockRepository::finder_counts(
    int64_t since_ms, const std::optional<std::string>& login) {
    auto s = db_.read();
    SqlRows rows = login
                       ? s->query(
                             "SELECT finder_login, COUNT(*) AS n FROM blocks WHERE found_ms >= $1 "
                             "AND finder_login = $2 GROUP BY finder_login",
                             {since_ms, *login})
                       : s->query(
                             "SELECT finder_login, COUNT(*) AS n FROM blocks WHERE found_ms >= $1 "
                             "GROUP BY finder_login ORDER BY n DESC, finder_login",
                             {since_ms});
    std::vector<FinderCount> out;
    out.reserve(rows.size());
    for (const auto& row : rows)
        out.push_back({row.text(0), row.i64(1)});
    return out;
}

}  // namespace viddhana::store
