#include "format/Format.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "MagicParser.h"
#include "diag/DiagnosticEngine.h"
#include "syntax/Lexer.h"
#include "syntax/Token.h"

namespace magicc::format {

namespace {

using P = grammar::MagicParser;

struct Lexeme {
  std::size_t type;
  std::string_view text;
  std::uint32_t begin;
};

// The tokens, or nothing when the text does not lex cleanly.
bool lex(std::string_view text, std::vector<Lexeme>& out, std::string& error) {
  diag::DiagnosticEngine diags;
  syntax::Lexer lexer(text, 0, diags);
  for (;;) {
    auto token = lexer.nextToken();
    if (token->getType() == antlr4::Token::EOF) break;
    const auto* t = static_cast<const syntax::MagicToken*>(token.get());
    if (t->malformed() || t->getType() == P::BAD_CHAR || t->getType() == P::BAD_NUMBER ||
        t->getType() == P::UNTERMINATED_STRING) {
      error = "it does not lex: " + t->getText();
      return false;
    }
    out.push_back({t->getType(), t->textView(), static_cast<std::uint32_t>(t->getStartIndex())});
  }
  if (diags.hasErrors()) {
    error = "it does not lex: " + diags.diagnostics().front().message;
    return false;
  }
  return true;
}

bool isOpener(std::size_t t) {
  return t == P::LBRACE || t == P::LBRACKET || t == P::LPAREN;
}
bool isCloser(std::size_t t) {
  return t == P::RBRACE || t == P::RBRACKET || t == P::RPAREN;
}

// Whether one space separates two tokens on a line.
bool spaceBetween(std::size_t prev, std::size_t next) {
  if (next == P::COMMA || next == P::SEMI || next == P::COLON || next == P::RPAREN ||
      next == P::RBRACKET || next == P::DOT || next == P::QUESTION)
    return false;
  if (prev == P::LPAREN || prev == P::LBRACKET || prev == P::DOT || prev == P::BANG ||
      prev == P::DOLLAR)
    return false;
  // release(...) and list[string]: glued to the name before them.
  if ((next == P::LPAREN || next == P::LBRACKET) && prev == P::ID) return false;
  if (prev == P::LBRACE && next == P::RBRACE) return false;
  return true;
}

struct Line {
  int indent = 0;
  bool blankBefore = false;
  std::string code;
  std::string comment;  // a trailing comment, or the whole line's when code is empty
};

std::string_view trimRight(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

class Printer {
 public:
  explicit Printer(std::string_view text) : text_(text) {}

  std::string print(const std::vector<Lexeme>& tokens) {
    std::uint32_t prevEnd = 0;
    for (const Lexeme& t : tokens) {
      gap(text_.substr(prevEnd, t.begin - prevEnd));
      token(t);
      prevEnd = t.begin + static_cast<std::uint32_t>(t.text.size());
    }
    gap(text_.substr(prevEnd));
    flush();
    return render();
  }

 private:
  // Whitespace and comments between two tokens.
  void gap(std::string_view g) {
    int newlines = 0;
    for (std::size_t i = 0; i < g.size(); ++i) {
      char c = g[i];
      if (c == '\n') {
        ++newlines;
        continue;
      }
      if (c != '#') continue;
      std::size_t end = g.find('\n', i);
      if (end == std::string_view::npos) end = g.size();
      std::string_view comment = trimRight(g.substr(i, end - i));
      if (newlines == 0 && !current_.code.empty()) {
        current_.comment = std::string(comment);
      } else {
        startLine(newlines);
        current_.comment = std::string(comment);
        current_.indent = insideIndent();
      }
      newlines = 0;
      i = end - 1;
    }
    if (newlines > 0) startLine(newlines);
  }

  void startLine(int newlines) {
    flush();
    pendingBlank_ = pendingBlank_ || newlines >= 2;
    lineOpen_ = false;
  }

  void token(const Lexeme& t) {
    if (!lineOpen_ || (!current_.comment.empty() && current_.code.empty())) {
      if (!current_.comment.empty()) startLine(1);
      current_.indent =
          isCloser(t.type) && !openers_.empty() ? openers_.back().indent : insideIndent();
      lineBase_ = current_.indent;
      lineOpen_ = true;
    }
    if (!current_.code.empty() && spaceBetween(prev_, t.type)) current_.code += ' ';
    current_.code += t.text;
    if (!openers_.empty() && openers_.back().line == lineNumber_) openers_.back().followed = true;
    if (isCloser(t.type) && !openers_.empty()) {
      // `revision: int) {`: what opens after the `)` nests like its `(`.
      lineBase_ = std::min(lineBase_, openers_.back().indent);
      openers_.pop_back();
    }
    if (isOpener(t.type)) openers_.push_back({lineBase_, lineNumber_, false, t.type != P::LBRACE});
    prev_ = t.type;
  }

  // Lines inside a bracket: one level in; two when the bracket's contents
  // follow a ( or [ on its line (a continuation, as in `p(a: int,\n b: int)`).
  int insideIndent() const {
    if (openers_.empty()) return 0;
    const Opener& o = openers_.back();
    return o.indent + (o.followed && o.continues ? 2 : 1);
  }

  void flush() {
    if (current_.code.empty() && current_.comment.empty()) return;
    current_.blankBefore = pendingBlank_ && !lines_.empty();
    pendingBlank_ = false;
    lines_.push_back(std::move(current_));
    current_ = Line{};
    ++lineNumber_;
  }

  // Where a line's code ends: a multi-line string's lines are kept as
  // written, so a line ending in one ends where its last line does.
  static std::size_t width(const Line& l) {
    std::size_t nl = l.code.rfind('\n');
    if (nl != std::string::npos) return l.code.size() - nl - 1;
    return static_cast<std::size_t>(l.indent) * 2 + l.code.size();
  }

  std::string render() {
    std::string out;
    for (std::size_t i = 0; i < lines_.size();) {
      // A run of consecutive lines with trailing comments shares one column.
      std::size_t end = i;
      std::size_t column = 0;
      while (end < lines_.size() && !lines_[end].code.empty() && !lines_[end].comment.empty() &&
             (end == i || !lines_[end].blankBefore)) {
        column = std::max(column, width(lines_[end]));
        ++end;
      }
      if (end == i) end = i + 1;
      for (; i < end; ++i) {
        const Line& l = lines_[i];
        if (l.blankBefore) out += '\n';
        out.append(static_cast<std::size_t>(l.indent) * 2, ' ');
        out += l.code;
        if (!l.comment.empty()) {
          if (!l.code.empty()) out.append(std::max<std::size_t>(column + 2 - width(l), 1), ' ');
          out += l.comment;
        }
        out += '\n';
      }
    }
    return out;
  }

  std::string_view text_;
  std::vector<Line> lines_;
  Line current_;
  bool lineOpen_ = false;
  bool pendingBlank_ = false;
  std::size_t prev_ = 0;
  struct Opener {
    int indent;        // of the line it is on
    std::size_t line;  // which output line
    bool followed;     // tokens follow it on its line
    bool continues;    // a ( or [: its later lines are continuations
  };
  std::vector<Opener> openers_;
  int lineBase_ = 0;  // what an opener on this line nests from
  std::size_t lineNumber_ = 0;
};

// The comments of a text, in order (what formatting must keep).
std::vector<std::string_view> commentsOf(std::string_view text, const std::vector<Lexeme>& tokens) {
  std::vector<std::string_view> out;
  std::uint32_t prevEnd = 0;
  auto scan = [&](std::string_view g) {
    for (std::size_t i = 0; i < g.size(); ++i) {
      if (g[i] != '#') continue;
      std::size_t end = g.find('\n', i);
      if (end == std::string_view::npos) end = g.size();
      out.push_back(trimRight(g.substr(i, end - i)));
      i = end;
    }
  };
  for (const Lexeme& t : tokens) {
    scan(text.substr(prevEnd, t.begin - prevEnd));
    prevEnd = t.begin + static_cast<std::uint32_t>(t.text.size());
  }
  scan(text.substr(prevEnd));
  return out;
}

bool sameTokens(const std::vector<Lexeme>& a, const std::vector<Lexeme>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Lexeme& x, const Lexeme& y) {
    return x.type == y.type && x.text == y.text;
  });
}

}  // namespace

FormatResult formatSource(std::string_view text) {
  FormatResult result;
  std::vector<Lexeme> tokens;
  if (!lex(text, tokens, result.error)) return result;
  result.text = Printer(text).print(tokens);
  // The safety net: only whitespace may have changed.
  std::vector<Lexeme> again;
  std::string error;
  if (!lex(result.text, again, error) || !sameTokens(tokens, again) ||
      commentsOf(text, tokens) != commentsOf(result.text, again)) {
    result.text.clear();
    result.error = "formatting would change the program (a bug in magicc fmt)";
  }
  return result;
}

}  // namespace magicc::format
