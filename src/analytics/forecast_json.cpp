#include "analytics/forecast_json.h"

namespace viddhana::analytics {

nlohmann::json forecast_json(const DifficultyForecast& f) {
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& s : f.steps) {
        steps.push_back({{"horizon", s.horizon},
                         {"height", s.height},
                         {"expected_time_unix", s.expected_time_unix},
                         {"difficulty", s.difficulty},
                         {"low", s.low},
                         {"high", s.high},
                         {"change_percent", s.change_percent}});
    }
    nlohmann::json j{
        {"method", f.method},
        {"model", f.model},
        {"chain", f.chain},
        {"spacing", to_string(f.spacing)},
        {"coverage", f.coverage},
        {"last_retarget", {{"height", f.last_height}, {"difficulty", f.last_difficulty}}},
        {"forecast", steps}};
    if (f.current_epoch) {
        const auto& e = *f.current_epoch;
        j["current_epoch"] = {{"retarget_height", e.retarget_height},
                              {"blocks_mined", e.blocks_mined},
                              {"blocks_remaining", e.blocks_remaining},
                              {"expected_timespan_s", e.expected_timespan_s},
                              {"expected_retarget_time_unix", e.expected_retarget_time_unix},
                              {"difficulty", e.difficulty},
                              {"low", e.low},
                              {"high", e.high},
                              {"clamped", e.clamped}};
    } else {
        j["current_epoch"] = nullptr;
    }
    return j;
}

}  // namespace viddhana::analytics
