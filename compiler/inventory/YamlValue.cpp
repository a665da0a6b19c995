#include "inventory/YamlValue.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace magicc::inventory {

namespace {

// YAML 1.1 as PyYAML resolves plain scalars (what Ansible reads).
nlohmann::json typedScalar(const YAML::Node& node) {
  std::string text = node.Scalar();
  if (node.Tag() == "!") return text;  // quoted
  static const std::set<std::string> yes{"yes",  "Yes", "YES", "true", "True",
                                         "TRUE", "on",  "On",  "ON"};
  static const std::set<std::string> no{"no",    "No",  "NO",  "false", "False",
                                        "FALSE", "off", "Off", "OFF"};
  if (yes.count(text)) return true;
  if (no.count(text)) return false;
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL")
    return nullptr;
  bool digits =
      !text.empty() && std::all_of(text.begin() + (text[0] == '-' || text[0] == '+'), text.end(),
                                   [](unsigned char c) { return std::isdigit(c) || c == '_'; });
  if (digits && text.size() > static_cast<std::size_t>(text[0] == '-' || text[0] == '+')) {
    try {
      std::string plain;
      for (char c : text)
        if (c != '_') plain += c;
      return std::stoll(plain);
    } catch (...) {
      return text;
    }
  }
  // RE2, not std::regex: GCC 12 warns inside <regex> under the sanitizers.
  static const RE2 decimal(R"([-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)?)");
  if (RE2::FullMatch(text, decimal) && text.find_first_of("0123456789") != std::string::npos) {
    try {
      return std::stod(text);
    } catch (...) {
    }
  }
  return text;
}

}  // namespace

nlohmann::json yamlValue(const YAML::Node& node) {
  if (!node || node.IsNull()) return nullptr;
  if (node.IsScalar()) return typedScalar(node);
  if (node.IsSequence()) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& element : node) list.push_back(yamlValue(element));
    return list;
  }
  nlohmann::json map = nlohmann::json::object();
  for (const auto& kv : node) map[kv.first.as<std::string>()] = yamlValue(kv.second);
  return map;
}

source::SourceRange yamlLocation(const source::SourceManager& sources, source::FileId file,
                                 const YAML::Mark& mark) {
  if (mark.line < 0) return source::SourceRange(source::SourceLoc{file, 0});
  auto start = sources.lineStart(file, static_cast<std::uint32_t>(mark.line) + 1);
  return source::SourceRange(
      source::SourceLoc{file, start + static_cast<std::uint32_t>(std::max(mark.column, 0))});
}

}  // namespace magicc::inventory
