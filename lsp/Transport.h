// How messages reach the server and leave it (clangd's Transport layer).
// Stdio speaks the base protocol: "Content-Length: N" headers, a blank
// line, N bytes of JSON. The lit transport reads a file of JSON messages
// separated by lines of "---" (clangd's --lit-test) and writes each reply
// pretty-printed, so FileCheck can match it line by line.
#pragma once

#include <cstdio>
#include <deque>
#include <istream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace magicc::lsp {

class Transport {
 public:
  virtual ~Transport() = default;
  // The next message's bytes; nullopt at the end of input. A message that
  // is not well-formed JSON is still returned: the server answers it.
  virtual std::optional<std::string> read() = 0;
  // The next message if it has already arrived in full, without blocking;
  // the server reads ahead this way to see cancellations early.
  virtual std::optional<std::string> readIfReady() = 0;
  // Whether another message arrives within `milliseconds` (0: already here).
  // The server waits this way to debounce diagnostics.
  virtual bool waitForInput(int milliseconds) = 0;
  virtual void write(const nlohmann::json& message) = 0;
  // A transcript: diagnostics are published before the next message is
  // handled, whatever has been read ahead, so the output is deterministic.
  virtual bool synchronous() const { return false; }
};

// The base protocol over a file descriptor pair (stdin, stdout).
class StdioTransport final : public Transport {
 public:
  // Larger messages are refused, not buffered.
  static constexpr std::size_t kMaxMessageBytes = 64u << 20;

  StdioTransport(int in, std::FILE* out);
  std::optional<std::string> read() override;
  std::optional<std::string> readIfReady() override;
  bool waitForInput(int milliseconds) override;
  void write(const nlohmann::json& message) override;

 private:
  bool fill();
  std::optional<std::string> takeBuffered();

  int in_;
  std::FILE* out_;
  std::string buffer_;
  std::size_t pos_ = 0;
  // Bytes of an oversized body still to drop.
  std::size_t skip_ = 0;
  bool eof_ = false;
  // A header line too long to be one: the stream cannot be resynchronised.
  bool corrupt_ = false;
};

// Messages separated by "---" lines; lines starting with '#' are comments.
class LitTransport final : public Transport {
 public:
  LitTransport(std::istream& in, std::ostream& out);
  std::optional<std::string> read() override;
  // A transcript models a client that sent everything at once.
  std::optional<std::string> readIfReady() override { return read(); }
  bool waitForInput(int) override { return false; }
  void write(const nlohmann::json& message) override;
  bool synchronous() const override { return true; }

 private:
  std::istream& in_;
  std::ostream& out_;
};

// Messages handed over in memory (tests, the fuzzer, the benchmark).
class MemoryTransport final : public Transport {
 public:
  void push(std::string message) { input_.push_back(std::move(message)); }
  std::optional<std::string> read() override {
    if (input_.empty()) return std::nullopt;
    std::string m = std::move(input_.front());
    input_.pop_front();
    return m;
  }
  std::optional<std::string> readIfReady() override { return read(); }
  bool waitForInput(int) override { return !input_.empty(); }
  void write(const nlohmann::json& message) override { output_.push_back(message); }
  std::vector<nlohmann::json>& output() { return output_; }

 private:
  std::deque<std::string> input_;
  std::vector<nlohmann::json> output_;
};

}  // namespace magicc::lsp
