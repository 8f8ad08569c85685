// Cross-origin access from the configured origins (CORS_ORIGIN: a comma separated list; "*"
// allows any origin). The pipeline answers preflight OPTIONS requests and adds the headers to
// every answer whose Origin is allowed.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace viddhana::http {

class CorsPolicy {
  public:
    CorsPolicy() = default;
    explicit CorsPolicy(std::vector<std::string> origins);
    // "http://a, http://b" -> two origins (spaces and empty items ignored).
    static CorsPolicy from_list(const std::string& comma_separated);

    // The value for Access-Control-Allow-Origin, or none when the origin is not allowed.
    std::optional<std::string> allow(const std::string& origin) const;
    const std::vector<std::string>& origins() const { return origins_; }

  private:
    std::vector<std::string> origins_;
    bool any_ = false;
};

}  // namespace viddhana::http
