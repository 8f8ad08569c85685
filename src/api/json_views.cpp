#include "api/json_views.h"

#include <cmath>
#include <ctime>

#include <fmt/format.h>

#include "ledger/payout/scheme_kind.h"

namespace viddhana::api {

std::string iso_time(int64_t ms) {
    std::time_t secs = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900,
                       tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms % 1000);
}

nlohmann::json number(double v) {
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9e15) {
        return static_cast<int64_t>(v);
    }
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

nlohmann::json block_json(const store::Block& b, int maturity_confirmations) {
    nlohmann::json j{{"height", b.height},
                     {"hash", b.hash},
                     {"status", std::string(store::to_string(b.status))},
                     {"confirmations", b.confirmations},
                     {"confirmationsRequired", maturity_confirmations},
                     {"reward", b.reward},
                     {"networkDifficulty", number(b.network_difficulty)},
                     {"effort", b.effort},
                     {"finder", b.finder_login},
                     {"worker", b.finder_worker},
                     {"scheme", std::string(ledger::payout::to_string(b.scheme))},
                     {"time", b.found_ms},
                     {"updated", b.updated_ms}};
    return j;
}

nlohmann::json payment_json(const store::Payment& p) {
    nlohmann::json j{
        {"id", p.id},
        {"miner", p.login},
        {"address", p.address},
        {"amount", p.amount},
        {"fee", p.fee},
        {"status", std::string(store::to_string(p.status))},
        {"txid", p.txid ? nlohmann::json(*p.txid) : nlohmann::json(nullptr)},
        {"time", p.time_ms},
        {"sent", p.sent_ms ? nlohmann::json(*p.sent_ms) : nlohmann::json(nullptr)},
        {"confirmed", p.confirmed_ms ? nlohmann::json(*p.confirmed_ms) : nlohmann::json(nullptr)}};
    return j;
}

nlohmann::json balance_change_json(const store::BalanceChange& c) {
    return nlohmann::json{
        {"id", c.id},
        {"amount", c.amount},
        {"reason", std::string(store::to_string(c.reason))},
        {"block", c.block_id ? nlohmann::json(*c.block_id) : nlohmann::json(nullptr)},
        {"payment", c.payment_id ? nlohmann::json(*c.payment_id) : nlohmann::json(nullptr)},
        {"memo", c.memo},
        {"time", c.time_ms}};
}

}  // namespace viddhana::api
