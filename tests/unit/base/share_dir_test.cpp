// The read-only files are found relative to the executable, in an installed tree or a build tree.
#include "base/share_dir.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>

namespace fs = std::filesystem;

namespace {

struct ScratchTree : ::testing::Test {
    fs::path root;
    void SetUp() override {
        root = fs::temp_directory_path() /
               ("share-dir-test-" + std::to_string(std::random_device{}()));
        fs::create_directories(root);
    }
    void TearDown() override { fs::remove_all(root); }
};

TEST_F(ScratchTree, InstalledTreeIsFoundBesideBin) {
    fs::create_directories(root / "bin");
    fs::create_directories(root / "share" / "viddhana");
    EXPECT_EQ(viddhana::share_dir_for(root / "bin" / "viddhana"), root / "share" / "viddhana");
}

TEST_F(ScratchTree, BuildTreeIsFoundInsideTheBuildFolder) {
    fs::create_directories(root / "build" / "share" / "viddhana");
    EXPECT_EQ(viddhana::share_dir_for(root / "build" / "viddhana"),
              root / "build" / "share" / "viddhana");
}

TEST_F(ScratchTree, InstalledTreeWinsOverABuildTree) {
    fs::create_directories(root / "bin" / "share" / "viddhana");
    fs::create_directories(root / "share" / "viddhana");
    EXPECT_EQ(viddhana::share_dir_for(root / "bin" / "viddhana"), root / "share" / "viddhana");
}

TEST_F(ScratchTree, NeitherNamesTheInstalledLocation) {
    fs::create_directories(root / "bin");
    EXPECT_EQ(viddhana::share_dir_for(root / "bin" / "viddhana"), root / "share" / "viddhana");
}

TEST(ShareDir, RunningProgramResolvesBesideItsRealPath) {
    // This test binary has no share tree: the answer is the installed location next to it.
    fs::path exe = fs::canonical("/proc/self/exe");
    fs::path expected = viddhana::share_dir_for(exe);
    EXPECT_EQ(viddhana::share_dir(), expected);
    EXPECT_EQ(expected.filename(), "viddhana");
}

}  // namespace
