#include "backends/Command.h"

namespace magicc::runtime {

bool needsShell(std::string_view command) {
  for (char c : command)
    if (std::string_view("|&;<>()$`\\\"'*?[#~=%{}!\n").find(c) != std::string_view::npos)
      return true;
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
