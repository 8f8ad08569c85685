// What the web port answers: the dashboard's files with their content types and cache rules
// (content-hashed assets for a year, index.html revalidated every time), index.html for every
// other page path so client-side routes survive a reload, and /config.json telling the app
// where the API and its WebSocket are.
#pragma once
#include <cstdint>
#include <string>

#include "http/message.h"
#include "http/router.h"
#include "web/static_files.h"

namespace viddhana::web {

struct SiteSettings {
    std::string api_url;  // "" = http://<the page's host>:<api_port>
    std::string ws_url;   // "" = ws://<the page's host>:<api_port>
    uint16_t api_port = 4444;
    int64_t chain_id = 1;
};

class Site {
  public:
    Site(StaticFiles files, SiteSettings settings)
        : files_(std::move(files)), settings_(std::move(settings)) {}

    // A GET for any path other than /config.json.
    http::Response serve(const http::Request& req) const;
    // {"apiUrl": ..., "wsUrl": ..., "chainId": ...}
    http::Response config_json(const http::Request& req) const;

  private:
    StaticFiles files_;
    SiteSettings settings_;
};

// GET / and every path up to 16 segments deep go to `site` (which must outlive the router).
http::Router build_site_router(const Site& site);

}  // namespace viddhana::web
