#include "source/SourceManager.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace magicc::source {
namespace {

TEST(SourceManager, LineAndColumnAreOneBasedBytes) {
  SourceManager sm;
  FileId f = sm.addBuffer("x.mm", "ab\ncd\r\n\nxyz");
  EXPECT_EQ(sm.lineColumn({f, 0}).line, 1u);
  EXPECT_EQ(sm.lineColumn({f, 4}).column, 2u);
  EXPECT_EQ(sm.lineColumn({f, 4}).line, 2u);
  EXPECT_EQ(sm.lineColumn({f, 9}).line, 4u);
  EXPECT_EQ(sm.lineText(f, 2), "cd");  // no CR
  EXPECT_EQ(sm.lineText(f, 3), "");
  EXPECT_EQ(sm.lineText(f, 4), "xyz");
  EXPECT_EQ(sm.lineCount(f), 4u);
}

TEST(SourceManager, FilesAreLoadedOnceByCanonicalPath) {
  auto dir = std::filesystem::temp_directory_path() / "magicc_sm_test";
  std::filesystem::create_directories(dir / "sub");
  std::ofstream(dir / "a.mm") << "item a {}\n";
  SourceManager sm;
  auto first = sm.loadFile((dir / "a.mm").string());
  auto second = sm.loadFile((dir / "sub" / ".." / "a.mm").string());
  ASSERT_TRUE(first.error.empty());
  EXPECT_EQ(first.id, second.id);
  EXPECT_TRUE(second.alreadyLoaded);
  EXPECT_EQ(sm.fileCount(), 1u);
  std::filesystem::remove_all(dir);
}

TEST(SourceManager, MissingFilesAndDirectoriesAreErrors) {
  SourceManager sm;
  auto missing = sm.loadFile("/nonexistent/x.mm");
  EXPECT_EQ(missing.id, kInvalidFile);
  EXPECT_EQ(missing.error, "No such file or directory");
  auto dir = sm.loadFile("/tmp");
  EXPECT_EQ(dir.error, "is a directory");
}

}  // namespace
}  // namespace magicc::source
