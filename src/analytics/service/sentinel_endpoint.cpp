#include "analytics/service/sentinel_endpoint.h"

#include <charconv>

#include <fmt/format.h>

namespace viddhana::analytics::service {

Validated<SentinelRequest> parse_sentinel_request(const nlohmann::json& body) {
    RequestFields f(body);
    SentinelRequest r;
    r.miner = f.optional_text("miner", 128);
    r.worker = f.optional_text("worker", 128);
    if (auto k = f.optional_text("kind", 64)) {
        r.kind = parse_alert_kind(*k);
        if (!r.kind)
            f.fail("kind", fmt::format("kind \"{}\" is not an alert kind (worker_offline, "
                                       "worker_sick, hashrate_jump, invalid_spike, stale_spike, "
                                       "duplicate_spike, block_withholding, pool_hopping, "
                                       "pool_hashrate_collapse, orphan_rate, node_lag)",
                                       *k));
    }
    r.since_minutes = f.integer_or("since_minutes", r.since_minutes, 1, 7 * 24 * 60);
    r.limit = f.integer_or("limit", r.limit, 1, 1000);
    if (!f.failed() && r.worker && !r.miner)
        f.fail("worker", "worker goes with miner (the address the worker mines for)");
    if (auto e = f.finish()) return *e;
    return r;
}

Validated<SentinelRequest> parse_alerts_query(const std::map<std::string, std::string>& query) {
    nlohmann::json body = nlohmann::json::object();
    for (const auto& [key, value] : query) {
        if (key == "since_minutes" || key == "limit") {
            int64_t n = 0;
            auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (ec != std::errc() || p != value.data() + value.size())
                return FieldError{key,
                                  fmt::format("{} must be an integer (got \"{}\")", key, value)};
            body[key] = n;
        } else {
            body[key] = value;
        }
    }
    return parse_sentinel_request(body);
}

AlertFilter alert_filter(const SentinelRequest& r, int64_t now_ms) {
    AlertFilter f;
    f.miner = r.miner;
    f.worker = r.worker;
    f.kind = r.kind;
    f.since_ms = now_ms - r.since_minutes * 60'000;
    f.limit = static_cast<size_t>(r.limit);
    return f;
}

nlohmann::json alert_json(const Alert& a) {
    return {{"time_ms", a.time_ms}, {"kind", to_string(a.kind)}, {"miner", a.miner},
            {"worker", a.worker},   {"p_value", a.p_value},      {"reason", a.reason}};
}

EndpointReply answer_sentinel(const SentinelRequest& request, const std::vector<Alert>& alerts,
                              const SentinelStatus& status, int64_t now_ms) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& a : alerts)
        list.push_back(alert_json(a));
    nlohmann::json scope = {{"miner", request.miner ? nlohmann::json(*request.miner) : nullptr},
                            {"worker", request.worker ? nlohmann::json(*request.worker) : nullptr},
                            {"since_minutes", request.since_minutes}};
    nlohmann::json sentinel = {{"evaluations", status.evaluations},
                               {"last_evaluation_ms", status.last_evaluation_ms},
                               {"workers_watched", status.workers},
                               {"shares_seen", status.shares_seen}};
    if (!status.last_error.empty()) sentinel["last_error"] = status.last_error;
    std::string summary =
        status.evaluations == 0 ? std::string("the Sentinel has not evaluated the share stream yet")
        : list.empty()
            ? fmt::format("no alerts in the last {} minutes", request.since_minutes)
            : fmt::format("{} alert(s) in the last {} minutes", list.size(), request.since_minutes);
    return ok_reply({{"now_ms", now_ms},
                     {"scope", scope},
                     {"alerts", list},
                     {"count", list.size()},
                     {"summary", summary},
                     {"sentinel", sentinel}});
}

}  // namespace viddhana::analytics::service
