#include "syntax/Ast.h"

namespace magicc::syntax {

namespace {

const Field* findField(const std::vector<Field>& fields, std::string_view name) {
  for (const auto& f : fields)
    if (f.name.name == name) return &f;
  return nullptr;
}

}  // namespace

const Field* BlockDecl::field(std::string_view fieldName) const {
  return findField(fields, fieldName);
}

const Field* StageDecl::field(std::string_view fieldName) const {
  return findField(fields, fieldName);
}

std::optional<std::string> Expr::plainString() const {
  if (kind != ExprKind::String) return std::nullopt;
  std::string out;
  for (const auto& p : parts) {
    if (p.kind == StringPart::Kind::Interpolation) return std::nullopt;
    out += p.text;
  }
  return out;
}

}  // namespace magicc::syntax
