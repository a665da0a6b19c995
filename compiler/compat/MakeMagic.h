// make-magic compatibility: its item JSON translated to magic. make-magic
// parsed `|` tighter than `&`; magic does the opposite, so every imported
// condition is written with explicit parentheses and means what it meant.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace magicc::compat {

struct ImportResult {
  std::string program;  // the .mm text, when error is empty
  std::string error;
};

// `source` names the input in the header comment.
ImportResult importMakeMagicItems(const nlohmann::json& items, const std::string& source);

// One make-magic condition in magic syntax ("a & b | c" -> "a & (b | c)");
// throws std::invalid_argument with a reason for a malformed condition.
std::string translateCondition(const std::string& makeMagicCondition);

}  // namespace magicc::compat
