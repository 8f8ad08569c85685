// The table of common mining hardware the worker advisor reads (src/analytics/data/hardware.json):
// rated hashrate, power and temperature limits, with the source of each entry and which values are
// typical ranges rather than manufacturer figures; and tuning hints per device kind and target.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/expected.h"

namespace viddhana::analytics {

enum class OptimizationTarget { efficiency, hashrate, temperature };
const char* to_string(OptimizationTarget t);
Expected<OptimizationTarget> parse_optimization_target(std::string_view name);

struct HardwareProfile {
    std::string model, manufacturer, kind, algorithm;  // kind: "asic" or "gpu"
    std::optional<double> hashrate;                    // H/s, rated
    double power_w = 0;
    std::optional<std::pair<double, double>> ambient_c;
    std::optional<double> chip_temp_max_c, gpu_temp_max_c, memory_temp_max_c;
    std::string source;
    std::set<std::string> typical;  // fields whose values are typical ranges

    bool is_typical(const std::string& field) const { return typical.count(field) > 0; }
};

struct HardwareTable {
    std::vector<HardwareProfile> devices;
    // tuning[kind][target] -> hint
    std::map<std::string, std::map<std::string, std::string>> tuning;

    // Case-insensitive; an exact model name wins over a substring match. nullptr when none.
    const HardwareProfile* find(std::string_view model) const;
};

Expected<HardwareTable> parse_hardware_table(std::string_view json_text, const std::string& origin);
Expected<HardwareTable> load_hardware_table(const std::string& path);
// The shipped table: <share dir>/analytics/hardware.json (installed from src/analytics/data).
std::string default_hardware_table_path();

}  // namespace viddhana::analytics
