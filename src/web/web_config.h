// Settings of the `web` role, which serves the built dashboard (web/dist): web.* keys and the
// WEB_PORT / NEXT_PUBLIC_API_URL / NEXT_PUBLIC_WS_URL / NEXT_PUBLIC_CHAIN_ID variables.
#pragma once
#include <cstdint>
#include <string>

namespace viddhana::web {

struct WebConfig {
    bool enabled = true;  // run it inside `viddhana run`
    std::string host = "0.0.0.0";
    uint16_t port = 3004;
    std::string root;  // the built files; "" = default_web_root()
    // What the browser is told in /config.json. Empty URLs: the page's own host name on the
    // API's port (api_port), so one setting works behind any host name.
    std::string api_url;
    std::string ws_url;
    uint16_t api_port = 4444;
    int64_t chain_id = 1;
    bool access_log = true;
    int threads = 1;
};

// <share dir>/web: the installed dashboard, or web/dist of the sources through the build
// tree's link (base/share_dir.h).
std::string default_web_root();

}  // namespace viddhana::web
