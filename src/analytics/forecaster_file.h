// Model files for the difficulty forecaster: JSON holding the model's parameters, the span of the
// data it was trained on, the walk-forward errors that size its intervals and its backtest metrics.
#pragma once
#include <string>
#include <string_view>

#include "analytics/difficulty_forecaster.h"
#include "base/expected.h"

namespace viddhana::analytics {

std::string forecaster_to_json(const TrainedForecaster& forecaster);
Expected<TrainedForecaster> forecaster_from_json(std::string_view text, const std::string& origin);
Expected<bool> save_forecaster(const TrainedForecaster& forecaster, const std::string& path);
Expected<TrainedForecaster> load_forecaster(const std::string& path);

}  // namespace viddhana::analytics
