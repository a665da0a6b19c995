#include "resources/UnifiedDiff.h"

#include <fmt/format.h>
#include <dtl/dtl.hpp>

#include <algorithm>
#include <vector>

namespace magicc::runtime {

namespace {

// Lines with their newline, so that "a" and "a\n" differ as diff(1) says.
std::vector<std::string_view> linesOf(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

// One line of the edit script: ' ', '-' or '+'.
struct Op {
  char mark;
  std::string_view line;
};

// diff(1)'s range: "start,count", ",1" left out; an empty range names the
// line before it.
std::string range(std::size_t first, std::size_t count) {
  if (count == 1) return std::to_string(first + 1);
  return fmt::format("{},{}", count == 0 ? first : first + 1, count);
}

}  // namespace

UnifiedDiff unifiedDiff(std::string_view before, std::string_view after, std::size_t context) {
  std::vector<std::string_view> a = linesOf(before), b = linesOf(after);
  dtl::Diff<std::string_view, std::vector<std::string_view>> diff(a, b);
  diff.compose();
  std::vector<Op> ops;
  for (const auto& [line, info] : diff.getSes().getSequence())
    ops.push_back({info.type == dtl::SES_ADD      ? '+'
                   : info.type == dtl::SES_DELETE ? '-'
                                                  : ' ',
                   line});

  // Within a run of changes, removals first, as diff(1) prints them.
  for (std::size_t i = 0; i < ops.size();) {
    std::size_t end = i;
    while (end < ops.size() && ops[end].mark != ' ') ++end;
    std::stable_partition(ops.begin() + static_cast<std::ptrdiff_t>(i),
                          ops.begin() + static_cast<std::ptrdiff_t>(end),
                          [](const Op& op) { return op.mark == '-'; });
    i = end == i ? i + 1 : end;
  }

  UnifiedDiff out;
  // Where each op stands in either file (lines before it).
  std::vector<std::size_t> oldAt(ops.size() + 1, 0), newAt(ops.size() + 1, 0);
  for (std::size_t i = 0; i < ops.size(); ++i) {
    oldAt[i + 1] = oldAt[i] + (ops[i].mark != '+');
    newAt[i + 1] = newAt[i] + (ops[i].mark != '-');
    if (ops[i].mark == '+') ++out.added;
    if (ops[i].mark == '-') ++out.removed;
  }
  std::size_t i = 0;
  while (i < ops.size()) {
    if (ops[i].mark == ' ') {
      ++i;
      continue;
    }
    // A hunk: this change and every later one at most 2 * context unchanged
    // lines apart (their contexts would touch).
    std::size_t first = i >= context ? i - context : 0;
    std::size_t last = i;  // the last change in the hunk
    for (std::size_t k = i + 1; k < ops.size() && k - last - 1 <= 2 * context; ++k)
      if (ops[k].mark != ' ') last = k;
    std::size_t end = std::min(ops.size(), last + context + 1);
    out.hunks += fmt::format("@@ -{} +{} @@\n", range(oldAt[first], oldAt[end] - oldAt[first]),
                             range(newAt[first], newAt[end] - newAt[first]));
    for (std::size_t k = first; k < end; ++k) {
      std::string_view line = ops[k].line;
      out.hunks += ops[k].mark;
      if (!line.empty() && line.back() == '\n') {
        out.hunks += line;
      } else {
        out.hunks += line;
        out.hunks += "\n\\ No newline at end of file\n";
      }
    }
    i = end;
  }
  return out;
}

}  // namespace magicc::runtime
