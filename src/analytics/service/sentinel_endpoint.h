// POST /api/v1/sentinel/detect and GET /api/v1/alerts: the Sentinel's current alerts for a miner,
// one of its workers, or the whole pool, each with its kind, p-value and reason, and how recently
// the Sentinel looked at the share stream.
#pragma once
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "analytics/service/alert_book.h"
#include "analytics/service/endpoint_reply.h"
#include "analytics/service/request_fields.h"

namespace viddhana::analytics::service {

struct SentinelRequest {
    std::optional<std::string> miner;
    std::optional<std::string> worker;  // with miner
    std::optional<AlertKind> kind;
    int64_t since_minutes = 60;  // "current": raised within this many minutes
    int64_t limit = 100;
};

Validated<SentinelRequest> parse_sentinel_request(const nlohmann::json& body);
// The same fields as query parameters (?miner=...&since_minutes=...).
Validated<SentinelRequest> parse_alerts_query(const std::map<std::string, std::string>& query);

AlertFilter alert_filter(const SentinelRequest& request, int64_t now_ms);

EndpointReply answer_sentinel(const SentinelRequest& request, const std::vector<Alert>& alerts,
                              const SentinelStatus& status, int64_t now_ms);

nlohmann::json alert_json(const Alert& alert);

}  // namespace viddhana::analytics::service
