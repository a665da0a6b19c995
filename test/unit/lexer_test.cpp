// The hand-written lexer's corners: token kinds, durations, dotted tags,
// positions, and bad input turned into diagnostics.
#include "syntax/Lexer.h"

#include <gtest/gtest.h>

#include "MagicParser.h"

namespace magicc::syntax {
namespace {

using P = grammar::MagicParser;

struct Lexed {
  std::vector<std::size_t> types;
  std::vector<std::string> texts;
  std::vector<std::size_t> starts;
  diag::DiagnosticEngine diags;
};

std::unique_ptr<Lexed> lex(std::string_view text) {
  auto out = std::make_unique<Lexed>();
  Lexer lexer(text, 0, out->diags);
  for (;;) {
    auto t = lexer.nextToken();
    if (t->getType() == antlr4::Token::EOF) break;
    out->types.push_back(t->getType());
    out->texts.push_back(t->getText());
    out->starts.push_back(t->getStartIndex());
  }
  return out;
}

TEST(Lexer, KeywordsAndIdentifiers) {
  auto l = lex("item items in inventory _x9 matches");
  EXPECT_EQ(l->types,
            (std::vector<std::size_t>{P::ITEM, P::ID, P::IN, P::INVENTORY, P::ID, P::MATCHES}));
}

TEST(Lexer, DurationsAndIntegers) {
  auto l = lex("500ms 10s 5m 2h 42 -7 0");
  EXPECT_EQ(l->types, (std::vector<std::size_t>{P::DURATION, P::DURATION, P::DURATION, P::DURATION,
                                                P::INT, P::INT, P::INT}));
  EXPECT_EQ(l->texts[0], "500ms");
  EXPECT_EQ(l->texts[5], "-7");
  EXPECT_FALSE(l->diags.hasErrors());
}

TEST(Lexer, BadDurationUnitIsOneErrorAndOneToken) {
  auto l = lex("10sec x");
  ASSERT_EQ(l->types.size(), 2u);
  EXPECT_EQ(l->types[0], P::INT);
  ASSERT_EQ(l->diags.errorCount(), 1u);
  EXPECT_EQ(l->diags.diagnostics()[0].message,
            "invalid number '10sec'; a duration takes the unit ms, s, m or h");
}

TEST(Lexer, TagsWithDotsAreNamesAndDots) {
  auto l = lex("os.debian & !support_level.basic");
  EXPECT_EQ(l->types, (std::vector<std::size_t>{P::ID, P::DOT, P::ID, P::AMP, P::BANG, P::ID,
                                                P::DOT, P::ID}));
  EXPECT_EQ(l->starts[2], 3u);
}

TEST(Lexer, ArrowsAndComparisons) {
  auto l = lex("a->b ~> c == d != e = f ! g");
  EXPECT_EQ(l->types,
            (std::vector<std::size_t>{P::ID, P::ARROW, P::ID, P::TILDE_ARROW, P::ID, P::EQ, P::ID,
                                      P::NEQ, P::ID, P::ASSIGN, P::ID, P::BANG, P::ID}));
}

TEST(Lexer, CommentsAreSkippedButStringsKeepHashes) {
  auto l = lex("a # comment \"not a string\n\"x # y\" # more");
  ASSERT_EQ(l->types.size(), 2u);
  EXPECT_EQ(l->texts[1], "\"x # y\"");
}

TEST(Lexer, StringEscapesStayInOneToken) {
  auto l = lex(R"("a \"b\" \\ c")");
  ASSERT_EQ(l->types.size(), 1u);
  EXPECT_EQ(l->types[0], P::STRING);
  EXPECT_FALSE(l->diags.hasErrors());
}

TEST(Lexer, UnterminatedStringEndsAtLineEnd) {
  auto l = lex("\"abc\nitem");
  ASSERT_EQ(l->types.size(), 2u);
  EXPECT_EQ(l->types[0], P::STRING);
  EXPECT_EQ(l->types[1], P::ITEM);
  ASSERT_EQ(l->diags.errorCount(), 1u);
  EXPECT_EQ(l->diags.diagnostics()[0].message, "unterminated string literal");
}

TEST(Lexer, StrayCharacterIsReportedAndDropped) {
  auto l = lex("a @ b");
  EXPECT_EQ(l->types, (std::vector<std::size_t>{P::ID, P::ID}));
  ASSERT_EQ(l->diags.errorCount(), 1u);
  EXPECT_EQ(l->diags.diagnostics()[0].message, "unexpected character '@'");
  EXPECT_EQ(l->diags.diagnostics()[0].range.begin.offset, 2u);
}

TEST(Lexer, NulBytesAndInvalidUtf8AreDiagnosed) {
  std::string text = "a ";
  text += '\0';
  text += " b \xff c \"\xc3\x28\"";
  auto l = lex(text);
  EXPECT_EQ(l->types, (std::vector<std::size_t>{P::ID, P::ID, P::ID, P::STRING}));
  ASSERT_EQ(l->diags.errorCount(), 3u);
  EXPECT_EQ(l->diags.diagnostics()[0].message, "unexpected NUL byte");
  EXPECT_EQ(l->diags.diagnostics()[1].message, "invalid UTF-8 byte sequence");
  EXPECT_EQ(l->diags.diagnostics()[2].message, "invalid UTF-8 byte sequence");
}

TEST(Lexer, Utf8InStringsAndCommentsIsFine) {
  auto l = lex("\"caf\xc3\xa9 \xe2\x9c\x93\" # \xf0\x9f\x9a\x80");
  EXPECT_EQ(l->types.size(), 1u);
  EXPECT_FALSE(l->diags.hasErrors());
}

TEST(Lexer, NestingBeyondTheLimitIsOneErrorAndOneToken) {
  std::string text(Lexer::kMaxNesting + 10, '(');
  text += "a";
  text += std::string(Lexer::kMaxNesting + 10, ')');
  auto l = lex(text);
  ASSERT_EQ(l->diags.errorCount(), 1u);
  EXPECT_EQ(l->diags.diagnostics()[0].message, "nesting too deep (more than 256 levels)");
  // The levels within the limit stay (the enclosing item's brace counts
  // too); the rest is one stand-in token.
  EXPECT_EQ(l->types.size(), 2u * Lexer::kMaxNesting + 1);
  EXPECT_EQ(l->types[Lexer::kMaxNesting], P::TRUE);
}

TEST(Lexer, LineAndColumnOfTokens) {
  diag::DiagnosticEngine diags;
  Lexer lexer("a\n  b", 0, diags);
  auto a = lexer.nextToken();
  auto b = lexer.nextToken();
  EXPECT_EQ(a->getLine(), 1u);
  EXPECT_EQ(b->getLine(), 2u);
  EXPECT_EQ(b->getCharPositionInLine(), 2u);
  EXPECT_EQ(b->getStartIndex(), 4u);
  EXPECT_EQ(b->getStopIndex(), 4u);
}

TEST(Lexer, MultilineStringIsOneTokenAcrossLines) {
  diag::DiagnosticEngine diags;
  Lexer lexer("a \"\"\"\n  x \\\"\"\" \"\n  \"\"\" b", 0, diags);
  auto a = lexer.nextToken();
  auto s = lexer.nextToken();
  auto b = lexer.nextToken();
  EXPECT_EQ(s->getType(), P::STRING);
  EXPECT_EQ(s->getText(), "\"\"\"\n  x \\\"\"\" \"\n  \"\"\"");
  // The token keeps where it starts; what follows counts the lines inside.
  EXPECT_EQ(s->getLine(), 1u);
  EXPECT_EQ(s->getCharPositionInLine(), 2u);
  EXPECT_EQ(b->getType(), P::ID);
  EXPECT_EQ(b->getLine(), 3u);
  EXPECT_EQ(b->getCharPositionInLine(), 6u);
  EXPECT_FALSE(diags.hasErrors());
}

TEST(Lexer, UnterminatedMultilineStringRunsToTheEnd) {
  auto l = lex("x: \"\"\"\nabc\n}\n");
  ASSERT_EQ(l->types.size(), 3u);
  EXPECT_EQ(l->types[2], P::STRING);
  EXPECT_EQ(l->texts[2], "\"\"\"\nabc\n}\n");
  ASSERT_EQ(l->diags.errorCount(), 1u);
  EXPECT_EQ(l->diags.diagnostics()[0].range.begin.offset, 3u);
  EXPECT_EQ(l->diags.diagnostics()[0].range.end.offset, 6u);
}

TEST(Lexer, EmptyStringIsNotAMultilineOne) {
  auto l = lex("\"\" \"\"\"\"\"\"");
  ASSERT_EQ(l->types.size(), 2u);
  EXPECT_EQ(l->texts[0], "\"\"");
  EXPECT_EQ(l->texts[1], "\"\"\"\"\"\"");
  EXPECT_FALSE(l->diags.hasErrors());
}

}  // namespace
}  // namespace magicc::syntax
