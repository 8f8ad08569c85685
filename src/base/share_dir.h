// Where the program finds its read-only files (the built dashboard, the analytics data tables):
// beside the running executable, so an installed tree (<prefix>/bin/viddhana with
// <prefix>/share/viddhana) and a build tree (build/viddhana with build/share/viddhana, which the
// build links to the sources) both work wherever they sit. No path of the build machine is
// compiled in.
#pragma once
#include <filesystem>
#include <string>

namespace viddhana {

// <exe dir>/../share/viddhana when it exists (an installed tree), else <exe dir>/share/viddhana
// when that exists (a build tree), else the installed location, so an error names where the
// files were expected.
std::filesystem::path share_dir_for(const std::filesystem::path& executable);

// share_dir_for the running program (/proc/self/exe).
std::filesystem::path share_dir();

}  // namespace viddhana
