#include "http/api_error.h"

namespace viddhana::http {

Response error_response(int status, const std::string& code, const std::string& message,
                        const std::optional<std::string>& parameter) {
    nlohmann::json error{{"code", code}, {"message", message}};
    if (parameter) error["parameter"] = *parameter;
    return json_response(nlohmann::json{{"error", std::move(error)}}, status);
}

Response error_response(const ApiError& e) {
    return error_response(e.status(), e.code(), e.what(), e.parameter());
}

void throw_bad_parameter(const std::string& parameter, const std::string& message) {
    throw ApiError(400, "bad_parameter", message, parameter);
}

}  // namespace viddhana::http
