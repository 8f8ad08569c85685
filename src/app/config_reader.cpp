#include "app/config_reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include <fmt/format.h>

namespace viddhana::app {

namespace {

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> parts;
    std::stringstream ss(path);
    std::string part;
    while (std::getline(ss, part, '.'))
        parts.push_back(part);
    return parts;
}

std::string env_name(const std::string& path) {
    std::string name = "VIDDHANA_";
    for (char c : path) {
        name.push_back(c == '.' ? '_'
                                : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    return name;
}

size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

bool is_index(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(c); });
}

}  // namespace

ConfigReader::ConfigReader(YAML::Node root, EnvLookup env)
    : root_(std::move(root)), env_(std::move(env)) {}

ConfigReader::EnvLookup ConfigReader::system_env() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* v = std::getenv(name.c_str());
        if (!v) return std::nullopt;
        return std::string(v);
    };
}

void ConfigReader::fail(const std::string& path, const std::string& what) {
    throw ConfigError(fmt::format("config key {}: {}", path, what));
}

YAML::Node ConfigReader::find(const std::string& path) const {
    // Const access and reset(): yaml-cpp's non-const operator[] would insert missing keys, and
    // assignment between nodes would overwrite values in the document.
    YAML::Node node;
    node.reset(root_);
    for (const auto& part : split_path(path)) {
        const YAML::Node& cur = node;
        if (!cur.IsDefined() || cur.IsNull()) return YAML::Node(YAML::NodeType::Undefined);
        if (cur.IsSequence() && is_index(part)) {
            size_t i = std::stoul(part);
            if (i >= cur.size()) return YAML::Node(YAML::NodeType::Undefined);
            YAML::Node next = cur[i];
            node.reset(next);
        } else if (cur.IsMap()) {
            YAML::Node next = cur[part];  // a missing key gives an invalid node: check first
            if (!next.IsDefined()) return YAML::Node(YAML::NodeType::Undefined);
            node.reset(next);
        } else {
            return YAML::Node(YAML::NodeType::Undefined);
        }
    }
    return node;
}

void ConfigReader::rename_section(const std::string& old_name, const std::string& new_name) {
    renamed_sections_[new_name] = old_name;
    YAML::Node old_section = find(old_name);
    if (!old_section.IsDefined() || old_section.IsNull()) return;
    if (!old_section.IsMap()) {
        fail(old_name, fmt::format("expected a section (the deprecated name of {})", new_name));
    }
    YAML::Node current = find(new_name);
    if (current.IsDefined() && !current.IsNull() && !current.IsMap()) {
        fail(new_name, "expected a section");
    }
    YAML::Node merged = current.IsDefined() && current.IsMap() ? YAML::Clone(current)
                                                               : YAML::Node(YAML::NodeType::Map);
    for (const auto& kv : old_section) {
        const std::string key = kv.first.as<std::string>();
        const std::string old_key = old_name + "." + key;
        const std::string new_key = new_name + "." + key;
        if (merged[key]) {
            throw ConfigError(fmt::format(
                "config keys {} and {} are both set: {}.* is the deprecated name of {}.*, keep "
                "{} only",
                old_key, new_key, old_name, new_name, new_key));
        }
        merged[key] = kv.second;
        written_as_[new_key] = old_key;
        warnings_.push_back(fmt::format("config key {} is deprecated: use {}", old_key, new_key));
    }
    root_.remove(old_name);
    root_[new_name] = merged;
}

std::string ConfigReader::as_written(const std::string& message) const {
    std::string out = message;
    for (const auto& [key, old_key] : written_as_) {
        size_t at = out.find(key);
        if (at == std::string::npos) continue;
        size_t end = at + key.size();
        // A whole key, not the start of a longer one.
        if (end < out.size() && (std::isalnum(static_cast<unsigned char>(out[end])) ||
                                 out[end] == '_' || out[end] == '.')) {
            continue;
        }
        out.insert(end, fmt::format(" (written as {})", old_key));
    }
    return out;
}

std::optional<std::string> ConfigReader::env_value(const std::string& path) {
    std::string name = env_name(path);
    auto value = env_(name);
    auto dot = path.find('.');
    if (dot == std::string::npos) return value;
    auto renamed = renamed_sections_.find(path.substr(0, dot));
    if (renamed == renamed_sections_.end()) return value;
    std::string old_name = env_name(renamed->second + path.substr(dot));
    auto old_value = env_(old_name);
    if (!old_value) return value;
    if (value) {
        throw ConfigError(fmt::format(
            "environment variables {} and {} are both set: {} is the deprecated name, keep {} only",
            old_name, name, old_name, name));
    }
    std::string warning =
        fmt::format("environment variable {} is deprecated: use {}", old_name, name);
    if (std::find(warnings_.begin(), warnings_.end(), warning) == warnings_.end()) {
        warnings_.push_back(warning);
    }
    return old_value;
}

bool ConfigReader::has(const std::string& path) const {
    if (env_(env_name(path))) return true;
    if (auto dot = path.find('.'); dot != std::string::npos) {
        auto renamed = renamed_sections_.find(path.substr(0, dot));
        if (renamed != renamed_sections_.end() &&
            env_(env_name(renamed->second + path.substr(dot)))) {
            return true;
        }
    }
    YAML::Node n = find(path);
    return n.IsDefined() && !n.IsNull();
}

void ConfigReader::mark_known(const std::string& path) {
    known_.insert(path);
}

