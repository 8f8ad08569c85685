#include "analytics/service/service_health.h"

namespace viddhana::analytics::service {

HealthAnswer health_answer(const ServiceHealth& h) {
    HealthAnswer out;
    out.healthy = h.node_ok && h.store_ok;
    nlohmann::json node{{"reachable", h.node_ok}, {"checked_ms", h.node_checked_ms}};
    if (h.tip_height) node["height"] = *h.tip_height;
    if (!h.node_error.empty()) node["error"] = h.node_error;
    nlohmann::json store{{"available", h.store_ok}, {"backend", h.store_backend}};
    if (!h.store_error.empty()) store["error"] = h.store_error;
    nlohmann::json sentinel{{"evaluations", h.sentinel.evaluations},
                            {"last_evaluation_ms", h.sentinel.last_evaluation_ms},
                            {"workers_watched", h.sentinel.workers},
                            {"shares_seen", h.sentinel.shares_seen},
                            {"alerts_kept", h.sentinel.alerts_kept}};
    if (!h.sentinel.last_error.empty()) sentinel["error"] = h.sentinel.last_error;
    out.body = {{"status", out.healthy ? "ok" : "degraded"},
                {"service", "analytics"},
                {"environment", h.environment},
                {"coin", h.coin},
                {"network", h.network},
                {"model", model_status_json(h.model)},
                {"node", node},
                {"store", store},
                {"sentinel", sentinel},
                {"time_ms", h.now_ms}};
    return out;
}

}  // namespace viddhana::analytics::service
