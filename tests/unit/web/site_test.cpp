// The dashboard's server without a socket: files with their types and cache rules, the
// client-side routes falling back to index.html, missing assets as 404, and /config.json.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/api_error.h"
#include "web/content_type.h"
#include "web/site.h"
#include "web/static_files.h"

namespace viddhana::web {
namespace {

StaticFiles sample_files() {
    return StaticFiles::from({{"index.html", "<!doctype html><div id=app></div>"},
                              {"assets/index-AbC123.js", "console.log(1)"},
                              {"assets/index-AbC123.css", "body{}"},
                              {"favicon.svg", "<svg/>"}});
}

http::Request get(const std::string& path, const std::string& host = "pool.example:3004") {
    http::Request r;
    r.method = "GET";
    r.path = path;
    r.target = path;
    if (!host.empty()) r.headers["host"] = host;
    return r;
}

// Routes the request like the pipeline does, then calls the handler.
http::Response route(const http::Router& router, http::Request req) {
    auto m = router.match(req.method, req.path);
    EXPECT_NE(m.route, nullptr) << req.path;
    if (!m.route) return {};
    req.path_params = m.params;
    return m.route->handler(req);
}

TEST(ContentType, KnowsTheBuildsFileKinds) {
    EXPECT_EQ(content_type_for("/index.html"), "text/html; charset=utf-8");
    EXPECT_EQ(content_type_for("assets/a-1.js"), "text/javascript; charset=utf-8");
    EXPECT_EQ(content_type_for("assets/a-1.CSS"), "text/css; charset=utf-8");
    EXPECT_EQ(content_type_for("favicon.svg"), "image/svg+xml");
    EXPECT_EQ(content_type_for("font.woff2"), "font/woff2");
    EXPECT_EQ(content_type_for("README"), "application/octet-stream");
    EXPECT_EQ(content_type_for("dir.d/file"), "application/octet-stream");
}

TEST(Site, ServesFilesWithTypesAndCacheRules) {
    Site site(sample_files(), {});
    auto router = build_site_router(site);

    auto js = route(router, get("/assets/index-AbC123.js"));
    EXPECT_EQ(js.status, 200);
    EXPECT_EQ(js.body, "console.log(1)");
    EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
    EXPECT_EQ(js.header("Cache-Control"), "public, max-age=31536000, immutable");

    auto icon = route(router, get("/favicon.svg"));
    EXPECT_EQ(icon.content_type, "image/svg+xml");
    EXPECT_EQ(icon.header("Cache-Control"), "public, max-age=3600");

    auto index = route(router, get("/"));
    EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
    EXPECT_EQ(index.header("Cache-Control"), "no-cache");
    EXPECT_NE(index.body.find("id=app"), std::string::npos);
}

TEST(Site, ClientRoutesGetIndexHtml) {
    Site site(sample_files(), {});
    auto router = build_site_router(site);
    for (std::string path :
         {"/blocks", "/miner/rltc1qxyz", "/pools", "/no/such/page/at/all", "/index.html"}) {
        auto res = route(router, get(path));
        EXPECT_EQ(res.status, 200) << path;
        EXPECT_EQ(res.content_type, "text/html; charset=utf-8") << path;
        EXPECT_EQ(res.header("Cache-Control"), "no-cache") << path;
    }
}

TEST(Site, MissingAssetsAreNotFound) {
    Site site(sample_files(), {});
    auto router = build_site_router(site);
    for (std::string path : {"/assets/index-Old999.js", "/assets/x", "/robots.txt"}) {
        try {
            route(router, get(path));
            ADD_FAILURE() << path << " was served";
        } catch (const http::ApiError& e) {
            EXPECT_EQ(e.status(), 404) << path;
        }
    }
}

TEST(Site, ConfigJsonUsesSettingsOrThePageHost) {
    Site configured(sample_files(), {"https://api.example", "wss://api.example", 4444, 7});
    auto a = nlohmann::json::parse(configured.config_json(get("/config.json")).body);
    EXPECT_EQ(
        a, (nlohmann::json{
               {"apiUrl", "https://api.example"}, {"wsUrl", "wss://api.example"}, {"chainId", 7}}));

    Site derived(sample_files(), {"", "", 4555, 1});
    auto router = build_site_router(derived);
    auto res = route(router, get("/config.json", "pool.example:3004"));
    EXPECT_EQ(res.content_type, "application/json");
    EXPECT_EQ(res.header("Cache-Control"), "no-cache");
    auto b = nlohmann::json::parse(res.body);
    EXPECT_EQ(b["apiUrl"], "http://pool.example:4555");
    EXPECT_EQ(b["wsUrl"], "ws://pool.example:4555");

    auto v6 = nlohmann::json::parse(derived.config_json(get("/config.json", "[::1]:3004")).body);
    EXPECT_EQ(v6["apiUrl"], "http://[::1]:4555");
    auto odd = nlohmann::json::parse(derived.config_json(get("/config.json", "a\"b<c")).body);
    EXPECT_EQ(odd["apiUrl"], "http://localhost:4555");
    auto none = nlohmann::json::parse(derived.config_json(get("/config.json", "")).body);
    EXPECT_EQ(none["wsUrl"], "ws://localhost:4555");
}

class StaticFilesOnDisk : public ::testing::Test {
  protected:
    void SetUp() override {
        root_ =
            std::filesystem::temp_directory_path() /
            ("viddhana-web-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(root_);
        std::filesystem::create_directories(root_ / "assets");
        std::filesystem::create_directories(root_ / ".vite");
    }
    void TearDown() override { std::filesystem::remove_all(root_); }
    void write(const std::string& relative, const std::string& body) {
        std::ofstream(root_ / relative, std::ios::binary) << body;
    }
    std::filesystem::path root_;
};

TEST_F(StaticFilesOnDisk, LoadsEveryFileButTheManifest) {
    write("index.html", "<html>");
    write("assets/app-1.js", std::string("a\0b", 3));
    write(".vite/manifest.json", "{}");
    auto files = StaticFiles::load(root_.string());
    ASSERT_TRUE(files) << files.error().message;
    EXPECT_EQ(files->size(), 2u);
    ASSERT_NE(files->find("/assets/app-1.js"), nullptr);
    EXPECT_EQ(files->find("/assets/app-1.js")->body, std::string("a\0b", 3));
    EXPECT_TRUE(files->find("/assets/app-1.js")->immutable);
    EXPECT_EQ(files->find("/.vite/manifest.json"), nullptr);
    EXPECT_EQ(files->find("/../index.html"), nullptr);
}

TEST_F(StaticFilesOnDisk, SaysWhenTheDashboardIsNotBuilt) {
    auto missing = StaticFiles::load((root_ / "nope").string());
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("is not a folder"), std::string::npos);
    auto empty = StaticFiles::load(root_.string());
    ASSERT_FALSE(empty);
    EXPECT_NE(empty.error().message.find("has no index.html"), std::string::npos);
}

}  // namespace
}  // namespace viddhana::web
