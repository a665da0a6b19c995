// make-magic compatibility: its item JSON translated to magic. make-magic
// parsed `|` tighter than `&`; magic does the opposite, so every imported
// condition is written with explicit parentheses and means what it meant.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace magicc::compat {

struct ImportResult {
  static constexpr std::size_t kWholeDocument = static_cast<std::size_t>(-1);
  std::string program;              // the .mm text, when there are no errors
  std::vector<std::string> errors;  // each naming the item(s), printable
  // errors[i] is about the item at this 0-based index of the array (where
  // the driver points it), or the whole document.
  std::vector<std::size_t> errorItems;
  // What is imported but may not mean what make-magic meant (a dependency
  // that names nothing, so the program goes without it), with the item
  // each is about, as for errors.
  std::vector<std::string> warnings;
  std::vector<std::size_t> warningItems;
};

// `source` names the input in the header comment. The program always parses
// back: strings are escaped, and what magic cannot hold (control characters
// other than newline and tab) is an error. Two items of one name, a
// dependency on no item and a dependency cycle are errors too, as in magic.
// A dependency that is not a name (a number, null, an object) cannot be
// resolved: it is dropped with a warning.
ImportResult importMakeMagicItems(const nlohmann::json& items, const std::string& source);

// One make-magic condition in magic syntax ("a & b | c" -> "a & (b | c)");
// throws std::invalid_argument with a reason for a malformed condition.
std::string translateCondition(const std::string& makeMagicCondition);

}  // namespace magicc::compat
