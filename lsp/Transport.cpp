#include "lsp/Transport.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>

namespace magicc::lsp {

StdioTransport::StdioTransport(int in, std::FILE* out) : in_(in), out_(out) {}

bool StdioTransport::fill() {
  if (eof_) return false;
  if (pos_ > 0 && pos_ == buffer_.size()) {
    buffer_.clear();
    pos_ = 0;
  }
  char chunk[65536];
  for (;;) {
    ssize_t n = ::read(in_, chunk, sizeof chunk);
    if (n > 0) {
      buffer_.append(chunk, static_cast<std::size_t>(n));
      return true;
    }
    if (n < 0 && errno == EINTR) continue;
    eof_ = true;
    return false;
  }
}

std::optional<std::string> StdioTransport::readLine() {
  for (;;) {
    std::size_t nl = buffer_.find('\n', pos_);
    if (nl != std::string::npos) {
      std::string line = buffer_.substr(pos_, nl - pos_);
      pos_ = nl + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    }
    if (buffer_.size() - pos_ > 65536) return std::nullopt;  // no header is this long
    if (!fill()) return std::nullopt;
  }
}

std::optional<std::string> StdioTransport::read() {
  for (;;) {
    std::optional<std::size_t> length;
    for (;;) {
      auto line = readLine();
      if (!line) return std::nullopt;
      if (line->empty()) break;
      constexpr std::string_view kHeader = "content-length:";
      if (line->size() > kHeader.size()) {
        std::string name = line->substr(0, kHeader.size());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (name == kHeader) {
          std::string_view value(*line);
          value.remove_prefix(kHeader.size());
          while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
          std::size_t n = 0;
          auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
          if (ec == std::errc() && end == value.data() + value.size()) length = n;
        }
      }
    }
    if (!length) continue;  // headers without a length: skip to the next message
    if (*length > kMaxMessageBytes) {
      // Skip the body without keeping it.
      std::size_t left = *length;
      while (left > 0) {
        std::size_t have = buffer_.size() - pos_;
        std::size_t take = std::min(have, left);
        pos_ += take;
        left -= take;
        if (left > 0 && !fill()) return std::nullopt;
      }
      return std::string("{\"oversized\":true}");
    }
    while (buffer_.size() - pos_ < *length)
      if (!fill()) return std::nullopt;
    std::string body = buffer_.substr(pos_, *length);
    pos_ += *length;
    return body;
  }
}

bool StdioTransport::waitForInput(int milliseconds) {
  if (pos_ < buffer_.size()) return true;
  if (eof_) return false;
  pollfd fd{in_, POLLIN, 0};
  int r = ::poll(&fd, 1, milliseconds);
  return r > 0;
}

void StdioTransport::write(const nlohmann::json& message) {
  std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::fprintf(out_, "Content-Length: %zu\r\n\r\n", body.size());
  std::fwrite(body.data(), 1, body.size(), out_);
  std::fflush(out_);
}

LitTransport::LitTransport(std::istream& in, std::ostream& out) : in_(in), out_(out) {}

std::optional<std::string> LitTransport::read() {
  std::string message, line;
  bool any = false;
  while (std::getline(in_, line)) {
    if (line.rfind("---", 0) == 0) {
      if (any) return message;
      continue;
    }
    std::string_view trimmed(line);
    while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\t'))
      trimmed.remove_prefix(1);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    message += line;
    message += '\n';
    any = true;
  }
  if (any) return message;
  return std::nullopt;
}

void LitTransport::write(const nlohmann::json& message) {
  std::string body = message.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  out_ << "Content-Length: " << body.size() << "\r\n\r\n" << body << "\n";
  out_.flush();
}

}  // namespace magicc::lsp
