// Names the product used before and still accepts at its two boundaries, the command line and
// the config, each with a warning naming what replaced it. They are translated here and nowhere
// else: everything past this point uses the current names.
//   viddhana ai TOOL ...          -> viddhana analytics TOOL ...
//   viddhana ai serve --config F  -> viddhana analytics --config F
//   config section ai.*           -> analytics.* (also VIDDHANA_AI_* -> VIDDHANA_ANALYTICS_*)
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace viddhana::app {

struct RenamedSection {
    std::string_view old_name;
    std::string_view new_name;
};
inline constexpr RenamedSection kRenamedSections[] = {{"ai", "analytics"}};

// The arguments (argv[0] included) with deprecated commands replaced; one warning per
// replacement is appended to `warnings`.
std::vector<std::string> replace_deprecated_commands(std::vector<std::string> args,
                                                     std::vector<std::string>& warnings);

}  // namespace viddhana::app
