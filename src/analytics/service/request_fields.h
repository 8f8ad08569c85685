// Strict reading of a JSON request body: every field an endpoint reads is checked for presence,
// type and range, and a field the endpoint does not know is refused. The first problem is kept
// as a FieldError naming the field, so a client learns exactly what to fix.
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

namespace viddhana::analytics::service {

struct FieldError {
    std::string field;    // "hashrate", "series[3].difficulty", or "" for the body itself
    std::string message;  // names the field: "hashrate must be a number above 0"
};

// A parsed request or the field that made it unusable.
template <typename T>
class Validated {
  public:
    Validated(T value) : v_(std::move(value)) {}
    Validated(FieldError error) : v_(std::move(error)) {}
    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<0>(v_); }
    const T& value() const { return std::get<0>(v_); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const FieldError& error() const { return std::get<1>(v_); }

  private:
    std::variant<T, FieldError> v_;
};

class RequestFields {
  public:
    // `body` should be an object; anything else is an error on the body (field "").
    // `prefix` names nested objects in messages ("tip." in "tip.height").
    explicit RequestFields(const nlohmann::json& body, std::string prefix = "");
    // The body is read in place: it must outlive the reader.
    RequestFields(nlohmann::json&&, std::string = "") = delete;

    // Numbers: finite, within [min, max]. A missing required field is an error.
    double number(std::string_view name, double min, double max);
    std::optional<double> optional_number(std::string_view name, double min, double max);
    double number_or(std::string_view name, double fallback, double min, double max);
    // Integers: JSON integers only (1.5 and "3" are refused).
    int64_t integer_or(std::string_view name, int64_t fallback, int64_t min, int64_t max);
    std::optional<int64_t> optional_integer(std::string_view name, int64_t min, int64_t max);
    // Strings: non-empty, at most max_length bytes.
    std::optional<std::string> optional_text(std::string_view name, size_t max_length = 256);
    std::string text_or(std::string_view name, std::string fallback, size_t max_length = 256);
    // The raw value (marked as read); nullptr when absent or null.
    const nlohmann::json* raw(std::string_view name);
    bool has(std::string_view name) const;

    // Records a problem with a field (the first one wins).
    void fail(std::string_view name, std::string message);
    // Records a problem found in a nested object (its field is already the full path).
    void fail(FieldError error);
    // The first problem, after refusing fields nobody read.
    std::optional<FieldError> finish();
    bool failed() const { return error_.has_value(); }
    std::string path(std::string_view name) const { return prefix_ + std::string(name); }

  private:
    const nlohmann::json* find(std::string_view name);

    const nlohmann::json& body_;
    std::string prefix_;
    std::set<std::string, std::less<>> read_;
    std::optional<FieldError> error_;
};

// A JSON value's type as a client would name it, for messages ("a string", "null", ...).
std::string json_type_name(const nlohmann::json& value);

}  // namespace viddhana::analytics::service
