// The one error shape every route answers with:
//   {"error":{"code":"bad_parameter","message":"...","parameter":"limit"}}
// Handlers throw ApiError (or return error_response) and the server renders it.
#pragma once
#include <optional>
#include <stdexcept>
#include <string>

#include "http/message.h"

namespace viddhana::http {

class ApiError : public std::runtime_error {
  public:
    ApiError(int status, std::string code, const std::string& message,
             std::optional<std::string> parameter = std::nullopt)
        : std::runtime_error(message),
          status_(status),
          code_(std::move(code)),
          parameter_(std::move(parameter)) {}

    int status() const { return status_; }
    const std::string& code() const { return code_; }
    const std::optional<std::string>& parameter() const { return parameter_; }

  private:
    int status_;
    std::string code_;
    std::optional<std::string> parameter_;
};

Response error_response(int status, const std::string& code, const std::string& message,
                        const std::optional<std::string>& parameter = std::nullopt);
Response error_response(const ApiError& e);

// 400 bad_parameter naming the parameter.
[[noreturn]] void throw_bad_parameter(const std::string& parameter, const std::string& message);

}  // namespace viddhana::http
