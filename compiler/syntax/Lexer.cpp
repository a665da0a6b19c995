#include "syntax/Lexer.h"

#include <CommonTokenFactory.h>

#include <cstring>

#include "MagicParser.h"
#include "support/Utf8.h"
#include "syntax/CharClass.h"
#include "syntax/Keywords.h"
#include "syntax/Token.h"

namespace magicc::syntax {

using P = grammar::MagicParser;
using diag::DiagId;

namespace {

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

std::uint32_t keywordType(std::string_view word) {
  struct Keyword {
    std::string_view text;
    std::uint32_t type;
  };
  static constexpr Keyword kKeywords[] = {
      {"import", P::IMPORT},       {"param", P::PARAM},     {"host", P::HOST},
      {"inventory", P::INVENTORY}, {"item", P::ITEM},       {"resource", P::RESOURCE},
      {"kind", P::KIND},           {"in", P::IN},           {"out", P::OUT},
      {"pipeline", P::PIPELINE},   {"stage", P::STAGE},     {"true", P::TRUE},
      {"false", P::FALSE},         {"matches", P::MATCHES},
  };
  if (word.size() < 2 || word.size() > 9) return P::ID;
  for (const auto& k : kKeywords)
    if (k.text == word) return k.type;
  return P::ID;
}

}  // namespace

bool isKeyword(std::string_view word) {
  return keywordType(word) != P::ID;
}

Lexer::Lexer(std::string_view text, source::FileId file, diag::DiagnosticEngine& diags)
    : text_(text), file_(file), diags_(diags) {}

Lexer::~Lexer() = default;

antlr4::TokenFactory<antlr4::CommonToken>* Lexer::getTokenFactory() {
  // Used by ANTLR's error recovery to conjure missing tokens.
  return antlr4::CommonTokenFactory::DEFAULT.get();
}

source::SourceRange Lexer::range(std::size_t begin, std::size_t end) const {
  return {{file_, static_cast<std::uint32_t>(begin)}, {file_, static_cast<std::uint32_t>(end)}};
}

std::unique_ptr<antlr4::Token> Lexer::make(std::size_t type, std::size_t start) {
  return std::make_unique<MagicToken>(
      this, type, text_.substr(start, pos_ - start), static_cast<std::uint32_t>(start),
      static_cast<std::uint32_t>(line_), static_cast<std::uint32_t>(start - lineStart_));
}

void Lexer::newline(std::size_t at) {
  ++line_;
  lineStart_ = at + 1;
}

// Reports a NUL byte or an invalid UTF-8 sequence at `at`; false when the
// byte starts a valid sequence.
bool Lexer::reportBadByte(std::size_t at) {
  if (text_[at] == '\0') {
    diags_.report(DiagId::NulByte, range(at, at + 1));
    return true;
  }
  if (support::utf8SequenceLength(text_.substr(at)) == 0) {
    diags_.report(DiagId::InvalidUtf8, range(at, at + 1));
    return true;
  }
  return false;
}

// At the error limit the rest of the file is not read: what follows is end of
// file, and the parser stops too.
bool Lexer::stopAtLimit() {
  if (pos_ >= text_.size() || !diags_.limitReached()) return false;
  pos_ = text_.size();
  diags_.markStopped();
  return true;
}

void Lexer::skipTrivia() {
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (c == '\n') {
      newline(pos_);
      ++pos_;
    } else if (c == ' ' || c == '\t' || c == '\r') {
      ++pos_;
    } else if (c == '#') {
      // Comments may hold any valid UTF-8, but not NULs or broken sequences.
      while (pos_ < text_.size() && text_[pos_] != '\n') {
        auto b = static_cast<unsigned char>(text_[pos_]);
        if (b == 0 || b >= 0x80) {
          if (reportBadByte(pos_)) {
            ++pos_;
            if (stopAtLimit()) return;
            continue;
          }
          pos_ += support::utf8SequenceLength(text_.substr(pos_));
          continue;
        }
        ++pos_;
      }
    } else {
      return;
    }
  }
}

std::unique_ptr<antlr4::Token> Lexer::nextToken() {
  for (;;) {
    stopAtLimit();
    skipTrivia();
    if (auto token = lexOne()) return token;
  }
}

