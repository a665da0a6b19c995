#include "resources/KindOutputs.h"

#include <nlohmann/json.hpp>

namespace magicc::runtime {

namespace {

std::string typeOf(const ResourceSpec& spec, const std::string& name) {
  for (const auto& [k, type] : spec.outputs)
    if (k == name) return type;
  return {};
}

bool isInteger(const std::string& text) {
  std::size_t i = !text.empty() && (text[0] == '-' || text[0] == '+') ? 1 : 0;
  if (i >= text.size() || text.size() > 19) return false;
  for (; i < text.size(); ++i)
    if (text[i] < '0' || text[i] > '9') return false;
  return true;
}

// Whether `v` is a value of the declared `type` (scalars may come as strings).
bool fits(const nlohmann::json& v, const std::string& type) {
  if (type == "int")
    return v.is_number_integer() || (v.is_string() && isInteger(v.get<std::string>()));
  if (type == "bool")
    return v.is_boolean() ||
           (v.is_string() && (v.get<std::string>() == "true" || v.get<std::string>() == "false"));
  if (type.rfind("list[", 0) == 0) return v.is_array();
  if (type.rfind("map[", 0) == 0) return v.is_object();
  if (!type.empty() && type.front() == '"') {  // an enum: "a" | "b"
    return v.is_string() && type.find('"' + v.get<std::string>() + '"') != std::string::npos;
  }
  return v.is_primitive() && !v.is_null();  // string, secret, duration: any scalar as text
}

}  // namespace

KindOutputs readKindOutputs(const ResourceSpec& spec, const std::string& resource,
                            const std::string& command, const std::string& printed, bool complete) {
  KindOutputs r;
  const std::string who = "kind '" + spec.kind + "', resource '" + resource + "': " + command;
  auto fail = [&](std::string why) {
    r.outs.clear();
    r.error = who + " " + why;
    return r;
  };
  std::size_t first = printed.find_first_not_of(" \t\r\n");
  bool object = first != std::string::npos && printed[first] == '{';
  if (!object) {
    // Anything else printed is just output, unless outputs were owed.
    if (complete && !spec.outputs.empty())
      return fail("printed no JSON object; it must print the output '" + spec.outputs[0].first +
                  "' as {\"" + spec.outputs[0].first + "\": ...}");
    return r;
  }
  auto doc = nlohmann::json::parse(printed.substr(first), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return fail("printed invalid JSON for its outputs");
  for (const auto& [k, v] : doc.items()) {
    std::string type = typeOf(spec, k);
    if (type.empty()) return fail("printed output '" + k + "', which the kind does not declare");
    if (!fits(v, type))
      return fail("printed output '" + k + "' as " + v.dump() + ", which is not " +
                  (type == "int" ? "an int" : "a " + type));
    r.outs.emplace_back(k, v.is_string() ? v.get<std::string>() : v.dump());
  }
  if (complete)
    for (const auto& [name, type] : spec.outputs)
      if (!doc.contains(name)) return fail("did not print output '" + name + "'");
  return r;
}

}  // namespace magicc::runtime
