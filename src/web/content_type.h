// The Content-Type of a served file, from its extension.
#pragma once
#include <string_view>

namespace viddhana::web {

// "application/octet-stream" for an extension it does not know.
std::string_view content_type_for(std::string_view path);

}  // namespace viddhana::web
