#include "backends/Command.h"

namespace magicc::runtime {

bool needsShell(std::string_view command) {
  for (char c : command)
    if (std::string_view("|&;<>()$`\\\"'*?[#~=%{}!\n").find(c) != std::string_view::npos)
      return true;
  // A builtin is no program: `exit 3` or `cd /srv` run without a shell
  // would fail to start.
  static constexpr std::string_view kBuiltins[] = {
      ".",      "alias",   "break", "cd",     "command",  "continue", "eval",  "exec",  "exit",
      "export", "getopts", "hash",  "read",   "readonly", "return",   "set",   "shift", "source",
      "times",  "trap",    "type",  "ulimit", "umask",    "unalias",  "unset", "wait"};
  // The first word, without splitting the whole line: this runs for every command.
  std::size_t begin = command.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return false;
  std::string_view first = command.substr(begin, command.find_first_of(" \t", begin) - begin);
  for (std::string_view builtin : kBuiltins)
    if (first == builtin) return true;
  return false;
}

std::vector<std::string> splitWords(std::string_view command) {
  std::vector<std::string> words;
  std::string word;
  for (char c : command) {
    if (c == ' ' || c == '\t') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

}  // namespace magicc::runtime
