// A difficulty forecast as JSON: the one shape for the service's POST /api/v1/predict/difficulty
// answer and `viddhana analytics forecast --json` (docs/openapi.yaml, DifficultyForecast).
#pragma once
#include <nlohmann/json.hpp>

#include "analytics/difficulty_forecaster.h"

namespace viddhana::analytics {

// {"method", "model", "chain", "spacing", "coverage", "last_retarget": {"height", "difficulty"},
//  "current_epoch": {...} or null, "forecast": [{"horizon", "height", "expected_time_unix",
//  "difficulty", "low", "high", "change_percent"}]}
nlohmann::json forecast_json(const DifficultyForecast& forecast);

}  // namespace viddhana::analytics
