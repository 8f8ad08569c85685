// What an analytics endpoint answers: an HTTP status and a JSON body. Errors have the shape every
// route of the product answers with, {"error": {"code", "message", "parameter"?}}, where
// "parameter" names the request field to fix.
#pragma once
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "analytics/service/request_fields.h"

namespace viddhana::analytics::service {

struct EndpointReply {
    int status = 200;
    nlohmann::json body;
};

EndpointReply ok_reply(nlohmann::json body);
// 400 bad_parameter naming the field.
EndpointReply field_error_reply(const FieldError& error);
// Any other failure: 422 (the input is well-formed but the model cannot use it), 503 (the node
// or the store did not answer), ...
EndpointReply error_reply(int status, std::string code, std::string message);

// Base units as a decimal coin amount, exactly ("1.25000000" for 125000000 at 10^8 units).
std::string format_coins(int64_t base_units, int64_t units_per_coin);

}  // namespace viddhana::analytics::service
