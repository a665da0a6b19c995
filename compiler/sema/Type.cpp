#include "sema/Type.h"

#include <algorithm>

namespace magicc::sema {

namespace {

TypeRef make(Type::Kind kind, TypeRef element = nullptr, std::vector<std::string> values = {}) {
  return std::make_shared<const Type>(kind, std::move(element), std::move(values));
}

}  // namespace

TypeRef Type::error() {
  static const TypeRef t = make(Kind::Error);
  return t;
}
TypeRef Type::boolean() {
  static const TypeRef t = make(Kind::Bool);
  return t;
}
TypeRef Type::integer() {
  static const TypeRef t = make(Kind::Int);
  return t;
}
TypeRef Type::string() {
  static const TypeRef t = make(Kind::String);
  return t;
}
TypeRef Type::duration() {
  static const TypeRef t = make(Kind::Duration);
  return t;
}
TypeRef Type::secret() {
  static const TypeRef t = make(Kind::Secret);
  return t;
}
TypeRef Type::list(TypeRef element) {
  return make(Kind::List, std::move(element));
}
TypeRef Type::map(TypeRef element) {
  return make(Kind::Map, std::move(element));
}
TypeRef Type::optional(TypeRef element) {
  if (element->kind() == Kind::Optional) return element;
  return make(Kind::Optional, std::move(element));
}
TypeRef Type::enumeration(std::vector<std::string> values) {
  return make(Kind::Enum, nullptr, std::move(values));
}

TypeRef Type::scalar(const std::string& name) {
  if (name == "bool") return boolean();
  if (name == "int") return integer();
  if (name == "string") return string();
  if (name == "duration") return duration();
  if (name == "secret") return secret();
  return nullptr;
}

bool Type::hasEnumValue(const std::string& v) const {
  return std::find(values_.begin(), values_.end(), v) != values_.end();
}

std::string Type::toString() const {
  switch (kind_) {
    case Kind::Error:
      return "<error>";
    case Kind::Bool:
      return "bool";
    case Kind::Int:
      return "int";
    case Kind::String:
      return "string";
    case Kind::Duration:
      return "duration";
    case Kind::Secret:
      return "secret";
    case Kind::List:
      return "list[" + element_->toString() + "]";
    case Kind::Map:
      return "map[" + element_->toString() + "]";
    case Kind::Optional:
      return element_->toString() + "?";
    case Kind::Enum: {
      std::string out;
      for (std::size_t i = 0; i < values_.size(); ++i)
        out += (i ? " | \"" : "\"") + values_[i] + "\"";
      return out;
    }
  }
  return "<error>";
}

bool sameType(const Type& a, const Type& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Type::Kind::List:
    case Type::Kind::Map:
    case Type::Kind::Optional:
      return sameType(*a.element(), *b.element());
    case Type::Kind::Enum:
      return a.enumValues() == b.enumValues();
    default:
      return true;
  }
}

bool isAssignable(const Type& from, const Type& to) {
  using K = Type::Kind;
  if (from.isError() || to.isError()) return true;
  if (sameType(from, to)) return true;
  switch (to.kind()) {
    case K::Optional:
      if (from.kind() == K::Optional) return isAssignable(*from.element(), *to.element());
      return isAssignable(from, *to.element());
    case K::Secret:
      return from.kind() == K::String || from.kind() == K::Enum;
    case K::String:
      return from.kind() == K::Enum;
    case K::Enum:
      return from.kind() == K::Enum &&
             std::all_of(from.enumValues().begin(), from.enumValues().end(),
                         [&](const std::string& v) { return to.hasEnumValue(v); });
    case K::List:
    case K::Map:
      return from.kind() == to.kind() && isAssignable(*from.element(), *to.element());
    default:
      return false;
  }
}

bool containsSecret(const Type& t) {
  if (t.kind() == Type::Kind::Secret) return true;
  return t.element() && containsSecret(*t.element());
}

}  // namespace magicc::sema
