// docs/openapi.yaml, compiled into the program so GET /api/openapi.yaml always serves the
// document of the routes this build has.
#pragma once
#include <string>

namespace viddhana::api {

const std::string& openapi_document();

}  // namespace viddhana::api
