#include "plan/Params.h"

#include <fmt/format.h>

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>

#include "plan/DefineValue.h"
#include "plan/ParamValue.h"
#include "plan/Quantity.h"
#include "support/Suggest.h"
#include "support/Utf8.h"

namespace magicc::plan {

using diag::DiagId;

namespace {

bool isUtf8(std::string_view v) {
  for (std::size_t i = 0; i < v.size();) {
    std::size_t len = support::utf8SequenceLength(v.substr(i));
    if (len == 0) return false;
    i += len;
  }
  return true;
}

}  // namespace

std::optional<ParamSet> resolveParams(const std::vector<const sema::ParamInfo*>& params,
                                      const std::vector<GivenParam>& given, const Prompt& prompt,
                                      diag::DiagnosticEngine& diags,
                                      const std::map<std::string, std::string>& elsewhere) {
  std::map<std::string, const sema::ParamInfo*> byName;
  for (const auto* p : params) byName[p->name] = p;
  std::size_t errors = diags.errorCount();
  ParamSet set;
  bool stdinUsed = false;
  std::set<std::string> unreadable;
  std::map<std::string, source::SourceRange> where;  // a vars file's entry, for its errors
  for (const auto& g : given) {
    std::string name = g.name;
    if (!g.fromFile()) {
      auto eq = g.define.find('=');
      if (eq == std::string::npos) {
        diags.report(DiagId::BadDefine, source::SourceRange{}, g.define);
        continue;
      }
      name = g.define.substr(0, eq);
    }
    if (!byName.count(name)) {
      std::string hint;
      if (auto it = elsewhere.find(name); it != elsewhere.end()) {
        hint = "; it is a param of " + it->second;
      } else {
        std::vector<std::string_view> names;
        for (const auto& [known, p] : byName) names.push_back(known);
        hint = support::didYouMean(name, names);
      }
      if (g.fromFile())
        diags.report(DiagId::UnknownVarsName, g.at, name, hint);
      else
        diags.report(DiagId::UnknownDefine, source::SourceRange{}, name, hint);
      continue;
    }
    if (g.fromFile()) {
      set.values[name] = g.value;
      where[name] = g.at;
      unreadable.erase(name);
      continue;
    }
    std::string why;
    auto value = readDefineValue(g.define.substr(g.define.find('=') + 1), stdinUsed, why);
    if (!value) {
      diags.report(DiagId::BadDefineReference, source::SourceRange{}, name, why);
      unreadable.insert(name);  // given, if badly: not missing too
      continue;
    }
    set.values[name] = std::move(value->value);
    where.erase(name);
  }
  for (const auto& [name, value] : set.values) set.given.push_back(name);
  std::vector<std::string> missing;
  for (const auto& [name, p] : byName) {
    if (!set.values.count(name) && p->spec->defaultValue)
      if (auto text = defaultValueText(*p->spec->defaultValue)) set.values[name] = *text;
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
  for (auto& [name, value] : set.values) {
    const sema::ParamInfo& p = *byName.at(name);
    bool secret = sema::containsSecret(*p.type);
    // Values are text: they travel in JSON (plans, the journal, events).
    // A secret never does (it is sealed, and redacted as bytes), so it may
    // be any bytes: a binary key, say.
    if (!secret && !isUtf8(value)) {
      diags.report(DiagId::BadParamValue, where[name], name, "UTF-8 text",
                   fmt::format("'{}'", support::printable(value)));
      continue;
    }
    ParamText canonical = paramValueOf(*p.type, value);
    if (!canonical.value) {
      diags.report(DiagId::BadParamValue, where[name], name, canonical.expected,
                   secret ? "(sensitive)" : "'" + value + "'");
      continue;
    }
    value = std::move(*canonical.value);
    if (p.spec->matches) {
      RE2 regex(p.spec->matches->name, RE2::Quiet);
      if (regex.ok() && !RE2::PartialMatch(value, regex))
        diags.report(DiagId::ParamDoesNotMatch, where[name], name,
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
