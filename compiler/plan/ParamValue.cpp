#include "plan/ParamValue.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/Quantity.h"

namespace magicc::plan {

namespace {

using Json = nlohmann::ordered_json;
using K = sema::Type::Kind;

// A scalar of `type` (int, bool, duration, enum, string) from its text.
std::optional<std::string> scalarOf(const sema::Type& type, const std::string& text) {
  switch (type.kind()) {
    case K::Int:
      if (support::parseInteger(text)) return text;
      return std::nullopt;
    case K::Bool:
      if (text == "true" || text == "false") return text;
      return std::nullopt;
    case K::Duration:
      if (auto d = support::parseDuration(text)) return support::formatDuration(*d);
      return std::nullopt;
    case K::Enum:
      if (type.hasEnumValue(text)) return text;
      return std::nullopt;
    case K::Optional:
      return scalarOf(*type.element(), text);
    case K::List:
    case K::Map:
    case K::Error:
      return std::nullopt;
    default:
      return text;  // strings, secrets
  }
}

std::string expectedScalar(const sema::Type& type) {
  switch (type.kind()) {
    case K::Int:
      return "an integer";
    case K::Bool:
      return "true or false";
    case K::Duration:
      return "a duration such as 30s (at most a year)";
    case K::Enum:
      return "one of " + type.toString();
    case K::Optional:
      return expectedScalar(*type.element());
    default:
      return "text";
  }
}

// " (each element an integer)", or "" when any text fits.
std::string each(const sema::Type& element, const char* what) {
  K k = element.kind();
  if (k == K::String || k == K::Secret) return "";
  return std::string(" (") + what + " " + expectedScalar(element) + ")";
}

// A JSON element as the text of a scalar: strings as they are, numbers and
// booleans as JSON writes them.
std::optional<std::string> jsonScalarText(const Json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number_integer() || j.is_boolean()) return j.dump();
  return std::nullopt;
}

// The canonical JSON of one map value of `type`: numbers and booleans as
// JSON ones, the rest as strings.
std::optional<Json> mapValueOf(const sema::Type& type, const std::string& text) {
  auto scalar = scalarOf(type, text);
  if (!scalar) return std::nullopt;
  if (type.kind() == K::Int) return Json(std::stoll(*scalar));
  if (type.kind() == K::Bool) return Json(*scalar == "true");
  return Json(*scalar);
}

std::optional<std::string> listOf(const sema::Type& element, const std::string& text) {
  std::vector<std::string> items;
  if (!text.empty() && text.front() == '[') {
    Json doc = Json::parse(text, nullptr, false);
    if (!doc.is_array()) return std::nullopt;
    for (const auto& j : doc) {
      auto t = jsonScalarText(j);
      // Elements travel joined by commas, and the joined text must read back
      // as words: a comma or JSON punctuation inside an element cannot.
      if (!t || t->find_first_of(",[]{}\"") != std::string::npos) return std::nullopt;
      items.push_back(*t);
    }
  } else {
    // Words and commas: no JSON punctuation, which means a mistyped JSON list.
    if (text.find_first_of("[]{}\"") != std::string::npos) return std::nullopt;
    std::size_t start = 0;
    while (start <= text.size() && !text.empty()) {
      std::size_t comma = text.find(',', start);
      std::string word = text.substr(start, comma - start);
      if (!word.empty()) items.push_back(word);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  std::string out;
  for (const auto& item : items) {
    auto canonical = scalarOf(element, item);
    if (!canonical) return std::nullopt;
    out += (out.empty() ? "" : ",") + *canonical;
  }
  return out;
}

std::optional<std::string> mapOf(const sema::Type& element, const std::string& text) {
  Json doc = Json::parse(text, nullptr, false);
  if (!doc.is_object()) return std::nullopt;
  Json out = Json::object();
  for (const auto& [key, j] : doc.items()) {
    auto t = jsonScalarText(j);
    if (!t) return std::nullopt;
    auto v = mapValueOf(element, *t);
    if (!v) return std::nullopt;
    out[key] = std::move(*v);
  }
  return out.dump();
}

}  // namespace

ParamText paramValueOf(const sema::Type& type, const std::string& text) {
  const sema::Type& t = type.kind() == K::Optional ? *type.element() : type;
  ParamText out;
  if (t.kind() == K::List) {
    out.value = listOf(*t.element(), text);
    if (!out.value)
      out.expected = "a " + t.toString() +
                     ": a JSON list such as [\"a\",\"b\"] or words and commas such as a,b" +
                     each(*t.element(), "each element");
    return out;
  }
  if (t.kind() == K::Map) {
    out.value = mapOf(*t.element(), text);
    if (!out.value)
      out.expected = "a " + t.toString() + ": a JSON object such as {\"key\": value}" +
                     each(*t.element(), "each value");
    return out;
  }
  out.value = scalarOf(t, text);
  if (!out.value) out.expected = expectedScalar(t);
  return out;
}

std::optional<std::string> defaultValueText(const syntax::Expr& e) {
  switch (e.kind) {
    case syntax::ExprKind::String:
      return e.plainString();
    case syntax::ExprKind::Int:
      return std::to_string(e.intValue);
    case syntax::ExprKind::Bool:
      return std::string(e.boolValue ? "true" : "false");
    case syntax::ExprKind::Duration:
      return support::formatDuration(std::chrono::milliseconds(e.intValue));
    case syntax::ExprKind::Name:
      return e.name;  // an enum's value written bare
    case syntax::ExprKind::List: {
      Json list = Json::array();
      for (const auto& op : e.operands) {
        auto t = defaultValueText(*op);
        if (!t) return std::nullopt;
        list.push_back(*t);
      }
      return list.dump();  // read back by paramValueOf, as a -D would be
    }
    case syntax::ExprKind::Map: {
      Json map = Json::object();
      for (const auto& entry : e.entries) {
        auto t = defaultValueText(*entry.value);
        if (!t) return std::nullopt;
        if (entry.value->kind == syntax::ExprKind::Int)
          map[entry.key.name] = entry.value->intValue;
        else if (entry.value->kind == syntax::ExprKind::Bool)
          map[entry.key.name] = entry.value->boolValue;
        else
          map[entry.key.name] = *t;
      }
      return map.dump();
    }
    default:
      return std::nullopt;
  }
}

}  // namespace magicc::plan
