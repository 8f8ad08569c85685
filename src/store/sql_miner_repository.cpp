// Miners, workers, pool state and events, in SQL common to both backends.
#include <cctype>

#include "store/sql_repositories.h"

namespace viddhana::store {
namespace {

constexpr std::string_view kMinerColumns =
    "login, payout_threshold, payout_address, created_ms, payout_address_changed_ms";

Miner miner_from_row(const SqlRow& r) {
    return Miner{r.text(0), r.opt_i64(1), r.opt_text(2), r.i64(3), r.opt_i64(4)};
}

bool has_space(const std::string& s) {
    for (unsigned char c : s) {
        if (std::isspace(c) || std::iscntrl(c)) return true;
    }
    return false;
}

std::optional<Miner> load_miner(SqlSession& s, const std::string& login) {
    auto row = s.query_one("SELECT " + std::string(kMinerColumns) + " FROM miners WHERE login = $1",
                           {login});
    if (!row) return std::nullopt;
    return miner_from_row(*row);
}

Error unknown_miner(const std::string& login) {
    return make_error("unknown miner '" + login + "'");
}

}  // namespace

void append_page(std::string& sql, std::vector<SqlValue>& params, const Page& page,
                 std::string_view time_column, std::string_view id_column, bool has_where) {
    auto condition = [&](std::string_view op, int64_t value) {
        params.emplace_back(value);
        sql += has_where ? " AND " : " WHERE ";
        has_where = true;
        sql +=
            std::string(time_column) + " " + std::string(op) + " $" + std::to_string(params.size());
    };
    if (page.from_ms > 0) condition(">=", page.from_ms);
    if (page.to_ms > 0) condition("<", page.to_ms);
    const char* direction = page.oldest_first ? " ASC" : " DESC";
    sql += " ORDER BY " + std::string(time_column) + direction + ", " + std::string(id_column) +
           direction;
    params.emplace_back(page.limit);
    sql += " LIMIT $" + std::to_string(params.size());
    params.emplace_back(page.offset);
    sql += " OFFSET $" + std::to_string(params.size());
}

std::optional<Error> check_login(const std::string& login) {
    if (login.empty()) return make_error("miner login is empty");
    if (login.size() > 128) return make_error("miner login is longer than 128 characters");
    if (has_space(login)) return make_error("miner login '" + login + "' contains whitespace");
    return std::nullopt;
}

bool miner_exists(SqlSession& session, const std::string& login) {
    return session.query_one("SELECT 1 FROM miners WHERE login = $1", {login}).has_value();
}

Expected<Miner> SqlMinerRepository::register_miner(const std::string& login, int64_t now_ms) {
    if (auto error = check_login(login)) return *error;
    auto s = db_.write();
    s->execute(
        "INSERT INTO miners (login, created_ms) VALUES ($1, $2) ON CONFLICT (login) DO NOTHING",
        {login, now_ms});
    return *load_miner(*s, login);
}

std::optional<Miner> SqlMinerRepository::find_miner(const std::string& login) {
    auto s = db_.read();
    return load_miner(*s, login);
}

Expected<std::vector<Miner>> SqlMinerRepository::miners(Page page) {
    auto valid = validate(page);
    if (!valid) return valid.error();
    auto s = db_.read();
    std::vector<Miner> out;
    for (const auto& row : s->query("SELECT " + std::string(kMinerColumns) +
                                        " FROM miners ORDER BY login LIMIT $1 OFFSET $2",
                                    {page.limit, page.offset})) {
        out.push_back(miner_from_row(row));
    }
    return out;
}

int64_t SqlMinerRepository::miner_count() {
    auto s = db_.read();
    return s->query_one("SELECT COUNT(*) FROM miners")->i64(0);
}

Expected<Miner> SqlMinerRepository::set_payout_threshold(const std::string& login,
                                                         std::optional<int64_t> threshold) {
    if (threshold && *threshold < 0) {
        return make_error("payout threshold must be >= 0, got " + std::to_string(*threshold));
    }
    auto s = db_.write();
    if (s->execute("UPDATE miners SET payout_threshold = $2 WHERE login = $1",
                   {login, threshold}) == 0) {
        return unknown_miner(login);
    }
    return *load_miner(*s, login);
}

Expected<Miner> SqlMinerRepository::set_payout_address(const std::string& login,
                                                       std::optional<std::string> address,
                                                       int64_t now_ms) {
    if (address) {
        if (address->empty()) return make_error("payout address is empty");
        if (address->size() > 128)
            return make_error("payout address is longer than 128 characters");
        if (has_space(*address)) return make_error("payout address contains whitespace");
    }
    auto s = db_.write();
    // Every SET expression sees the row as it was: the time moves only with the value.
    if (s->execute("UPDATE miners SET payout_address_changed_ms = CASE WHEN payout_address IS "
                   "NOT DISTINCT FROM $2 THEN payout_address_changed_ms ELSE CAST($3 AS BIGINT) "
                   "END, payout_address = $2 WHERE login = $1",
                   {login, address, now_ms}) == 0) {
        return unknown_miner(login);
    }
    return *load_miner(*s, login);
}

std::vector<int64_t> SqlMinerRepository::payout_address_changes(int64_t since_ms, int64_t limit) {
    auto s = db_.read();
    std::vector<int64_t> out;
    for (const auto& row : s->query("SELECT payout_address_changed_ms FROM miners WHERE "
                                    "payout_address_changed_ms >= $1 ORDER BY "
                                    "payout_address_changed_ms DESC LIMIT $2",
                                    {since_ms, limit})) {
        out.push_back(row.i64(0));
    }
    return out;
}

bool SqlMinerRepository::forget_worker(const std::string& login, const std::string& name) {
    auto s = db_.write();
    return s->execute("DELETE FROM workers WHERE login = $1 AND name = $2", {login, name}) > 0;
}

std::vector<Worker> SqlMinerRepository::workers(const std::string& login) {
    auto s = db_.read();
    std::vector<Worker> out;
    for (const auto& row :
         s->query("SELECT login, name, first_seen_ms, last_seen_ms, last_share_ms FROM workers "
                  "WHERE login = $1 ORDER BY name",
                  {login})) {
        out.push_back({row.text(0), row.text(1), row.i64(2), row.i64(3), row.opt_i64(4)});
    }
    return out;
}

// ---- pool state ------------------------------------------------------------------------------

namespace {

std::optional<Error> check_key(const std::string& key) {
    if (key.empty() || key.size() > 128) {
        return make_error("pool state key must be 1..128 characters, got " +
                          std::to_string(key.size()));
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> SqlPoolStateRepository::get(const std::string& key) {
    auto s = db_.read();
    auto row = s->query_one("SELECT value FROM pool_state WHERE key = $1", {key});
    if (!row) return std::nullopt;
    return row->text(0);
}

Expected<bool> SqlPoolStateRepository::put(const std::string& key, const std::string& value,
                                           int64_t now_ms) {
    if (auto error = check_key(key)) return *error;
    auto s = db_.write();
    s->execute(
        "INSERT INTO pool_state (key, value, updated_ms) VALUES ($1, $2, $3) ON CONFLICT (key) "
        "DO UPDATE SET value = excluded.value, updated_ms = excluded.updated_ms",
        {key, value, now_ms});
    return true;
}

Expected<bool> SqlPoolStateRepository::compare_and_put(const std::string& key,
                                                       const std::optional<std::string>& expected,
                                                       const std::string& value, int64_t now_ms) {
    if (auto error = check_key(key)) return *error;
    auto s = db_.write();
    SqlTransaction tx(*s);
    auto row = s->query_one("SELECT value FROM pool_state WHERE key = $1", {key});
    std::optional<std::string> current;
    if (row) current = row->text(0);
    if (current != expected) return false;
    s->execute(
        "INSERT INTO pool_state (key, value, updated_ms) VALUES ($1, $2, $3) ON CONFLICT (key) "
        "DO UPDATE SET value = excluded.value, updated_ms = excluded.updated_ms",
        {key, value, now_ms});
    tx.commit();
    return true;
}

// ---- events ---------------------------------------------------------------------------------

namespace {

Event event_from_row(const SqlRow& r) {
    Event e;
    e.id = r.i64(0);
    e.kind = r.text(1);
    e.subject = r.text(2);
    auto severity = parse_event_severity(r.text(3));
    e.severity = severity ? *severity : EventSeverity::critical;
    e.message = r.text(4);
    e.time_ms = r.i64(5);
    return e;
}

constexpr std::string_view kEventColumns = "id, kind, subject, severity, message, created_ms";

}  // namespace

Expected<Event> SqlEventRepository::add_event(const NewEvent& event) {
    if (event.kind.empty() || event.kind.size() > 64) {
        return make_error("event kind must be 1..64 characters");
    }
    if (event.subject.empty() || event.subject.size() > 256) {
        return make_error("event subject must be 1..256 characters");
    }
    auto s = db_.write();
    auto row = s->query_one(
        "INSERT INTO events (kind, subject, severity, message, created_ms) VALUES ($1, $2, $3, $4, "
        "$5) RETURNING " +
            std::string(kEventColumns),
        {event.kind, event.subject, to_string(event.severity), event.message, event.time_ms});
    return event_from_row(*row);
}

Expected<std::vector<Event>> SqlEventRepository::events(Page page,
                                                        std::optional<std::string> kind) {
    auto valid = validate(page);
    if (!valid) return valid.error();
    auto s = db_.read();
    SqlRows rows = kind ? s->query("SELECT " + std::string(kEventColumns) +
                                       " FROM events WHERE kind = $1 ORDER BY created_ms DESC, id "
                                       "DESC LIMIT $2 OFFSET $3",
                                   {*kind, page.limit, page.offset})
                        : s->query("SELECT " + std::string(kEventColumns) +
                                       " FROM events ORDER BY created_ms DESC, id DESC LIMIT $1 "
                                       "OFFSET $2",
                                   {page.limit, page.offset});
    std::vector<Event> out;
    for (const auto& row : rows)
        out.push_back(event_from_row(row));
    return out;
}

}  // namespace viddhana::store
