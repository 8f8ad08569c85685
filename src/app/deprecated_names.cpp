#include "app/deprecated_names.h"

namespace viddhana::app {

std::vector<std::string> replace_deprecated_commands(std::vector<std::string> args,
                                                     std::vector<std::string>& warnings) {
    if (args.size() < 2 || args[1] != "ai") return args;
    args[1] = "analytics";
    if (args.size() > 2 && args[2] == "serve") {
        args.erase(args.begin() + 2);
        warnings.push_back(
            "`viddhana ai serve` is deprecated: use `viddhana analytics --config FILE`");
    } else {
        warnings.push_back("`viddhana ai` is deprecated: use `viddhana analytics`");
    }
    return args;
}

}  // namespace viddhana::app
