// String literals: escapes, ${...} parts with their own positions, $$.
#include "syntax/StringLiteral.h"

#include <gtest/gtest.h>

namespace magicc::syntax {
namespace {

using Kind = StringPart::Kind;

std::vector<StringPart> decode(std::string_view raw, diag::DiagnosticEngine& diags) {
  return decodeString(raw, source::SourceLoc{0, 100}, diags);
}

TEST(StringLiteral, Escapes) {
  diag::DiagnosticEngine diags;
  auto parts = decode(R"("a\"b\\c\nd\te")", diags);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].text, "a\"b\\c\nd\te");
  EXPECT_FALSE(diags.hasErrors());
}

TEST(StringLiteral, InterpolationPartsAndPositions) {
  diag::DiagnosticEngine diags;
  auto parts = decode(R"("up ${revision} on ${host.name}!")", diags);
  ASSERT_EQ(parts.size(), 5u);
  EXPECT_EQ(parts[0].kind, Kind::Literal);
  EXPECT_EQ(parts[0].text, "up ");
  EXPECT_EQ(parts[1].kind, Kind::Interpolation);
  EXPECT_EQ(parts[1].text, "revision");
  // The part covers "${revision}": offsets 4..15 of the literal, from 100.
  EXPECT_EQ(parts[1].range.begin.offset, 104u);
  EXPECT_EQ(parts[1].range.end.offset, 115u);
  EXPECT_EQ(parts[3].text, "host.name");
  EXPECT_EQ(parts[3].range.begin.offset, 119u);
  EXPECT_EQ(parts[4].text, "!");
  EXPECT_FALSE(diags.hasErrors());
}

TEST(StringLiteral, DoubleDollarIsALiteralDollar) {
  diag::DiagnosticEngine diags;
  auto parts = decode(R"("cost $$5 and $${x}")", diags);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].text, "cost $5 and ${x}");
  EXPECT_FALSE(diags.hasErrors());
}

TEST(StringLiteral, DollarBeforeNonNameIsLiteral) {
  diag::DiagnosticEngine diags;
  auto parts = decode(R"("^[a-z]+$")", diags);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].text, "^[a-z]+$");
  EXPECT_FALSE(diags.hasErrors());
}

TEST(StringLiteral, DollarNameIsAShellVariablePart) {
  // The checker decides whether it stands (a command's own variable) or is a
  // forgotten {...}; the text stays as written.
  diag::DiagnosticEngine diags;
  auto parts = decode(R"("echo $HOME $f.txt $host.name")", diags);
  EXPECT_FALSE(diags.hasErrors());
  ASSERT_EQ(parts.size(), 6u);
  EXPECT_EQ(parts[1].kind, Kind::ShellVariable);
  EXPECT_EQ(parts[1].text, "$HOME");
  EXPECT_EQ(parts[1].range.begin.offset, 106u);
  EXPECT_EQ(parts[3].text, "$f");
  EXPECT_EQ(parts[4].text, ".txt ");
  EXPECT_EQ(parts[5].text, "$host.name");
  EXPECT_EQ(joinLiteralParts(parts), "echo $HOME $f.txt $host.name");
}

TEST(StringLiteral, BadEscapeIsReportedAtTheBackslash) {
  diag::DiagnosticEngine diags;
  decode(R"("a\qb")", diags);
  ASSERT_EQ(diags.errorCount(), 1u);
  EXPECT_EQ(diags.diagnostics()[0].message, "unknown escape sequence '\\q' in string");
  EXPECT_EQ(diags.diagnostics()[0].range.begin.offset, 102u);
}

TEST(StringLiteral, BrokenInterpolations) {
  diag::DiagnosticEngine diags;
  decode(R"("${}")", diags);
  decode(R"("${a b}")", diags);
  decode(R"("${a.}")", diags);
  decode(R"("${abc")", diags);
  ASSERT_EQ(diags.errorCount(), 4u);
  EXPECT_EQ(diags.diagnostics()[0].message, "expected a name inside '${...}', found '}'");
  EXPECT_EQ(diags.diagnostics()[3].message, "unterminated '${' in string; expected '}'");
}

TEST(StringLiteral, MultilineStripsCommonIndentation) {
  diag::DiagnosticEngine diags;
  // Offsets from 100: the text starts after `"""\n`.
  auto parts = decode("\"\"\"\n    a ${x}\n      b\n\n    \"\"\"", diags);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].text, "a ");
  EXPECT_EQ(parts[0].range.begin.offset, 108u);
  EXPECT_EQ(parts[1].kind, Kind::Interpolation);
  EXPECT_EQ(parts[1].text, "x");
  EXPECT_EQ(parts[1].range.begin.offset, 110u);
  EXPECT_EQ(parts[1].range.end.offset, 114u);
  // The blank line keeps a final newline; the closing line goes.
  EXPECT_EQ(parts[2].text, "\n  b\n");
  EXPECT_FALSE(diags.hasErrors());
}

TEST(StringLiteral, MultilineCornerCases) {
  diag::DiagnosticEngine diags;
  auto text = [&](std::string_view raw) { return joinLiteralParts(decode(raw, diags)); };
  EXPECT_EQ(text("\"\"\"\"\"\""), "");
  EXPECT_EQ(text("\"\"\"one line\"\"\""), "one line");
  EXPECT_EQ(text("\"\"\"first\n  second\"\"\""), "first\n  second");
  EXPECT_EQ(text("\"\"\"\r\n  a\r\n  b\r\n  \"\"\""), "a\nb");
  EXPECT_EQ(text("\"\"\"\n  a\n   \n  b\n\"\"\""), "a\n\nb");
  EXPECT_EQ(text("\"\"\"  \n  a\n\"\"\""), "a");
  EXPECT_EQ(text("\"\"\"\n\t\ta \\\"q\\\" \\t\n\t\"\"\""), "a \"q\" \t");
  EXPECT_FALSE(diags.hasErrors());
}

TEST(StringLiteral, TemplateKeepsBackslashesAndDollarNames) {
  diag::DiagnosticEngine diags;
  auto parts = decodeTemplate("a\\n \"$host\" $$ ${port}\n", source::SourceLoc{3, 0}, diags);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].text, "a\\n \"$host\" $ ");
  EXPECT_EQ(parts[1].text, "port");
  EXPECT_EQ(parts[1].range.begin.file, 3u);
  EXPECT_EQ(parts[1].range.begin.offset, 15u);
  EXPECT_EQ(parts[2].text, "\n");
  EXPECT_FALSE(diags.hasErrors());
}

TEST(StringLiteral, UnterminatedLiteralKeepsItsText) {
  diag::DiagnosticEngine diags;
  auto parts = decodeString("\"abc", source::SourceLoc{0, 0}, diags, /*terminated=*/false);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].text, "abc");
}

}  // namespace
}  // namespace magicc::syntax
