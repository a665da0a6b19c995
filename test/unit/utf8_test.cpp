#include "support/Utf8.h"

#include <gtest/gtest.h>

namespace magicc::support {
namespace {

TEST(Utf8, SequenceLengths) {
  EXPECT_EQ(utf8SequenceLength("a"), 1u);
  EXPECT_EQ(utf8SequenceLength("\xc3\xa9"), 2u);
  EXPECT_EQ(utf8SequenceLength("\xe2\x9c\x93"), 3u);
  EXPECT_EQ(utf8SequenceLength("\xf0\x9f\x9a\x80"), 4u);
}

TEST(Utf8, InvalidSequences) {
  EXPECT_EQ(utf8SequenceLength("\xff"), 0u);
  EXPECT_EQ(utf8SequenceLength("\xc0\xaf"), 0u);          // overlong
  EXPECT_EQ(utf8SequenceLength("\xed\xa0\x80"), 0u);      // surrogate
  EXPECT_EQ(utf8SequenceLength("\xf4\x90\x80\x80"), 0u);  // beyond U+10FFFF
  EXPECT_EQ(utf8SequenceLength("\xe2\x9c"), 0u);          // truncated
  EXPECT_EQ(utf8SequenceLength("\x80"), 0u);              // lone continuation
}

TEST(Utf8, PrintableEscapesWhatATerminalCannotShow) {
  EXPECT_EQ(printable("caf\xc3\xa9"), "caf\xc3\xa9");
  EXPECT_EQ(printable(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(printable("\xff"), "\\xFF");
  EXPECT_EQ(printable("abcdef", 3), "abc...");
}

}  // namespace
}  // namespace magicc::support
