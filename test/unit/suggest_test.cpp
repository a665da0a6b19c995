#include "support/Suggest.h"

#include <gtest/gtest.h>

#include <array>

namespace magicc::support {
namespace {

TEST(Suggest, EditDistanceCountsTranspositionsOnce) {
  EXPECT_EQ(editDistance("item", "itme", 3), 1u);
  EXPECT_EQ(editDistance("depends", "dependz", 3), 1u);
  EXPECT_EQ(editDistance("kitten", "sitting", 5), 3u);
  EXPECT_EQ(editDistance("", "abc", 5), 3u);
  EXPECT_EQ(editDistance("abcdefgh", "zzzzzzzz", 2), 3u);  // gives up past the limit
}

TEST(Suggest, ClosestMatchOnlyForLikelyTypos) {
  constexpr std::array<std::string_view, 4> names = {"depends", "run", "retries", "timeout"};
  EXPECT_EQ(closestMatch("depnds", names), "depends");
  EXPECT_EQ(closestMatch("rn", names), "run");
  EXPECT_EQ(closestMatch("banana", names), std::nullopt);
  EXPECT_EQ(didYouMean("retires", names), "; did you mean 'retries'?");
  EXPECT_EQ(didYouMean("zzz", names), "");
}

TEST(Suggest, NoSuggestionThatRewritesTheWholeWord) {
  constexpr std::array<std::string_view, 3> names = {"a", "b", "app"};
  EXPECT_EQ(closestMatch("c", names), std::nullopt);
  EXPECT_EQ(closestMatch("ap", names), "app");
}

}  // namespace
}  // namespace magicc::support
