#include "analytics/hardware_table.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/share_dir.h"

namespace viddhana::analytics {

const char* to_string(OptimizationTarget t) {
    switch (t) {
        case OptimizationTarget::efficiency:
            return "efficiency";
        case OptimizationTarget::hashrate:
            return "hashrate";
        case OptimizationTarget::temperature:
            return "temperature";
    }
    return "?";
}

Expected<OptimizationTarget> parse_optimization_target(std::string_view name) {
    for (auto t : {OptimizationTarget::efficiency, OptimizationTarget::hashrate,
                   OptimizationTarget::temperature})
        if (name == to_string(t)) return t;
    return make_error(fmt::format(
        "unknown optimisation target \"{}\" (expected efficiency, hashrate or temperature)", name));
}

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace

const HardwareProfile* HardwareTable::find(std::string_view model) const {
    std::string wanted = lower(model);
    if (wanted.empty()) return nullptr;
    for (const auto& d : devices)
        if (lower(d.model) == wanted) return &d;
    // The longest model name contained in the query ("Antminer S19j Pro 104T" -> S19j Pro), or
    // the first model containing it.
    const HardwareProfile* best = nullptr;
    for (const auto& d : devices)
        if (wanted.find(lower(d.model)) != std::string::npos &&
            (!best || d.model.size() > best->model.size()))
            best = &d;
    if (best) return best;
    for (const auto& d : devices)
        if (lower(d.model).find(wanted) != std::string::npos) return &d;
    return nullptr;
}

Expected<HardwareTable> parse_hardware_table(std::string_view json_text,
                                             const std::string& origin) {
    using nlohmann::json;
    json doc = json::parse(json_text, nullptr, false);
    if (doc.is_discarded())
        return make_error(fmt::format("hardware table {} is not valid JSON", origin));
    try {
        HardwareTable table;
        for (const json& d : doc.at("devices")) {
            HardwareProfile p;
            p.model = d.at("model").get<std::string>();
            p.manufacturer = d.at("manufacturer").get<std::string>();
            p.kind = d.at("kind").get<std::string>();
            if (p.kind != "asic" && p.kind != "gpu")
                return make_error(fmt::format("hardware table {}: {} has kind \"{}\" (asic or gpu)",
                                              origin, p.model, p.kind));
            p.algorithm = d.value("algorithm", "");
            if (d.contains("hashrate")) p.hashrate = d["hashrate"].get<double>();
            p.power_w = d.at("power_w").get<double>();
            if (d.contains("ambient_c")) {
                auto range = d["ambient_c"].get<std::vector<double>>();
                if (range.size() != 2 || range[0] >= range[1])
                    return make_error(fmt::format(
                        "hardware table {}: {} ambient_c is not [low, high]", origin, p.model));
                p.ambient_c = std::make_pair(range[0], range[1]);
            }
            if (d.contains("chip_temp_max_c"))
                p.chip_temp_max_c = d["chip_temp_max_c"].get<double>();
            if (d.contains("gpu_temp_max_c")) p.gpu_temp_max_c = d["gpu_temp_max_c"].get<double>();
            if (d.contains("memory_temp_max_c"))
                p.memory_temp_max_c = d["memory_temp_max_c"].get<double>();
            p.source = d.at("source").get<std::string>();
            if (p.source.empty())
                return make_error(
                    fmt::format("hardware table {}: {} has no source", origin, p.model));
            if (d.contains("typical"))
                for (const auto& [field, flag] : d["typical"].items())
                    if (flag.get<bool>()) p.typical.insert(field);
            if (p.power_w <= 0 || (p.hashrate && *p.hashrate <= 0))
                return make_error(
                    fmt::format("hardware table {}: {} needs positive power and "
                                "hashrate",
                                origin, p.model));
            table.devices.push_back(std::move(p));
        }
        for (const auto& [kind, targets] : doc.at("tuning").items())
            for (const auto& [target, hint] : targets.items())
                table.tuning[kind][target] = hint.get<std::string>();
        if (table.devices.empty())
            return make_error(fmt::format("hardware table {} lists no devices", origin));
        return table;
    } catch (const json::exception& e) {
        return make_error(
            fmt::format("hardware table {}: missing or mistyped field ({})", origin, e.what()));
    }
}

Expected<HardwareTable> load_hardware_table(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(fmt::format("cannot open hardware table {}", path));
    std::stringstream buffer;
    buffer << in.rdbuf();
    return parse_hardware_table(buffer.str(), path);
}

std::string default_hardware_table_path() {
    return (share_dir() / "analytics" / "hardware.json").string();
}

}  // namespace viddhana::analytics
