// POST /api/v1/predict/difficulty: the next retargets of the network difficulty, from the node's
// chain or from a series the client posts. The retarget in progress follows the protocol rule
// from the blocks already mined; later retargets follow the trained model when one is loaded.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analytics/difficulty_forecaster.h"
#include "analytics/service/chain_difficulty.h"
#include "analytics/service/endpoint_reply.h"
#include "analytics/service/request_fields.h"

namespace viddhana::analytics::service {

struct DifficultyRequest {
    int horizons = kMaxForecastHorizon;
    double coverage = 0.9;
    // A posted series instead of the node's chain, with its chain's rule and optional tip.
    std::optional<DifficultyHistory> series;
    std::string chain;  // "" = detected from the series
    std::optional<EpochProgress> tip;
};

Validated<DifficultyRequest> parse_difficulty_request(const nlohmann::json& body);

// The trained forecaster, when analytics.model names a file that loaded.
struct LoadedModel {
    const TrainedForecaster* forecaster = nullptr;  // nullptr: not loaded
    std::string path;                               // analytics.model ("" when not configured)
    std::string problem;                            // why it is not loaded
};
// {"loaded", "path", "name", "chain", "span", "message"} as /health and the answers show it.
nlohmann::json model_status_json(const LoadedModel& model);

// The forecast for a request: from `request.series` when given, else from `node`.
Expected<DifficultyForecast> forecast_for_request(const DifficultyRequest& request,
                                                  const ChainDifficulty* node,
                                                  const LoadedModel& model,
                                                  std::vector<std::string>& notes);

EndpointReply answer_difficulty(const DifficultyRequest& request, const ChainDifficulty* node,
                                const LoadedModel& model);

}  // namespace viddhana::analytics::service
