// Conditions: `$param` references must exist, and the make-magic precedence
// trap gets a warning with the parenthesised reading as a fix-it.
#include <fmt/format.h>

#include "sema/Analyzer.h"
#include "support/Suggest.h"

namespace magicc::sema {

using diag::DiagId;
using syntax::Expr;
using syntax::ExprKind;

std::string Analyzer::text(source::SourceRange range) const {
  if (!range.valid()) return {};
  std::string_view all = sources_.text(range.begin.file);
  return std::string(all.substr(range.begin.offset, range.end.offset - range.begin.offset));
}

void Analyzer::checkCondition(const Expr& e, const Scope& scope) {
  switch (e.kind) {
    case ExprKind::ParamRef: {
      const ParamInfo* p = lookupParam(e.name, scope);
      if (!p) {
        std::vector<std::string_view> names = paramNames(scope);
        diags_.report(DiagId::UnknownName, e.range, "param", "$" + e.name,
                      support::didYouMean(e.name, names));
      } else if (!isAssignable(*p->type, *Type::string()) || containsSecret(*p->type)) {
        diags_.report(DiagId::TypeMismatch, e.range, "a comparison", "a string param",
                      fmt::format("param '{}' of type {}", p->name, p->type->toString()));
      }
      return;
    }
    case ExprKind::Or:
      warnMixedAndOr(e);
      [[fallthrough]];
    case ExprKind::And:
    case ExprKind::Not:
    case ExprKind::Compare:
      for (const auto& op : e.operands) checkCondition(*op, scope);
      return;
    default:
      return;
  }
}

// make-magic parsed `a & b | c` as `a & (b | c)`; magic, like most languages,
// reads `(a & b) | c`. A condition imported from make-magic, or written by
// someone used to it, silently changes meaning: say so, as clang's
// -Wparentheses does, and offer the parentheses.
void Analyzer::warnMixedAndOr(const Expr& orExpr) {
  bool mixed = false;
  for (const auto& op : orExpr.operands)
    mixed = mixed || (op->kind == ExprKind::And && !op->parenthesized);
  if (!mixed) return;
  std::string reading;
  for (std::size_t i = 0; i < orExpr.operands.size(); ++i) {
    const Expr& op = *orExpr.operands[i];
    bool wrap = op.kind == ExprKind::And && !op.parenthesized;
    reading += (i ? " | " : "") + std::string(wrap ? "(" : "") + text(op.range) + (wrap ? ")" : "");
  }
  source::SourceRange at = orExpr.operatorRanges.empty() ? orExpr.range : orExpr.operatorRanges[0];
  auto& d = diags_.report(DiagId::MixedAndOr, at, "'" + reading + "'");
  for (const auto& op : orExpr.operands) {
    if (op->kind != ExprKind::And || op->parenthesized) continue;
    d.fixIts.push_back({source::SourceRange(op->range.begin), "("});
    d.fixIts.push_back({source::SourceRange(op->range.end), ")"});
  }
}

}  // namespace magicc::sema
