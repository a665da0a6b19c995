// The token the hand-written lexer gives ANTLR: 48 bytes, text viewed in the
// source buffer (owned by the SourceManager) instead of copied.
#pragma once

#include <WritableToken.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace magicc::syntax {

class MagicToken final : public antlr4::WritableToken {
 public:
  MagicToken(antlr4::TokenSource* source, std::size_t type, std::string_view text,
             std::uint32_t start, std::uint32_t line, std::uint32_t column)
      : source_(source),
        text_(text),
        type_(static_cast<std::uint32_t>(type)),
        start_(start),
        line_(line),
        column_(column) {}

  std::string getText() const override { return std::string(text_); }
  std::string_view textView() const { return text_; }
  // EOF is size_t(-1); the 32-bit field keeps it as all ones.
  std::size_t getType() const override { return type_ == kEof32 ? EOF : type_; }
  std::size_t getLine() const override { return line_; }
  std::size_t getCharPositionInLine() const override { return column_; }
  std::size_t getChannel() const override { return DEFAULT_CHANNEL; }
  std::size_t getTokenIndex() const override { return index_; }
  std::size_t getStartIndex() const override { return start_; }
  // Inclusive, as ANTLR defines it; an empty token (EOF) has stop = start - 1.
  std::size_t getStopIndex() const override { return start_ + text_.size() - 1; }
  antlr4::TokenSource* getTokenSource() const override { return source_; }
  antlr4::CharStream* getInputStream() const override { return nullptr; }
  std::string toString() const override { return std::string(text_); }

  void setText(const std::string&) override {}  // the text is the source's
  void setType(std::size_t type) override { type_ = static_cast<std::uint32_t>(type); }
  void setLine(std::size_t line) override { line_ = static_cast<std::uint32_t>(line); }
  void setCharPositionInLine(std::size_t pos) override {
    column_ = static_cast<std::uint32_t>(pos);
  }
  void setChannel(std::size_t) override {}
  void setTokenIndex(std::size_t index) override { index_ = static_cast<std::uint32_t>(index); }

  // The lexer already reported this token as malformed (an unterminated string,
  // "10sec"); later phases must not report it again.
  bool malformed() const { return malformed_; }
  void setMalformed() { malformed_ = true; }

 private:
  static constexpr std::uint32_t kEof32 = 0xFFFFFFFFu;
  antlr4::TokenSource* source_;
  std::string_view text_;
  std::uint32_t type_;
  std::uint32_t start_;
  std::uint32_t line_;
  std::uint32_t column_;
  std::uint32_t index_ = 0;
  bool malformed_ = false;
};

}  // namespace magicc::syntax