std::unique_ptr<antlr4::Token> Lexer::lexOne() {
  std::size_t start = pos_;
  if (pos_ >= text_.size()) {
    auto eof = make(P::EOF, start);
    return eof;
  }
  char c = text_[pos_];
  auto one = [&](std::uint32_t type) {
    ++pos_;
    return make(type, start);
  };
  auto two = [&](char next, std::uint32_t pairType,
                 std::uint32_t singleType) -> std::unique_ptr<antlr4::Token> {
    if (pos_ + 1 < text_.size() && text_[pos_ + 1] == next) {
      pos_ += 2;
      return make(pairType, start);
    }
    if (singleType == 0) return nullptr;
    return one(singleType);
  };
  auto open = [&](std::uint32_t type) {
    if (depth_ >= kMaxNesting) return skipTooDeep(start);
    ++depth_;
    return one(type);
  };
  auto close = [&](std::uint32_t type) {
    if (depth_ > 0) --depth_;
    return one(type);
  };

  switch (c) {
    case '{':
      return open(P::LBRACE);
    case '(':
      return open(P::LPAREN);
    case '[':
      return open(P::LBRACKET);
    case '}':
      return close(P::RBRACE);
    case ')':
      return close(P::RPAREN);
    case ']':
      return close(P::RBRACKET);
    case ':':
      return one(P::COLON);
    case ',':
      return one(P::COMMA);
    case ';':
      return one(P::SEMI);
    case '.':
      return one(P::DOT);
    case '&':
      return one(P::AMP);
    case '|':
      return one(P::PIPE);
    case '$':
      return one(P::DOLLAR);
    case '?':
      return one(P::QUESTION);
    case '=':
      if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '>') {
        // "a => b": a common slip for '->'; reported here, parsed as '->'.
        pos_ += 2;
        auto& d = diags_.report(DiagId::FatArrow, range(start, pos_));
        d.fixIts.push_back({range(start, pos_), "->"});
        auto token = make(P::ARROW, start);
        static_cast<MagicToken&>(*token).setMalformed();
        return token;
      }
      return two('=', P::EQ, P::ASSIGN);
    case '!':
      return two('=', P::NEQ, P::BANG);
    case '~':
      if (auto t = two('>', P::TILDE_ARROW, 0)) return t;
      break;
    case '-':
      if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '>') return two('>', P::ARROW, 0);
      if (pos_ + 1 < text_.size() && isDigit(text_[pos_ + 1])) return lexNumber(start);
      break;
    case '"':
      if (text_.substr(pos_, 3) == "\"\"\"") return lexMultilineString(start);
      return lexString(start);
    default:
      if (isDigit(c)) return lexNumber(start);
      if (isIdentStart(c)) return lexIdentifier(start);
      break;
  }

  // A character that starts no token: report it and go on without it.
  if (reportBadByte(pos_)) {
    ++pos_;
    return nullptr;
  }
  std::size_t len = std::max<std::size_t>(1, support::utf8SequenceLength(text_.substr(pos_)));
  diags_.report(DiagId::UnexpectedChar, range(pos_, pos_ + len),
                support::printable(text_.substr(pos_, len)));
  pos_ += len;
  return nullptr;
}

std::unique_ptr<antlr4::Token> Lexer::lexIdentifier(std::size_t start) {
  while (pos_ < text_.size() && isIdentChar(text_[pos_])) ++pos_;
  std::uint32_t type = keywordType(text_.substr(start, pos_ - start));
  // `host.name` in a condition names the host, as `${host.name}` does in a
  // string: `host` right before a dot is a name there, not the keyword.
  if (type == P::HOST && pos_ < text_.size() && text_[pos_] == '.') type = P::ID;
  return make(type, start);
}

