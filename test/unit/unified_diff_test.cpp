// Unified diffs of file contents (--diff): hunks as diff -u prints them.
#include "resources/UnifiedDiff.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace magicc::runtime {
namespace {

// "line1\n" .. "lineN\n", with some lines replaced (built, not edited: GCC
// 12 warns falsely on std::string::replace here).
std::string lines(int n, const std::map<int, std::string>& changed = {}) {
  std::string out;
  for (int i = 1; i <= n; ++i) {
    auto it = changed.find(i);
    out += it != changed.end() ? it->second : "line" + std::to_string(i);
    out += "\n";
  }
  return out;
}

TEST(UnifiedDiff, EqualTextsHaveNoHunks) {
  auto d = unifiedDiff("a\nb\n", "a\nb\n");
  EXPECT_EQ(d.hunks, "");
  EXPECT_EQ(d.added + d.removed, 0u);
  EXPECT_EQ(unifiedDiff("", "").hunks, "");
}

TEST(UnifiedDiff, OneChangedLineWithThreeLinesOfContext) {
  auto d = unifiedDiff(lines(10), lines(10, {{5, "LINE5"}}));
  EXPECT_EQ(d.hunks,
            "@@ -2,7 +2,7 @@\n line2\n line3\n line4\n-line5\n+LINE5\n line6\n line7\n line8\n");
  EXPECT_EQ(d.added, 1u);
  EXPECT_EQ(d.removed, 1u);
}

TEST(UnifiedDiff, AgainstNothingEveryLineIsAddedOrRemoved) {
  EXPECT_EQ(unifiedDiff("", "x\ny\n").hunks, "@@ -0,0 +1,2 @@\n+x\n+y\n");
  EXPECT_EQ(unifiedDiff("x\n", "").hunks, "@@ -1 +0,0 @@\n-x\n");
}

TEST(UnifiedDiff, DistantChangesAreSeparateHunksNearOnesOne) {
  auto d = unifiedDiff(lines(20), lines(20, {{2, "X"}, {18, "Y"}}));
  EXPECT_EQ(d.hunks,
            "@@ -1,5 +1,5 @@\n line1\n-line2\n+X\n line3\n line4\n line5\n"
            "@@ -15,6 +15,6 @@\n line15\n line16\n line17\n-line18\n+Y\n line19\n line20\n");
  // Six unchanged lines between two changes: their contexts touch, one hunk.
  auto one = unifiedDiff(lines(20), lines(20, {{2, "X"}, {9, "Y"}}));
  EXPECT_EQ(one.hunks.rfind("@@ -1,12 +1,12 @@\n", 0), 0u) << one.hunks;
  EXPECT_EQ(one.hunks.find("\n@@"), std::string::npos) << one.hunks;
}

TEST(UnifiedDiff, AMissingFinalNewlineIsSaid) {
  EXPECT_EQ(unifiedDiff("a\nb", "a\nb\n").hunks,
            "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
  EXPECT_EQ(unifiedDiff("a\n", "a\nc").hunks,
            "@@ -1 +1,2 @@\n a\n+c\n\\ No newline at end of file\n");
}

TEST(UnifiedDiff, InsertionsKeepLineNumbersRight) {
  auto d = unifiedDiff("a\nb\nc\n", "a\nb\nnew\nc\n");
  EXPECT_EQ(d.hunks, "@@ -1,3 +1,4 @@\n a\n b\n+new\n c\n");
}

}  // namespace
}  // namespace magicc::runtime
