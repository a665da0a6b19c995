#include "resources/FileDiff.h"

#include <fmt/format.h>

#include "program/FileMode.h"
#include "resources/UnifiedDiff.h"

namespace magicc::runtime {

namespace {

bool binary(const std::optional<std::string>& content) {
  return content && content->find('\0') != std::string::npos;
}

}  // namespace

std::string fileDiff(const FileDiffInput& in) {
  std::string out =
      fmt::format("--- before: {} ({})\n+++ after: {} ({})\n", in.path, in.host, in.path, in.host);
  if (!in.before.exists) out += "(created)\n";
  if (!in.after.exists) out += "(removed)\n";
  if (in.before.exists && in.after.exists && in.before.mode != in.after.mode)
    out += fmt::format("mode {} -> {}\n", octalMode(in.before.mode), octalMode(in.after.mode));
  // Nothing to say of the content: both sides are the same bytes.
  bool contentChanges = !in.before.exists || !in.after.exists || in.before.content ||
                        in.before.tooLarge || !in.before.unreadable.empty();
  if (!contentChanges) return out;
  if (!in.before.unreadable.empty()) {
    out += fmt::format("(the content before cannot be read: {})\n", in.before.unreadable);
    return out;
  }
  if (in.before.tooLarge || in.after.tooLarge || binary(in.before.content) ||
      binary(in.after.content)) {
    out += "(binary or larger than 64 KiB: not shown)\n";
    return out;
  }
  UnifiedDiff diff = unifiedDiff(in.before.content.value_or(""), in.after.content.value_or(""));
  if (in.secret) {
    std::size_t lines = diff.added + diff.removed;
    out += fmt::format("(content is secret: {} line{} changed)\n", lines, lines == 1 ? "" : "s");
    return out;
  }
  out += diff.hunks;
  return out;
}

}  // namespace magicc::runtime
