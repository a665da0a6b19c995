#include "lsp/Transport.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>

namespace magicc::lsp {

StdioTransport::StdioTransport(int in, std::FILE* out) : in_(in), out_(out) {}

bool StdioTransport::fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    buffer_.erase(0, pos_);
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

namespace {

// The value of a "Content-Length:" header line, if it is one.
std::optional<std::size_t> contentLength(std::string_view line) {
  constexpr std::string_view kHeader = "content-length:";
  if (line.size() <= kHeader.size()) return std::nullopt;
  for (std::size_t i = 0; i < kHeader.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(line[i])) != kHeader[i]) return std::nullopt;
  std::string_view value = line.substr(kHeader.size());
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  std::size_t n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size()) return std::nullopt;
  return n;
}

}  // namespace

std::optional<std::string> StdioTransport::takeBuffered() {
  for (;;) {
    if (skip_ > 0) {
      std::size_t take = std::min(skip_, buffer_.size() - pos_);
      pos_ += take;
      skip_ -= take;
      if (skip_ > 0) return std::nullopt;
      return std::string("{\"oversized\":true}");
    }
    // The header block, up to an empty line; nothing is consumed until the
    // whole message is here.
    std::size_t at = pos_;
    std::optional<std::size_t> length;
    for (;;) {
      std::size_t nl = buffer_.find('\n', at);
      if (nl == std::string::npos) {
        if (buffer_.size() - at > 65536) corrupt_ = true;  // no header is this long
        return std::nullopt;
      }
      std::string_view line(buffer_.data() + at, nl - at);
      at = nl + 1;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty()) break;
      if (auto n = contentLength(line)) length = n;
    }
    if (!length) {  // headers without a length: skip to the next message
      pos_ = at;
      continue;
    }
    if (*length > kMaxMessageBytes) {  // dropped as it arrives, never buffered
      pos_ = at;
      skip_ = *length;
      continue;
    }
    if (buffer_.size() - at < *length) return std::nullopt;
    std::string body = buffer_.substr(at, *length);
    pos_ = at + *length;
    return body;
  }
}

std::optional<std::string> StdioTransport::read() {
  for (;;) {
    if (auto message = takeBuffered()) return message;
    if (corrupt_ || !fill()) return std::nullopt;
  }
}

std::optional<std::string> StdioTransport::readIfReady() {
  for (;;) {
    if (auto message = takeBuffered()) return message;
    if (corrupt_ || eof_) return std::nullopt;
    pollfd fd{in_, POLLIN, 0};
    if (::poll(&fd, 1, 0) <= 0 || !fill()) return std::nullopt;
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
