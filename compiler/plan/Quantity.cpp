#include "plan/Quantity.h"

namespace magicc::plan {

using diag::DiagId;

std::optional<std::string> QuantityReader::text(const syntax::Field* field) const {
  if (!field) return std::nullopt;
  const syntax::Expr& v = *field->value;
  switch (v.kind) {
    case syntax::ExprKind::Int:
      return std::to_string(v.intValue);
    case syntax::ExprKind::Duration:
      return support::formatDuration(std::chrono::milliseconds(v.intValue));
    case syntax::ExprKind::String:
      return v.plainString();
    case syntax::ExprKind::Name:
      if (auto it = params_.find(v.name); it != params_.end()) return it->second;
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

std::optional<std::chrono::milliseconds> QuantityReader::duration(
    const syntax::Field* field) const {
  if (field && field->value->kind == syntax::ExprKind::Duration)
    return std::chrono::milliseconds(field->value->intValue);
  auto value = text(field);
  if (!value) return std::nullopt;
  if (auto d = parseDuration(*value)) return d;
  diags_.report(DiagId::BadDurationField, field->value->range, owner_, field->name.name, *value,
                field->value->name);
  return std::nullopt;
}

std::optional<long long> QuantityReader::count(const syntax::Field* field, long long min) const {
  // A literal was range-checked by `check`.
  if (field && field->value->kind == syntax::ExprKind::Int) return field->value->intValue;
  auto value = text(field);
  if (!value) return std::nullopt;
  auto n = parseInteger(*value);
  if (n && *n >= min && *n <= kMaxCount) return n;
  diags_.report(DiagId::CountFieldOutOfRange, field->value->range, owner_, field->name.name, min,
                *value, field->value->name);
  return std::nullopt;
}

std::optional<Share> QuantityReader::share(const syntax::Field* field) const {
  auto value = text(field);
  if (!value) return std::nullopt;
  if (auto s = parseShare(*value)) return s;
  diags_.report(DiagId::BadShareField, field->value->range, owner_, field->name.name, *value);
  return std::nullopt;
}

}  // namespace magicc::plan
