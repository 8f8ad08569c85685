#include "analytics/service/request_fields.h"

#include <cmath>

#include <fmt/format.h>

namespace viddhana::analytics::service {

namespace {

std::string range_text(double min, double max) {
    if (max >= 1e300) return fmt::format("a number of at least {:g}", min);
    return fmt::format("a number between {:g} and {:g}", min, max);
}

std::string shown(const nlohmann::json& v) {
    std::string s = v.dump();
    if (s.size() > 40) s = s.substr(0, 37) + "...";
    return s;
}

}  // namespace

std::string json_type_name(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::null:
            return "null";
        case nlohmann::json::value_t::boolean:
            return "a boolean";
        case nlohmann::json::value_t::string:
            return "a string";
        case nlohmann::json::value_t::array:
            return "an array";
        case nlohmann::json::value_t::object:
            return "an object";
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned:
        case nlohmann::json::value_t::number_float:
            return "a number";
        default:
            return "an unsupported value";
    }
}

RequestFields::RequestFields(const nlohmann::json& body, std::string prefix)
    : body_(body), prefix_(std::move(prefix)) {
    if (!body_.is_object()) {
        std::string where = prefix_.empty() ? std::string() : prefix_.substr(0, prefix_.size() - 1);
        error_ = FieldError{
            where, fmt::format("{} must be a JSON object, not {}",
                               where.empty() ? "the request body" : where, json_type_name(body_))};
    }
}

const nlohmann::json* RequestFields::find(std::string_view name) {
    read_.emplace(name);
    if (!body_.is_object()) return nullptr;
    auto it = body_.find(std::string(name));
    if (it == body_.end() || it->is_null()) return nullptr;
    return &*it;
}

bool RequestFields::has(std::string_view name) const {
    if (!body_.is_object()) return false;
    auto it = body_.find(std::string(name));
    return it != body_.end() && !it->is_null();
}

const nlohmann::json* RequestFields::raw(std::string_view name) {
    return find(name);
}

void RequestFields::fail(std::string_view name, std::string message) {
    if (!error_) error_ = FieldError{path(name), std::move(message)};
}

void RequestFields::fail(FieldError error) {
    if (!error_) error_ = std::move(error);
}

std::optional<double> RequestFields::optional_number(std::string_view name, double min,
                                                     double max) {
    const nlohmann::json* v = find(name);
    if (!v) return std::nullopt;
    if (!v->is_number()) {
        fail(name, fmt::format("{} must be {}, not {}", path(name), range_text(min, max),
                               json_type_name(*v)));
        return std::nullopt;
    }
    double d = v->get<double>();
    if (!std::isfinite(d) || d < min || d > max) {
        fail(name,
             fmt::format("{} must be {} (got {})", path(name), range_text(min, max), shown(*v)));
        return std::nullopt;
    }
    return d;
}

double RequestFields::number(std::string_view name, double min, double max) {
    bool present = has(name);
    auto v = optional_number(name, min, max);
    if (!present) fail(name, fmt::format("{} is required ({})", path(name), range_text(min, max)));
    return v.value_or(min);
}

double RequestFields::number_or(std::string_view name, double fallback, double min, double max) {
    return optional_number(name, min, max).value_or(fallback);
}

std::optional<int64_t> RequestFields::optional_integer(std::string_view name, int64_t min,
                                                       int64_t max) {
    const nlohmann::json* v = find(name);
    if (!v) return std::nullopt;
    auto expected = [&] { return fmt::format("an integer between {} and {}", min, max); };
    if (!v->is_number_integer() && !v->is_number_unsigned()) {
        // 3.0 is an integer to a JavaScript client.
        if (v->is_number_float()) {
            double d = v->get<double>();
            if (std::isfinite(d) && d == std::floor(d) && d >= static_cast<double>(min) &&
                d <= static_cast<double>(max))
                return static_cast<int64_t>(d);
        }
        fail(name, fmt::format("{} must be {}, not {}", path(name), expected(),
                               v->is_number() ? shown(*v) : json_type_name(*v)));
        return std::nullopt;
    }
    if (v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
        fail(name, fmt::format("{} must be {} (got {})", path(name), expected(), shown(*v)));
        return std::nullopt;
    }
    int64_t i = v->get<int64_t>();
    if (i < min || i > max) {
        fail(name, fmt::format("{} must be {} (got {})", path(name), expected(), i));
        return std::nullopt;
    }
    return i;
}

int64_t RequestFields::integer_or(std::string_view name, int64_t fallback, int64_t min,
                                  int64_t max) {
    return optional_integer(name, min, max).value_or(fallback);
}

std::optional<std::string> RequestFields::optional_text(std::string_view name, size_t max_length) {
    const nlohmann::json* v = find(name);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
        fail(name, fmt::format("{} must be a string, not {}", path(name), json_type_name(*v)));
        return std::nullopt;
    }
    std::string s = v->get<std::string>();
    if (s.empty()) {
        fail(name, fmt::format("{} must not be empty", path(name)));
        return std::nullopt;
    }
    if (s.size() > max_length) {
        fail(name,
             fmt::format("{} must be at most {} bytes (got {})", path(name), max_length, s.size()));
        return std::nullopt;
    }
    return s;
}

std::string RequestFields::text_or(std::string_view name, std::string fallback, size_t max_length) {
    auto v = optional_text(name, max_length);
    return v ? std::move(*v) : std::move(fallback);
}

std::optional<FieldError> RequestFields::finish() {
    if (error_) return error_;
    for (const auto& [key, value] : body_.items()) {
        if (!read_.count(key)) {
            return FieldError{path(key),
                              fmt::format("{} is not a field of this request", path(key))};
        }
    }
    return std::nullopt;
}

}  // namespace viddhana::analytics::service
