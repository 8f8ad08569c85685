// docs/openapi.yaml and the router describe the same routes: a route without documentation, or
// documentation of a route that does not exist, fails here.
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "api/api_routes.h"
#include "api/openapi_document.h"

namespace viddhana::api {
namespace {

using RouteSet = std::set<std::string>;  // "GET /api/blocks/{hash}"

// The paths section's "  /path:" lines and the "    get:" lines under them.
RouteSet documented(const std::string& yaml) {
    RouteSet out;
    std::istringstream in(yaml);
    std::string line, path;
    bool in_paths = false;
    static const std::regex path_line(R"(^  (/[^:]*):\s*$)");
    static const std::regex method_line(R"(^    (get|post|put|patch|delete):.*$)");
    while (std::getline(in, line)) {
        if (line == "paths:") {
            in_paths = true;
            continue;
        }
        if (in_paths && !line.empty() && line[0] != ' ') break;
        if (!in_paths) continue;
        std::smatch m;
        if (std::regex_match(line, m, path_line)) {
            path = m[1];
        } else if (std::regex_match(line, m, method_line) && !path.empty()) {
            std::string method = m[1];
            for (auto& c : method)
                c = static_cast<char>(std::toupper(c));
            out.insert(method + " " + path);
        }
    }
    return out;
}

RouteSet routed() {
    ApiContext ctx;
    auto router = build_api_router(ctx);
    RouteSet out;
    for (const auto& r : router.routes())
        out.insert(r.method + " " + r.pattern);
    return out;
}

TEST(OpenApi, DocumentsEveryRouteAndNothingElse) {
    std::ifstream file(std::string(VIDDHANA_SOURCE_DIR) + "/docs/openapi.yaml");
    ASSERT_TRUE(file) << "docs/openapi.yaml is missing";
    std::stringstream text;
    text << file.rdbuf();
    auto docs = documented(text.str());
    auto routes = routed();
    ASSERT_GT(routes.size(), 10u);
    for (const auto& r : routes)
        EXPECT_TRUE(docs.count(r)) << "not documented: " << r;
    for (const auto& d : docs)
        EXPECT_TRUE(routes.count(d)) << "documented but not routed: " << d;
}

TEST(OpenApi, TheServedDocumentIsTheRepositorysOne) {
    std::ifstream file(std::string(VIDDHANA_SOURCE_DIR) + "/docs/openapi.yaml");
    std::stringstream text;
    text << file.rdbuf();
    EXPECT_EQ(openapi_document(), text.str());
    EXPECT_EQ(openapi_document().rfind("openapi: 3", 0), 0u);
}

}  // namespace
}  // namespace viddhana::api
