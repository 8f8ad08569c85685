#include "web/web_config.h"

namespace viddhana::web {

std::string default_web_root() {
    return VIDDHANA_WEB_DIST;
}

}  // namespace viddhana::web
