#include "inventory/HostRange.h"

#include <charconv>
#include <optional>

namespace magicc::inventory {

namespace {

constexpr std::string_view kLetters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

std::optional<long long> toNumber(std::string_view text) {
  long long n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

std::vector<std::string_view> splitColons(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t from = 0;
  for (;;) {
    std::size_t colon = text.find(':', from);
    out.push_back(text.substr(from, colon == std::string_view::npos ? colon : colon - from));
    if (colon == std::string_view::npos) return out;
    from = colon + 1;
  }
}

// The elements of one `[begin:end(:step)]`, as text, or an error.
std::string elements(std::string_view range, std::size_t limit, std::vector<std::string>& out) {
  std::vector<std::string_view> bounds = splitColons(range);
  if (bounds.size() != 2 && bounds.size() != 3)
    return "host range [" + std::string(range) + "] must be begin:end or begin:end:step";
  std::string_view begin = bounds[0].empty() ? "0" : bounds[0];
  std::string_view end = bounds[1];
  if (end.empty()) return "host range [" + std::string(range) + "] must specify an end value";
  long long step = 1;
  if (bounds.size() == 3) {
    auto s = toNumber(bounds[2]);
    if (!s || *s <= 0)
      return "the step of host range [" + std::string(range) + "] must be a positive number";
    step = *s;
  }
  std::size_t width = 0;
  if (begin.size() > 1 && begin[0] == '0') {
    if (begin.size() != end.size())
      return "host range [" + std::string(range) +
             "] must have equally wide begin and end when begin has a leading zero";
    width = begin.size();
  }
  std::size_t b = kLetters.find(begin), e = kLetters.find(end);
  if (begin.size() == 1 && end.size() == 1 && b != std::string_view::npos &&
      e != std::string_view::npos) {
    if (b > e) return "host range [" + std::string(range) + "] must have begin <= end";
    for (std::size_t i = b; i <= e; i += static_cast<std::size_t>(step))
      out.emplace_back(1, kLetters[i]);
    return "";
  }
  auto from = toNumber(begin), to = toNumber(end);
  if (!from || !to)
    return "host range [" + std::string(range) + "] must be numbers or single letters";
  for (long long i = *from; i <= *to; i += step) {
    if (out.size() >= limit) return "";  // the caller reports the size
    std::string n = std::to_string(i);
    if (n.size() < width) n.insert(0, width - n.size(), '0');
    out.push_back(std::move(n));
  }
  return "";
}

}  // namespace

ExpandedHosts expandHostRange(std::string_view name, std::size_t limit) {
  ExpandedHosts result;
  std::vector<std::string> pending{std::string(name)};
  // Expand the first range of each name until none is left, as Ansible does.
  while (!pending.empty()) {
    std::string current = std::move(pending.back());
    pending.pop_back();
    std::size_t open = current.find('[');
    if (open == std::string::npos) {
      if (result.names.size() >= limit) {
        result.error = "host range " + std::string(name) + " expands to more than " +
                       std::to_string(limit) + " hosts";
        result.names.clear();
        return result;
      }
      result.names.push_back(std::move(current));
      continue;
    }
    std::size_t close = current.find(']', open);
    if (close == std::string::npos) {
      result.error = "host name " + std::string(name) + " has '[' without a closing ']'";
      result.names.clear();
      return result;
    }
    std::vector<std::string> parts;
    std::string why =
        elements(std::string_view(current).substr(open + 1, close - open - 1), limit + 1, parts);
    if (!why.empty()) {
      result.error = why;
      result.names.clear();
      return result;
    }
    // Pushed in reverse so that names come out in range order.
    for (auto it = parts.rbegin(); it != parts.rend(); ++it)
      pending.push_back(current.substr(0, open) + *it + current.substr(close + 1));
  }
  return result;
}

}  // namespace magicc::inventory
