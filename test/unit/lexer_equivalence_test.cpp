// grammar/MagicLexer.g4 is the token specification; the hand-written lexer
// must produce the same token stream for every example program.
#include <ANTLRInputStream.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "MagicLexer.h"
#include "syntax/Lexer.h"

namespace magicc::syntax {
namespace {

struct Tok {
  std::size_t type;
  std::size_t start;
  std::string text;
  bool operator==(const Tok&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Tok& t) {
  return os << t.type << "@" << t.start << " '" << t.text << "'";
}

std::vector<Tok> generated(const std::string& text) {
  antlr4::ANTLRInputStream input(text);
  grammar::MagicLexer lexer(&input);
  std::vector<Tok> out;
  for (auto t = lexer.nextToken(); t->getType() != antlr4::Token::EOF; t = lexer.nextToken())
    out.push_back({t->getType(), t->getStartIndex(), t->getText()});
  return out;
}

std::vector<Tok> handWritten(const std::string& text) {
  diag::DiagnosticEngine diags;
  Lexer lexer(text, 0, diags);
  std::vector<Tok> out;
  for (auto t = lexer.nextToken(); t->getType() != antlr4::Token::EOF; t = lexer.nextToken())
    out.push_back({t->getType(), t->getStartIndex(), t->getText()});
  return out;
}

TEST(LexerEquivalence, EveryExampleLexesTheSame) {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(MAGICC_EXAMPLES_DIR)) {
    if (entry.path().extension() != ".mm") continue;
    std::ifstream in(entry.path());
    std::stringstream buffer;
    buffer << in.rdbuf();
    SCOPED_TRACE(entry.path().string());
    EXPECT_EQ(handWritten(buffer.str()), generated(buffer.str()));
    ++files;
  }
  EXPECT_GE(files, 7);
}

TEST(LexerEquivalence, EveryTokenKind) {
  std::string text =
      "import param host inventory item resource kind in out pipeline stage true false matches "
      "-> ~> == != { } ( ) [ ] : , ; . ! & | $ ? = 500ms 10s 5m 2h 42 -7 \"s \\\" t\" id_9 # c\n";
  EXPECT_EQ(handWritten(text), generated(text));
}

TEST(LexerEquivalence, MultilineStrings) {
  for (std::string text : {
           "x: \"\"\"\n  a ${b}\n  \"\"\" y",
           "\"\" \"\"\"\"\"\" \"\"",
           "\"\"\"a \\\"\"\" \\\\\"\"\" z",
           "\"\"\"# not a comment\n{ [ (\"\"\" ]",
       }) {
    SCOPED_TRACE(text);
    EXPECT_EQ(handWritten(text), generated(text));
  }
}

}  // namespace
}  // namespace magicc::syntax
