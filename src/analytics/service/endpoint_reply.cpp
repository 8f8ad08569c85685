#include "analytics/service/endpoint_reply.h"

#include <fmt/format.h>

namespace viddhana::analytics::service {

EndpointReply ok_reply(nlohmann::json body) {
    return {200, std::move(body)};
}

EndpointReply field_error_reply(const FieldError& error) {
    nlohmann::json e{{"code", "bad_parameter"}, {"message", error.message}};
    if (!error.field.empty()) e["parameter"] = error.field;
    return {400, {{"error", e}}};
}

EndpointReply error_reply(int status, std::string code, std::string message) {
    return {status, {{"error", {{"code", std::move(code)}, {"message", std::move(message)}}}}};
}

std::string format_coins(int64_t base_units, int64_t units_per_coin) {
    int decimals = 0;
    for (int64_t u = units_per_coin; u > 1; u /= 10)
        ++decimals;
    // Magnitude as unsigned so INT64_MIN does not overflow.
    uint64_t magnitude =
        base_units < 0 ? 0 - static_cast<uint64_t>(base_units) : static_cast<uint64_t>(base_units);
    uint64_t per = static_cast<uint64_t>(units_per_coin > 0 ? units_per_coin : 1);
    std::string whole = fmt::format("{}{}", base_units < 0 ? "-" : "", magnitude / per);
    if (decimals == 0) return whole;
    return fmt::format("{}.{:0{}}", whole, magnitude % per, decimals);
}

}  // namespace viddhana::analytics::service
