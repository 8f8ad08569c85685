// The quarantine, in SQL common to both backends.
#include "store/sql_repositories.h"

namespace viddhana::store {
namespace {

constexpr std::string_view kColumns = "id, kind, subject, reason, payload, created_ms";

Quarantined from_row(const SqlRow& r) {
    Quarantined q;
    q.id = r.i64(0);
    auto kind = parse_quarantine_kind(r.text(1));
    q.kind = kind ? *kind : QuarantineKind::record;
    q.subject = r.text(2);
    q.reason = r.text(3);
    q.payload = r.text(4);
    q.time_ms = r.i64(5);
    return q;
}

}  // namespace

std::string_view to_string(QuarantineKind k) {
    switch (k) {
        case QuarantineKind::share:
            return "share";
        case QuarantineKind::block:
            return "block";
        case QuarantineKind::record:
            return "record";
    }
    return "record";
}

Expected<QuarantineKind> parse_quarantine_kind(std::string_view s) {
    if (s == "share") return QuarantineKind::share;
    if (s == "block") return QuarantineKind::block;
    if (s == "record") return QuarantineKind::record;
    return make_error("unknown quarantine kind '" + std::string(s) + "'");
}

Expected<bool> SqlQuarantineRepository::add(const NewQuarantined& q) {
    if (q.subject.empty() || q.subject.size() > 256) {
        return make_error("quarantine subject must be 1..256 characters");
    }
    if (q.reason.empty()) return make_error("a quarantined record needs its reason");
    auto s = db_.write();
    auto row = s->query_one(
        "INSERT INTO quarantine (kind, subject, reason, payload, created_ms) VALUES ($1, $2, $3, "
        "$4, $5) ON CONFLICT (kind, subject) DO NOTHING RETURNING id",
        {to_string(q.kind), q.subject, q.reason, q.payload, q.time_ms});
    return row.has_value();
}

Expected<std::vector<Quarantined>> SqlQuarantineRepository::list(Page page) {
    auto valid = validate(page);
    if (!valid) return valid.error();
    auto s = db_.read();
    std::vector<Quarantined> out;
    for (const auto& row : s->query(
             "SELECT " + std::string(kColumns) + " FROM quarantine ORDER BY id LIMIT $1 OFFSET $2",
             {page.limit, page.offset})) {
        out.push_back(from_row(row));
    }
    return out;
}

std::optional<Quarantined> SqlQuarantineRepository::find(int64_t id) {
    auto s = db_.read();
    auto row =
        s->query_one("SELECT " + std::string(kColumns) + " FROM quarantine WHERE id = $1", {id});
    if (!row) return std::nullopt;
    return from_row(*row);
}

Expected<bool> SqlQuarantineRepository::set_reason(int64_t id, const std::string& reason) {
    if (reason.empty()) return make_error("a quarantined record needs its reason");
    auto s = db_.write();
    auto row =
        s->query_one("UPDATE quarantine SET reason = $2 WHERE id = $1 RETURNING id", {id, reason});
    return row.has_value();
}

Expected<bool> SqlQuarantineRepository::remove(int64_t id) {
    auto s = db_.write();
    auto row = s->query_one("DELETE FROM quarantine WHERE id = $1 RETURNING id", {id});
    return row.has_value();
}

int64_t SqlQuarantineRepository::count() {
    auto s = db_.read();
    return s->query_one("SELECT COUNT(*) FROM quarantine")->i64(0);
}

}  // namespace viddhana::store
