// POST /api/v1/optimize/worker: the worker advisor's suggestions (start difficulty, stale and
// invalid shares, hardware limits and tuning) for the figures a client posts.
#pragma once
#include <nlohmann/json.hpp>

#include "analytics/hardware_table.h"
#include "analytics/service/endpoint_reply.h"
#include "analytics/service/request_fields.h"
#include "analytics/worker_advisor.h"

namespace viddhana::analytics::service {

// The pool's side of the advice: what the request does not say.
struct WorkerContext {
    double share_multiplier = 65536;
    double block_interval_s = 150;
    double target_share_seconds = 10;  // vardiff's target, the default for the request
    const HardwareTable* hardware = nullptr;
};

Validated<WorkerAdviceInputs> parse_worker_request(const nlohmann::json& body,
                                                   const WorkerContext& context);

EndpointReply answer_worker(const WorkerAdviceInputs& inputs, const WorkerContext& context);

}  // namespace viddhana::analytics::service
