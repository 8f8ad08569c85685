#include "web/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "web/content_type.h"

namespace viddhana::web {

namespace fs = std::filesystem;

namespace {

constexpr uintmax_t kMaxFileBytes = 32u << 20;

}  // namespace

void StaticFiles::add(const std::string& relative, std::string body) {
    StaticFile f;
    f.body = std::move(body);
    f.content_type = std::string(content_type_for(relative));
    f.immutable = relative.rfind("assets/", 0) == 0;
    files_[relative] = std::move(f);
}

Expected<StaticFiles> StaticFiles::load(const std::string& root) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) {
        return make_error(fmt::format(
            "web.root: '{}' is not a folder (build the dashboard with npm run build in web/)",
            root));
    }
    StaticFiles out;
    for (auto it = fs::recursive_directory_iterator(root, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        std::string relative = fs::relative(it->path(), root, ec).generic_string();
        if (ec) break;
        // Vite's manifest describes the build; browsers have no use for it.
        if (relative.rfind(".vite/", 0) == 0) continue;
        if (it->file_size(ec) > kMaxFileBytes) {
            return make_error(fmt::format("web.root: {} is larger than {} MB", it->path().string(),
                                          kMaxFileBytes >> 20));
        }
        std::ifstream in(it->path(), std::ios::binary);
        std::ostringstream body;
        body << in.rdbuf();
        if (!in && !in.eof()) return make_error(fmt::format("cannot read {}", it->path().string()));
        out.add(relative, std::move(body).str());
    }
    if (ec) return make_error(fmt::format("web.root: cannot list '{}': {}", root, ec.message()));
    if (!out.files_.count("index.html")) {
        return make_error(fmt::format(
            "web.root: '{}' has no index.html (build the dashboard with npm run build in web/)",
            root));
    }
    return out;
}

StaticFiles StaticFiles::from(std::map<std::string, std::string> files) {
    StaticFiles out;
    for (auto& [path, body] : files)
        out.add(path, std::move(body));
    return out;
}

const StaticFile* StaticFiles::find(const std::string& path) const {
    std::string relative = path;
    while (!relative.empty() && relative.front() == '/')
        relative.erase(0, 1);
    auto it = files_.find(relative);
    return it == files_.end() ? nullptr : &it->second;
}

}  // namespace viddhana::web
