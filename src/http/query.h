// Parsing of request targets (path, query string, percent-encoding) and typed reading of query
// parameters: a bad value throws ApiError 400 "bad_parameter" naming the parameter.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/expected.h"
#include "http/message.h"

namespace viddhana::http {

// Decodes %XX escapes (and '+' as a space when `plus_is_space`); malformed escapes are errors.
Expected<std::string> percent_decode(std::string_view in, bool plus_is_space);

struct Target {
    std::string path;
    std::map<std::string, std::string> query;
};
// Splits "/a/b?x=1&y=2" into a decoded path and query map (first value wins).
Expected<Target> parse_target(std::string_view target);

// Integer parameter in [min, max]; `fallback` when absent.
int64_t int_param(const Request& req, const std::string& name, int64_t fallback, int64_t min,
                  int64_t max);
std::optional<int64_t> optional_int_param(const Request& req, const std::string& name, int64_t min,
                                          int64_t max);
// One of `allowed`; `fallback` when absent.
std::string choice_param(const Request& req, const std::string& name, const std::string& fallback,
                         const std::vector<std::string>& allowed);
// A time as Unix milliseconds, or an ISO 8601 UTC time ("2026-01-31T12:00:00Z"); none when absent.
std::optional<int64_t> time_param(const Request& req, const std::string& name);
// Parses "15m", "7d", "30s", "2h", "500ms" or plain seconds into milliseconds.
Expected<int64_t> parse_duration_ms(std::string_view text);

}  // namespace viddhana::http