std::unique_ptr<antlr4::Token> Lexer::lexNumber(std::size_t start) {
  if (text_[pos_] == '-') ++pos_;
  while (pos_ < text_.size() && isDigit(text_[pos_])) ++pos_;
  std::size_t digitsEnd = pos_;
  while (pos_ < text_.size() && isIdentChar(text_[pos_])) ++pos_;
  std::string_view suffix = text_.substr(digitsEnd, pos_ - digitsEnd);
  if (suffix.empty()) return make(P::INT, start);
  bool negative = text_[start] == '-';
  if (!negative && (suffix == "ms" || suffix == "s" || suffix == "m" || suffix == "h"))
    return make(P::DURATION, start);
  // "10sec", "5x", "-3s": reported here, passed on as a number so that parsing
  // goes on as if the value were well formed.
  diags_.report(DiagId::BadNumber, range(start, pos_),
                support::printable(text_.substr(start, pos_ - start)));
  auto token = make(P::INT, start);
  static_cast<MagicToken&>(*token).setMalformed();
  return token;
}

std::unique_ptr<antlr4::Token> Lexer::lexString(std::size_t start) {
  ++pos_;  // opening quote
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (c == '"') {
      ++pos_;
      return make(P::STRING, start);
    }
    if (c == '\n' || c == '\r') break;
    if (c == '\\') {
      if (pos_ + 1 < text_.size() && text_[pos_ + 1] != '\n' && text_[pos_ + 1] != '\r') {
        pos_ += 2;
        continue;
      }
      ++pos_;
      continue;
    }
    auto b = static_cast<unsigned char>(c);
    if (b == 0 || b >= 0x80) {
      if (reportBadByte(pos_)) {
        ++pos_;
        if (stopAtLimit()) return make(P::EOF, pos_);
        continue;
      }
      pos_ += support::utf8SequenceLength(text_.substr(pos_));
      continue;
    }
    ++pos_;
  }
  // The string runs to the end of the line: report it, and hand the parser a
  // string so that the rest of the file is read as the author meant.
  diags_.report(DiagId::UnterminatedString, range(start, start + 1));
  auto token = make(P::STRING, start);
  static_cast<MagicToken&>(*token).setMalformed();
  return token;
}

bool Lexer::stringByte() {
  auto b = static_cast<unsigned char>(text_[pos_]);
  if (b == 0 || b >= 0x80) {
    if (reportBadByte(pos_)) {
      ++pos_;
      return !stopAtLimit();
    }
    pos_ += support::utf8SequenceLength(text_.substr(pos_));
    return true;
  }
  if (b == '\n') newline(pos_);
  ++pos_;
  return true;
}

std::unique_ptr<antlr4::Token> Lexer::lexMultilineString(std::size_t start) {
  const auto line = static_cast<std::uint32_t>(line_);
  const auto column = static_cast<std::uint32_t>(start - lineStart_);
  auto token = [&](bool terminated) {
    auto t = std::make_unique<MagicToken>(this, P::STRING, text_.substr(start, pos_ - start),
                                          static_cast<std::uint32_t>(start), line, column);
    if (!terminated) t->setMalformed();
    return t;
  };
  pos_ += 3;  // opening quotes
  while (pos_ < text_.size()) {
    if (text_.substr(pos_, 3) == "\"\"\"") {
      pos_ += 3;
      return token(true);
    }
    // An escape takes the next character whole: \" does not close the string.
    if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
    if (!stringByte()) return make(P::EOF, pos_);
  }
  // Unclosed, it runs to the end of the file: say where it opened.
  diags_.report(DiagId::UnterminatedMultilineString, range(start, start + 3));
  return token(false);
}

std::unique_ptr<antlr4::Token> Lexer::skipTooDeep(std::size_t start) {
  diags_.report(DiagId::NestingTooDeep, range(start, start + 1), kMaxNesting);
  // Skip to the bracket that closes this one; the parser sees `true` instead,
  // which is valid wherever a bracketed value is.
  int depth = 0;
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (c == '\n') newline(pos_);
    if (c == '"') {
      // so that brackets in strings do not count
      if (text_.substr(pos_, 3) == "\"\"\"")
        lexMultilineString(pos_);
      else
        lexString(pos_);
      continue;
    }
    if (c == '#') {
      while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      continue;
    }
    ++pos_;
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') {
      if (--depth == 0) break;
    }
  }
  auto token = std::make_unique<MagicToken>(this, P::TRUE, text_.substr(start, 1),
                                            static_cast<std::uint32_t>(start),
                                            static_cast<std::uint32_t>(line_), 0);
  token->setMalformed();
  return token;
}

}  // namespace magicc::syntax
