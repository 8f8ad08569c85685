// GET /health of the analytics service: whether the learned model is loaded (and the span it was
// trained on), whether the coin node and the store answer, and how the Sentinel is doing. The
// service is healthy when the node and the store answer; a missing model is reported, not a fault
// (the protocol rule still forecasts).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "analytics/service/alert_book.h"
#include "analytics/service/difficulty_endpoint.h"

namespace viddhana::analytics::service {

struct ServiceHealth {
    std::string environment;
    std::string coin;
    std::string network;
    LoadedModel model;
    bool node_ok = false;
    std::string node_error;
    int64_t node_checked_ms = 0;  // 0: not asked yet
    std::optional<int64_t> tip_height;
    bool store_ok = false;
    std::string store_backend;
    std::string store_error;
    SentinelStatus sentinel;
    int64_t now_ms = 0;
};

struct HealthAnswer {
    bool healthy = false;
    nlohmann::json body;
};

HealthAnswer health_answer(const ServiceHealth& health);

}  // namespace viddhana::analytics::service
