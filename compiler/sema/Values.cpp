// Type-checking values: literals, lists, maps, params by bare name, and the
// ${...} parts of strings (which must name something that exists where the
// string stands, and must not carry a secret into the clear).
#include <fmt/format.h>

#include "sema/Analyzer.h"
#include "support/Suggest.h"

namespace magicc::sema {

using diag::DiagId;
using syntax::Expr;
using syntax::ExprKind;

const ParamInfo* Analyzer::lookupParam(const std::string& name, const Scope& scope) const {
  if (scope.pipelineParams) {
    if (auto it = scope.pipelineParams->find(name); it != scope.pipelineParams->end())
      return &it->second;
  }
  auto it = model_.params.find(name);
  return it == model_.params.end() ? nullptr : &it->second;
}

std::vector<std::string_view> Analyzer::paramNames(const Scope& scope) const {
  std::vector<std::string_view> names;
  for (const auto& [name, p] : model_.params) names.push_back(name);
  if (scope.pipelineParams)
    for (const auto& [name, p] : *scope.pipelineParams) names.push_back(name);
  if (scope.eachAvailable) names.push_back("each");
  return names;
}

std::string Analyzer::describe(const Expr& e, const Scope& scope) const {
  switch (e.kind) {
    case ExprKind::Bool:
      return e.boolValue ? "true" : "false";
    case ExprKind::Int:
      return fmt::format("the integer {}", e.intValue);
    case ExprKind::Duration:
      return "a duration";
    case ExprKind::String: {
      auto plain = e.plainString();
      return plain ? fmt::format("the string \"{}\"", *plain) : "a string";
    }
    case ExprKind::List:
      return "a list";
    case ExprKind::Map:
      return "a map";
    case ExprKind::Name: {
      if (const ParamInfo* p = lookupParam(e.name, scope))
        return fmt::format("param '{}' of type {}", e.name, p->type->toString());
      return fmt::format("'{}'", e.name);
    }
    default:
      return "a condition";
  }
}

// `$NAME` stays as written for the shell, unless NAME is one of magicc's
// names (then it is a forgotten `{...}`) or the string is not a command (then
// nothing would expand it).
void Analyzer::checkShellVariable(const syntax::StringPart& part, const Scope& scope,
                                  bool command) {
  std::string name = part.text.substr(1);
  bool magiccs = false;
  if (scope.kind)
    magiccs = scope.kind->field(name) != nullptr;
  else
    magiccs = name == "each" || name.rfind("host.", 0) == 0 || lookupParam(name, scope) != nullptr;
  if (!magiccs && command) return;
  auto& d = diags_.report(magiccs ? DiagId::ShellVariableNamesValue : DiagId::LoneDollar,
                          part.range, name);
  // Appended, not "literal" + string: GCC 12 warns falsely on the latter.
  std::string value = "${";
  value += name;
  value += '}';
  std::string shells = "$";
  shells += part.text;
  d.fixIts.push_back({part.range, std::move(value)});
  d.fixIts.push_back({part.range, std::move(shells)});
}

Analyzer::SecretUse Analyzer::checkInterpolations(const Expr& string, const Scope& scope,
                                                  bool command) {
  SecretUse secret;
  for (const auto& part : string.parts) {
    if (part.kind == syntax::StringPart::Kind::ShellVariable)
      checkShellVariable(part, scope, command);
    if (part.kind != syntax::StringPart::Kind::Interpolation) continue;
    const std::string& name = part.text;
    if (scope.kind) {
      // A kind's commands see only the resource's own fields.
      const KindField* field = scope.kind->field(name);
      if (!field) {
        std::vector<std::string_view> names;
        for (const auto& f : scope.kind->fields) names.push_back(f.name);
        diags_.report(DiagId::KindInterpolationNotField, part.range, scope.kind->name,
                      scope.kindPart, name, support::didYouMean(name, names));
      } else if (containsSecret(*field->type)) {
        diags_.report(DiagId::SecretInterpolated, part.range, name,
                      fmt::format("the {}: command", scope.kindPart));
      }
      continue;
    }
    if (name == "host" || name.rfind("host.", 0) == 0) {
      bool known = name == "host.name" || name == "host.address" ||
                   (name.rfind("host.vars.", 0) == 0 && name.size() > 10);
      // host.* is defined everywhere: the target host, or the machine running
      // magicc for work without one.
      if (!known) diags_.report(DiagId::UnknownHostAttribute, part.range, name);
      continue;
    }
    if (name == "each") {
      if (!scope.eachAvailable) diags_.report(DiagId::EachWithoutForeach, part.range);
      continue;
    }
    const ParamInfo* param = lookupParam(name, scope);
    if (!param) {
      std::vector<std::string_view> names = paramNames(scope);
      diags_.report(DiagId::UnknownInterpolation, part.range, name,
                    support::didYouMean(name, names));
      continue;
    }
    auto k = param->type->kind() == Type::Kind::Optional ? param->type->element()->kind()
                                                         : param->type->kind();
    if (k == Type::Kind::List || k == Type::Kind::Map) {
      diags_.report(DiagId::InterpolatedNotScalar, part.range, name,
                    "a " + param->type->toString());
      continue;
    }
    if (containsSecret(*param->type) && !secret.param) secret = {param, part.range};
  }
  return secret;
}

// A command line (run:, check:, apply:, exec's cmd) is shown, logged and
// journaled: no secret may be interpolated into it.
void Analyzer::checkCommand(const Expr& e, const std::string& what, const Scope& scope,
                            bool shell) {
  if (e.kind != ExprKind::String) {
    checkValue(e, Type::string(), what, scope);
    return;
  }
  if (shell) {
    auto text = e.plainString();
    if (text && text->find_first_not_of(" \t\n") == std::string::npos)
      diags_.report(DiagId::EmptyCommand, e.range, what);
  }
  if (SecretUse secret = checkInterpolations(e, scope, shell); secret.param)
    diags_.report(DiagId::SecretInterpolated, secret.range, secret.param->name, what);
  warnNestedShell(e);
}

// The runtime passes ${...} values as environment variables, so the shell it
// starts never parses them. In `sh -c "...${x}..."` that shell expands the
// value into the text the nested shell then parses as code.
void Analyzer::warnNestedShell(const Expr& command) {
  enum class Quote { None, Single, Double } quote = Quote::None;
  bool nested = false;  // the open double quote follows `-c`
  std::string before;   // the unquoted text so far
  for (const auto& part : command.parts) {
    if (part.kind == syntax::StringPart::Kind::Interpolation) {
      if (quote == Quote::Double && nested)
        diags_.report(DiagId::NestedShellInterpolation, part.range, part.text);
      continue;
    }
    for (std::size_t i = 0; i < part.text.size(); ++i) {
      char c = part.text[i];
      if (quote != Quote::Single && c == '\\') {
        ++i;
        continue;
      }
      if (c == '\'' && quote != Quote::Double) {
        quote = quote == Quote::Single ? Quote::None : Quote::Single;
      } else if (c == '"' && quote != Quote::Single) {
        if (quote == Quote::None) {
          std::string_view text(before);
          while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
          nested = text.size() >= 3 && text.substr(text.size() - 3) == " -c";
          quote = Quote::Double;
        } else {
          quote = Quote::None;
        }
      } else if (quote == Quote::None) {
        before += c;
      }
    }
  }
}

void Analyzer::checkValue(const Expr& e, const TypeRef& expected, const std::string& what,
                          const Scope& scope) {
  using K = Type::Kind;
  if (e.kind == ExprKind::Error || expected->isError()) {
    if (e.kind == ExprKind::String) checkInterpolations(e, scope);
    return;
  }
  const Type& want = expected->kind() == K::Optional ? *expected->element() : *expected;
  auto mismatch = [&] {
    auto& d = diags_.report(DiagId::TypeMismatch, e.range, what, expected->toString(),
                            describe(e, scope));
    // `mode: 0644` or `name: nginx`: the text was meant as a string.
    bool wantsString = want.kind() == K::String || want.kind() == K::Secret;
    bool bare = e.kind == ExprKind::Int || e.kind == ExprKind::Duration ||
                (e.kind == ExprKind::Name && !lookupParam(e.name, scope));
    if (wantsString && bare && e.range.valid()) {
      std::string_view file = sources_.text(e.range.begin.file);
      if (e.range.end.offset <= file.size() && e.range.begin.offset < e.range.end.offset) {
        std::string_view written =
            file.substr(e.range.begin.offset, e.range.end.offset - e.range.begin.offset);
        std::string quoted = "\"";
        quoted += written;
        quoted += '"';
        d.fixIts.push_back({e.range, std::move(quoted)});
      }
    }
  };
  switch (e.kind) {
    case ExprKind::Bool:
      if (want.kind() != K::Bool) mismatch();
      return;
    case ExprKind::Int:
      if (want.kind() != K::Int) mismatch();
      return;
    case ExprKind::Duration:
      if (want.kind() != K::Duration) mismatch();
      return;
    case ExprKind::String: {
      SecretUse secret = checkInterpolations(e, scope);
      if (want.kind() == K::Enum) {
        auto plain = e.plainString();
        if (!plain)
          mismatch();
        else if (!want.hasEnumValue(*plain))
          diags_.report(DiagId::NotAnEnumValue, e.range, *plain, want.toString());
        return;
      }
      if (want.kind() != K::String && want.kind() != K::Secret) {
        mismatch();
        return;
      }
      if (secret.param && want.kind() != K::Secret)
        diags_.report(DiagId::SecretInterpolated, secret.range, secret.param->name, what);
      return;
    }
    case ExprKind::List:
      if (want.kind() != K::List) {
        mismatch();
        return;
      }
      for (const auto& element : e.operands)
        checkValue(*element, want.element(), what + " element", scope);
      return;
    case ExprKind::Map:
      if (want.kind() != K::Map) {
        mismatch();
        return;
      }
      for (const auto& entry : e.entries)
        checkValue(*entry.value, want.element(), fmt::format("{} entry '{}'", what, entry.key.name),
                   scope);
      return;
    case ExprKind::Name: {
      const ParamInfo* param = lookupParam(e.name, scope);
      if (!param) {
        std::vector<std::string_view> names = paramNames(scope);
        diags_.report(DiagId::UnknownName, e.range, "param", e.name,
                      support::didYouMean(e.name, names));
        return;
      }
      if (!isAssignable(*param->type, *expected)) {
        if (containsSecret(*param->type) && !containsSecret(*expected))
          diags_.report(DiagId::SecretIntoField, e.range, param->name, what);
        else
          mismatch();
      }
      return;
    }
    default:
      return;  // conditions where values belong were reported by the syntax phase
  }
}

void Analyzer::checkNodeList(const Expr& e, const char* what, bool resourcesOnly,
                             const std::function<void(const NodeInfo&)>& found) {
  if (e.kind != ExprKind::List) {
    checkNodeName(e, what, resourcesOnly, found);
    return;
  }
  for (const auto& op : e.operands) checkNodeName(*op, what, resourcesOnly, found);
}

void Analyzer::checkNodeName(const Expr& n, const char* what, bool resourcesOnly,
                             const std::function<void(const NodeInfo&)>& found) {
  if (n.kind == ExprKind::Error || n.isCondition()) return;  // reported by the parser
  if (n.kind != ExprKind::Name) {
    diags_.report(DiagId::TypeMismatch, n.range, what, "a name or a list of names",
                  describe(n, Scope{}));
    return;
  }
  const NodeInfo* node = findNode(n.name);
  if (node && resourcesOnly && node->kind != NodeInfo::Kind::Resource) {
    diags_.report(DiagId::NotAResource, n.range, n.name, what);
    return;
  }
  if (!node) {
    std::vector<std::string_view> candidates;
    for (const auto& other : model_.nodes)
      if (!resourcesOnly || other.kind == NodeInfo::Kind::Resource)
        candidates.push_back(other.name);
    reportUnknownNode(resourcesOnly ? "resource" : "item or resource", n.name, n.range, candidates);
    return;
  }
  found(*node);
}

void Analyzer::checkIntRange(const syntax::Field& f, std::int64_t min, const char* wanted,
                             const Scope& scope) {
  std::string what = fmt::format("'{}'", f.name.name);
  checkValue(*f.value, Type::integer(), what, scope);
  if (f.value->kind == ExprKind::Int && f.value->intValue < min)
    diags_.report(DiagId::ValueOutOfRange, f.value->range, what, wanted, f.value->intValue);
}

}  // namespace magicc::sema
