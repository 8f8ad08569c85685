#include "base/share_dir.h"

namespace viddhana {

std::filesystem::path share_dir_for(const std::filesystem::path& executable) {
    const std::filesystem::path bin = executable.parent_path();
    const std::filesystem::path installed = bin.parent_path() / "share" / "viddhana";
    const std::filesystem::path build_tree = bin / "share" / "viddhana";
    std::error_code ec;
    if (std::filesystem::is_directory(installed, ec)) return installed;
    if (std::filesystem::is_directory(build_tree, ec)) return build_tree;
    return installed;
}

std::filesystem::path share_dir() {
    std::error_code ec;
    // The executable's real path: a symlink to it (/usr/local/bin/viddhana -> ...) must not
    // move the tree it looks in.
    std::filesystem::path exe = std::filesystem::canonical("/proc/self/exe", ec);
    if (ec) exe = std::filesystem::current_path(ec) / "viddhana";
    return share_dir_for(exe);
}

}  // namespace viddhana