std::optional<std::string> ConfigReader::scalar(const std::string& path) {
    known_.insert(path);
    if (auto v = env_value(path)) return v;
    YAML::Node n = find(path);
    if (!n.IsDefined() || n.IsNull()) return std::nullopt;
    if (!n.IsScalar()) fail(path, "expected a single value, not a list or a section");
    return n.Scalar();
}

std::string ConfigReader::text(const std::string& path, const std::string& fallback) {
    auto v = scalar(path);
    return v ? *v : fallback;
}

std::optional<std::string> ConfigReader::optional_text(const std::string& path) {
    return scalar(path);
}

double ConfigReader::number(const std::string& path, double fallback) {
    auto v = scalar(path);
    if (!v) return fallback;
    double d;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), d);
    if (ec != std::errc() || p != v->data() + v->size() || !std::isfinite(d)) {
        fail(path, fmt::format("expected a number, got '{}'", *v));
    }
    return d;
}

int64_t ConfigReader::integer(const std::string& path, int64_t fallback, int64_t min, int64_t max) {
    auto v = scalar(path);
    if (!v) return fallback;
    int64_t i;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), i);
    if (ec != std::errc() || p != v->data() + v->size()) {
        fail(path, fmt::format("expected a whole number, got '{}'", *v));
    }
    if (i < min || i > max) fail(path, fmt::format("{} is outside {}..{}", i, min, max));
    return i;
}

bool ConfigReader::boolean(const std::string& path, bool fallback) {
    auto v = scalar(path);
    if (!v) return fallback;
    std::string s = *v;
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    if (s == "true" || s == "yes" || s == "on" || s == "1") return true;
    if (s == "false" || s == "no" || s == "off" || s == "0") return false;
    fail(path, fmt::format("expected true or false, got '{}'", *v));
}

double ConfigReader::seconds(const std::string& path, double fallback) {
    auto v = scalar(path);
    if (!v) return fallback;
    const std::string& s = *v;
    double amount;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), amount);
    std::string_view unit(p, s.data() + s.size() - p);
    double scale = 0;
    if (unit.empty() || unit == "s")
        scale = 1;
    else if (unit == "ms")
        scale = 0.001;
    else if (unit == "m")
        scale = 60;
    else if (unit == "h")
        scale = 3600;
    else if (unit == "d")
        scale = 86400;
    if (ec != std::errc() || scale == 0 || !(amount >= 0) || !std::isfinite(amount)) {
        fail(path, fmt::format("expected a duration like 10s, 250ms, 5m, 2h or 7d, got '{}'", s));
    }
    return amount * scale;
}

uint32_t ConfigReader::hex32(const std::string& path, uint32_t fallback) {
    auto v = scalar(path);
    if (!v) return fallback;
    std::string_view s = *v;
    if (s.starts_with("0x")) s.remove_prefix(2);
    uint32_t out;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out, 16);
    if (s.empty() || s.size() > 8 || ec != std::errc() || p != s.data() + s.size()) {
        fail(path, fmt::format("expected up to 8 hex digits, got '{}'", *v));
    }
    return out;
}

std::vector<std::string> ConfigReader::text_list(const std::string& path) {
    known_.insert(path);
    if (auto v = env_value(path)) {
        std::vector<std::string> out;
        std::stringstream ss(*v);
        std::string item;
        while (std::getline(ss, item, ',')) {
            if (!item.empty()) out.push_back(item);
        }
        return out;
    }
    YAML::Node n = find(path);
    if (!n.IsDefined() || n.IsNull()) return {};
    if (!n.IsSequence()) fail(path, "expected a list");
    std::vector<std::string> out;
    for (const auto& item : n) {
        if (!item.IsScalar()) fail(path, "expected a list of values");
        out.push_back(item.Scalar());
    }
    return out;
}

size_t ConfigReader::sequence_size(const std::string& path) {
    known_.insert(path);
    YAML::Node n = find(path);
    if (!n.IsDefined() || n.IsNull()) return 0;
    if (!n.IsSequence()) fail(path, "expected a list");
    return n.size();
}

void ConfigReader::collect_unknown(const YAML::Node& node, const std::string& prefix,
                                   std::vector<std::string>& out) const {
    if (node.IsMap()) {
        for (const auto& kv : node) {
            std::string key = kv.first.as<std::string>();
            std::string path = prefix.empty() ? key : prefix + "." + key;
            bool known = known_.count(path) > 0;
            bool section = !known && std::any_of(known_.begin(), known_.end(), [&](const auto& k) {
                return k.rfind(path + ".", 0) == 0;
            });
            if (known) continue;
            if (section) {
                collect_unknown(kv.second, path, out);
            } else {
                out.push_back(path);
            }
        }
    } else if (node.IsSequence()) {
        for (size_t i = 0; i < node.size(); ++i) {
            collect_unknown(node[i], prefix + "." + std::to_string(i), out);
        }
    }
}

void ConfigReader::reject_unknown_keys() const {
    std::vector<std::string> unknown;
    collect_unknown(root_, "", unknown);
    if (unknown.empty()) return;
    std::string message;
    for (const auto& key : unknown) {
        // Suggest the closest known key in the same section.
        std::string best;
        size_t best_d = 4;
        std::string section = key.substr(0, key.rfind('.') + 1);
        for (const auto& k : known_) {
            if (k.rfind(section, 0) != 0 || k.find('.', section.size()) != std::string::npos)
                continue;
            size_t d = edit_distance(key, k);
            if (d < best_d) {
                best_d = d;
                best = k;
            }
        }
        if (!message.empty()) message += "; ";
        message += fmt::format("unknown config key {}", key);
        if (!best.empty()) message += fmt::format(" (did you mean {}?)", best);
    }
    throw ConfigError(message);
}

}  // namespace viddhana::app
