#include "plan/Params.h"

#include <fmt/format.h>

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>

#include "plan/DefineValue.h"
#include "plan/Quantity.h"
#include "support/Utf8.h"

namespace magicc::plan {

using diag::DiagId;

namespace {

// The literal text of a default value, as a param value.
std::optional<std::string> defaultText(const syntax::Expr& e) {
  switch (e.kind) {
    case syntax::ExprKind::String:
      return e.plainString();
    case syntax::ExprKind::Int:
      return std::to_string(e.intValue);
    case syntax::ExprKind::Bool:
      return std::string(e.boolValue ? "true" : "false");
    case syntax::ExprKind::Duration:
      return std::to_string(e.intValue) + "ms";
    case syntax::ExprKind::List: {
      std::string out;
      for (const auto& op : e.operands) {
        auto t = defaultText(*op);
        if (!t) return std::nullopt;
        out += (out.empty() ? "" : ",") + *t;
      }
      return out;
    }
    default:
      return std::nullopt;
  }
}

bool isUtf8(std::string_view v) {
  for (std::size_t i = 0; i < v.size();) {
    std::size_t len = support::utf8SequenceLength(v.substr(i));
    if (len == 0) return false;
    i += len;
  }
  return true;
}

// Empty when `value` fits `type`, else what was expected.
std::string checkType(const sema::Type& type, const std::string& value) {
  using K = sema::Type::Kind;
  switch (type.kind()) {
    case K::Int:
      return parseInteger(value) ? "" : "an integer";
    case K::Bool:
      return value == "true" || value == "false" ? "" : "true or false";
    case K::Duration:
      return parseDuration(value) ? "" : "a duration such as 30s (at most a year)";
    case K::Enum:
      return type.hasEnumValue(value) ? "" : "one of " + type.toString();
    case K::Optional:
      return checkType(*type.element(), value);
    default:
      return "";  // strings, secrets; lists and maps are comma-separated text
  }
}

}  // namespace

std::optional<ParamSet> resolveParams(const std::vector<const sema::ParamInfo*>& params,
                                      const std::vector<std::string>& defines, const Prompt& prompt,
                                      diag::DiagnosticEngine& diags) {
  std::map<std::string, const sema::ParamInfo*> byName;
  for (const auto* p : params) byName[p->name] = p;
  std::size_t errors = diags.errorCount();
  ParamSet set;
  bool stdinUsed = false;
  std::set<std::string> unreadable;
  for (const auto& d : defines) {
    auto eq = d.find('=');
    std::string name = d.substr(0, eq);
    if (eq == std::string::npos) {
      diags.report(DiagId::BadDefine, source::SourceRange{}, d);
      continue;
    }
    if (!byName.count(name)) {
      diags.report(DiagId::UnknownDefine, source::SourceRange{}, name);
      continue;
    }
    std::string why;
    auto value = readDefineValue(d.substr(eq + 1), stdinUsed, why);
    if (!value) {
      diags.report(DiagId::BadDefineReference, source::SourceRange{}, name, why);
      unreadable.insert(name);  // given, if badly: not missing too
      continue;
    }
    set.values[name] = std::move(value->value);
  }
  std::vector<std::string> missing;
  for (const auto& [name, p] : byName) {
    if (!set.values.count(name) && p->spec->defaultValue)
      if (auto text = defaultText(*p->spec->defaultValue)) set.values[name] = *text;
    if (!set.values.count(name) && !unreadable.count(name) &&
        p->type->kind() != sema::Type::Kind::Optional) {
      auto asked = prompt ? prompt(*p) : std::nullopt;
      if (asked)
        set.values[name] = *asked;
      else
        missing.push_back(name);
    }
  }
  if (!missing.empty()) {
    std::string names;
    for (const auto& m : missing) names += (names.empty() ? "'" : ", '") + m + "'";
    diags.report(DiagId::MissingParams, source::SourceRange{}, names);
  }
  for (const auto& [name, value] : set.values) {
    const sema::ParamInfo& p = *byName.at(name);
    bool secret = sema::containsSecret(*p.type);
    // Values are text: they travel in JSON (plans, the journal, events).
    // A secret never does (it is sealed, and redacted as bytes), so it may
    // be any bytes: a binary key, say.
    if (!secret && !isUtf8(value)) {
      diags.report(DiagId::BadParamValue, source::SourceRange{}, name, "UTF-8 text",
                   fmt::format("'{}'", support::printable(value)));
      continue;
    }
    if (std::string want = checkType(*p.type, value); !want.empty()) {
      diags.report(DiagId::BadParamValue, source::SourceRange{}, name, want,
                   secret ? "(sensitive)" : "'" + value + "'");
      continue;
    }
    if (p.spec->matches) {
      RE2 regex(p.spec->matches->name, RE2::Quiet);
      if (regex.ok() && !RE2::PartialMatch(value, regex))
        diags.report(DiagId::ParamDoesNotMatch, source::SourceRange{}, name,
                     secret ? "(sensitive)" : "'" + value + "'", p.spec->matches->name);
    }
    set.names.push_back(name);
    if (secret) set.secrets.push_back(name);
  }
  if (diags.errorCount() != errors) return std::nullopt;
  std::sort(set.names.begin(), set.names.end());  // the plan must not depend on hashing
  std::sort(set.secrets.begin(), set.secrets.end());
  return set;
}

}  // namespace magicc::plan
