// Names the product used before and still accepts on the command line, each with a warning
// naming what replaced it. They are translated here and nowhere else: everything past this point
// uses the current names.
//   viddhana ai TOOL ...          -> viddhana analytics TOOL ...
//   viddhana ai serve --config F  -> viddhana analytics --config F
#pragma once
#include <string>
#include <vector>

namespace viddhana::app {

// The arguments (argv[0] included) with deprecated commands replaced; one warning per
// replacement is appended to `warnings`.
std::vector<std::string> replace_deprecated_commands(std::vector<std::string> args,
                                                     std::vector<std::string>& warnings);

}  // namespace viddhana::app
