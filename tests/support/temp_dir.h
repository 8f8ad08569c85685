// A temporary directory for one test's files, removed when the test ends unless
// VIDDHANA_KEEP_TEST_DIRS is set (then its path is printed, for post-mortems).
#pragma once
#include <string>

namespace viddhana::test {

class TempDir {
  public:
    // prefix: a short name that shows in the path (/tmp/viddhana-<prefix>-XXXXXX).
    explicit TempDir(const std::string& prefix = "test");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return path_; }
    // path()/name, creating the sub-directory.
    std::string subdir(const std::string& name) const;
    std::string file(const std::string& name) const { return path_ + "/" + name; }

  private:
    std::string path_;
};

}  // namespace viddhana::test
