// The built dashboard's files, read into memory once at start (a few hundred KB): a request is a
// map lookup, so no request path ever reaches the file system.
#pragma once
#include <map>
#include <string>

#include "base/expected.h"

namespace viddhana::web {

struct StaticFile {
    std::string body;
    std::string content_type;
    // Vite's content-hashed output (assets/…): its name changes whenever its bytes do.
    bool immutable = false;
};

class StaticFiles {
  public:
    // Every regular file under `root`. Error naming the folder when it is missing, has no
    // index.html (the dashboard was not built: npm run build in web/), or a file is unreadable.
    static Expected<StaticFiles> load(const std::string& root);
    // From memory (tests): paths relative to the root, with '/' separators.
    static StaticFiles from(std::map<std::string, std::string> files);

    // `path` as requested ("/assets/x.js"); null when there is no such file.
    const StaticFile* find(const std::string& path) const;
    const StaticFile& index() const { return files_.at("index.html"); }
    size_t size() const { return files_.size(); }

  private:
    void add(const std::string& relative, std::string body);
    std::map<std::string, StaticFile> files_;  // by relative path
};

}  // namespace viddhana::web
