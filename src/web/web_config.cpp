#include "web/web_config.h"

#include "base/share_dir.h"

namespace viddhana::web {

std::string default_web_root() {
    return (share_dir() / "web").string();
}

}  // namespace viddhana::web
