// How messages reach the server and leave it (clangd's Transport layer).
// Stdio speaks the base protocol: "Content-Length: N" headers, a blank
// line, N bytes of JSON. The lit transport reads a file of JSON messages
// separated by lines of "---" (clangd's --lit-test) and writes each reply
// pretty-printed, so FileCheck can match it line by line.
#pragma once

#include <cstdio>
#include <istream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>

namespace magicc::lsp {

class Transport {
 public:
  virtual ~Transport() = default;
  // The next message's bytes; nullopt at the end of input. A message that
  // is not well-formed JSON is still returned: the server answers it.
  virtual std::optional<std::string> read() = 0;
  // Whether another message arrives within `milliseconds` (0: already here).
  // The server waits this way to debounce diagnostics.
  virtual bool waitForInput(int milliseconds) = 0;
  virtual void write(const nlohmann::json& message) = 0;
};

// The base protocol over a file descriptor pair (stdin, stdout).
class StdioTransport final : public Transport {
 public:
  // Larger messages are refused, not buffered.
  static constexpr std::size_t kMaxMessageBytes = 64u << 20;

  StdioTransport(int in, std::FILE* out);
  std::optional<std::string> read() override;
  bool waitForInput(int milliseconds) override;
  void write(const nlohmann::json& message) override;

 private:
  bool fill();
  std::optional<std::string> readLine();

  int in_;
  std::FILE* out_;
  std::string buffer_;
  std::size_t pos_ = 0;
  bool eof_ = false;
};

// Messages separated by "---" lines; lines starting with '#' are comments.
class LitTransport final : public Transport {
 public:
  LitTransport(std::istream& in, std::ostream& out);
  std::optional<std::string> read() override;
  bool waitForInput(int) override { return false; }  // synchronous: publish at once
  void write(const nlohmann::json& message) override;

 private:
  std::istream& in_;
  std::ostream& out_;
};

}  // namespace magicc::lsp
